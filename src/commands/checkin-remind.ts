import { reminderText } from '../cards/attendance'
import type { ActivityAttendance } from '../db/attendance'
import { reachable } from '../db/attendance'
import { findLocale } from '../db/queries'
import type { Db } from '../db/store'
import type { Locale } from '../i18n'
import { type Platform, text } from '../messages'
import type { Envelope } from '../outbox/enqueue'

/** The job-run key shared by the automatic nudge and the card button, so a missing member hears it once. */
export const REMIND_JOB = 'checkin-remind'
export const remindSlot = (activityId: number) => `activity:${activityId}`

export type Reminders = { messages: (Envelope & { platform: Platform })[]; unreachable: number }

/** One private reminder to each missing member who can be reached, in their own language. */
export async function missingReminders(
  db: Db,
  facts: ActivityAttendance,
  now: number,
  timeZone: string,
  defaultLocale: Locale,
): Promise<Reminders> {
  const missing = facts.attendance.missing
  const accounts = await reachable(
    db,
    missing.map((m) => m.id),
    facts.activity.platform,
  )
  const messages = await Promise.all(
    [...accounts.values()].map(async ({ platform, userId }) => {
      const locale = (await findLocale(db, platform, userId)) ?? defaultLocale
      return {
        platform: platform as Platform,
        to: { kind: 'user' as const, id: userId },
        locale,
        reply: text(reminderText(locale, facts, now, timeZone)),
      }
    }),
  )
  return { messages, unreachable: missing.length - accounts.size }
}
