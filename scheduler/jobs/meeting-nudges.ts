import { and, count, eq, gte, lte } from 'drizzle-orm'
import { activities } from '../../src/db/schema'
import { zonedTime } from '../../src/domain/time'
import { type CalendarEntry, entriesFor, nudgeOn, type Period } from '../calendar'
import { accountsWithRole, localeOf, privateMessage } from '../calendar-targets'
import { calendarText } from '../calendar-text'
import { dataOf, dueDays, scopesOf, slotAt, viewAt } from '../calendar-view'
import type { Job, JobOutput, Slot } from '../job'

type Data = { unitId: number; unitName: string; entry: CalendarEntry; period: Period; day: string }

const daysLeft = (day: string, end: string) =>
  Math.round((Date.parse(end) - Date.parse(day)) / 86_400_000) + 1

/**
 * Before a month or quarter ends, the secretary of a branch that has recorded no activity of a meeting's type in
 * that period hears it privately. "Recorded" means an `activities` row of that type opened in the period.
 */
export const meetingNudgesJob: Job = {
  name: 'meeting-nudges',
  async slots({ db, now, timeZone }) {
    const view = await viewAt(db, now)
    const slots: Slot[] = []
    for (const day of dueDays(view, now, timeZone))
      for (const unit of [...view.units.values()].filter((u) => u.kind === 'branch'))
        for (const entry of entriesFor(view.entries, scopesOf(view.units, unit.id))) {
          const period = nudgeOn(entry, day, view.wd)
          if (period)
            slots.push(
              slotAt<Data>(`${entry.key}:${period.id}@${unit.code}`, day, entry.at, timeZone, {
                unitId: unit.id,
                unitName: unit.name,
                entry,
                period,
                day,
              }),
            )
        }
    return slots.filter((s) => s.dueAt <= now)
  },
  async run(ctx, slot): Promise<JobOutput> {
    const { unitId, unitName, entry, period, day } = dataOf<Data>(slot)
    const [held] = await ctx.db
      .select({ n: count() })
      .from(activities)
      .where(
        and(
          eq(activities.unitId, unitId),
          eq(activities.type, entry.type),
          gte(activities.opensAt, zonedTime(period.start, '00:00', ctx.timeZone)),
          lte(activities.opensAt, ctx.now),
        ),
      )
    if ((held?.n ?? 0) > 0) return { writes: [], messages: [] }
    const secretaries = await accountsWithRole(ctx.db, 'secretary', [unitId])
    const messages = await Promise.all(
      secretaries.map(async (s) => {
        const locale = await localeOf(ctx, s.platform, s.userId)
        const text = calendarText(locale, 'nudge', {
          branch: unitName,
          title: entry.title,
          period: calendarText(locale, period.id.includes('Q') ? 'quarter' : 'month'),
          from: period.start,
          to: period.end,
          days: daysLeft(day, period.end),
        })
        return privateMessage(s.platform, s.userId, locale, { kind: 'text', text })
      }),
    )
    return { writes: [], messages }
  },
}
