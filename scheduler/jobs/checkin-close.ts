import { attendanceCard } from '../../src/cards/attendance'
import { activitiesClosingBetween, activityById, holdersOf } from '../../src/db/activities'
import { loadAttendance, reachable } from '../../src/db/attendance'
import { findLocale } from '../../src/db/queries'
import { card, type Platform } from '../../src/messages'
import type { Job, JobOutput } from '../job'

const DAY_MS = 24 * 3_600_000

/** When a check-in window closes (late window included), the branch secretary gets the attendance card privately. */
export const checkinCloseJob: Job = {
  name: 'checkin-close',
  async slots({ db, now }) {
    const rows = await activitiesClosingBetween(db, 'lateUntil', now - DAY_MS, now)
    return rows.map((a) => ({ key: `activity:${a.id}`, dueAt: a.lateUntil }))
  },
  async run(ctx, slot): Promise<JobOutput> {
    const activity = await activityById(ctx.db, Number(slot.key.split(':')[1]))
    if (!activity) return { writes: [], messages: [] }
    // A committee-wide activity has no branch secretary; its leaders get the card instead.
    const secretaries = await holdersOf(ctx.db, 'secretary', activity.unitId)
    const recipients = secretaries.length ? secretaries : await holdersOf(ctx.db, 'leader', activity.unitId)
    const facts = await loadAttendance(ctx.db, activity)
    const accounts = await reachable(ctx.db, recipients, activity.platform)
    const messages = await Promise.all(
      [...accounts.values()].map(async ({ platform, userId }) => {
        const locale = (await findLocale(ctx.db, platform, userId)) ?? ctx.defaultLocale
        return {
          platform: platform as Platform,
          to: { kind: 'user' as const, id: userId },
          locale,
          reply: card(attendanceCard(locale, facts, ctx.now, ctx.timeZone)),
        }
      }),
    )
    return { writes: [], messages }
  },
}
