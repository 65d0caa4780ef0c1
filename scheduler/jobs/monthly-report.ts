import { and, count, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm'
import { activities, members, pointsLedger } from '../../src/db/schema'
import { lineage } from '../../src/domain/members'
import { periodStart, zonedTime } from '../../src/domain/time'
import { addDays } from '../../src/domain/workdays'
import { card } from '../../src/messages'
import { periodOf } from '../calendar'
import { accountsOfMember, accountsWithRole, localeOf, privateMessage } from '../calendar-targets'
import { calendarText } from '../calendar-text'
import { dataOf, dueDays, slotAt, viewAt } from '../calendar-view'
import type { Job, JobOutput, Slot } from '../job'

const AT = '10:00'

type Branch = { id: number; name: string }
type Data = { memberId: number; month: string; from: string; to: string; branches: Branch[] }

/**
 * On the first working day of a month each leader hears privately, per branch under them, how many activities
 * were held last month and how many points were earned. One slot per leader and month.
 */
export const monthlyReportJob: Job = {
  name: 'monthly-report',
  async slots({ db, now, timeZone }) {
    const view = await viewAt(db, now)
    const slots: Slot[] = []
    for (const day of dueDays(view, now, timeZone)) {
      if (view.wd.shift(periodStart(day, 'month'), 1) !== day) continue
      const last = periodOf(addDays(periodStart(day, 'month'), -1), 'month')
      const leaders = await accountsWithRole(db, 'leader', [...view.units.keys()])
      for (const memberId of new Set(leaders.map((l) => l.memberId))) {
        const over = leaders.filter((l) => l.memberId === memberId).map((l) => l.unitId)
        const branches = [...view.units.values()]
          .filter((u) => u.kind === 'branch' && lineage(view.units, u.id).some((id) => over.includes(id)))
          .map((u) => ({ id: u.id, name: u.name }))
        const data = { memberId, month: last.id, from: last.start, to: last.end, branches }
        slots.push(slotAt<Data>(`${last.id}@m${memberId}`, day, AT, timeZone, data))
      }
    }
    return slots.filter((s) => s.dueAt <= now)
  },
  async run(ctx, slot): Promise<JobOutput> {
    const { memberId, month, from, to, branches } = dataOf<Data>(slot)
    const ids = branches.map((b) => b.id)
    const held = await ctx.db
      .select({ unitId: activities.unitId, n: count() })
      .from(activities)
      .where(
        and(
          inArray(activities.unitId, ids),
          gte(activities.opensAt, zonedTime(from, '00:00', ctx.timeZone)),
          lt(activities.opensAt, zonedTime(addDays(to, 1), '00:00', ctx.timeZone)),
        ),
      )
      .groupBy(activities.unitId)
    const points = await ctx.db
      .select({ unitId: members.branchId, n: sql<number>`sum(${pointsLedger.points})` })
      .from(pointsLedger)
      .innerJoin(members, eq(members.id, pointsLedger.memberId))
      .where(and(inArray(members.branchId, ids), gte(pointsLedger.day, from), lte(pointsLedger.day, to)))
      .groupBy(members.branchId)
    const heldOf = (id: number) => held.find((h) => h.unitId === id)?.n ?? 0
    const pointsOf = (id: number) => Number(points.find((p) => p.unitId === id)?.n ?? 0)
    const accounts = await accountsOfMember(ctx.db, memberId)
    const messages = await Promise.all(
      accounts.map(async (a) => {
        const locale = await localeOf(ctx, a.platform, a.userId)
        const t = (key: string, params = {}) => calendarText(locale, key, params)
        const reply = card({
          title: t('reportTitle', { month }),
          tone: 'info',
          sections: [
            {
              kind: 'table',
              columns: t('reportColumns').split('|'),
              rows: branches.map((b) => [b.name, String(heldOf(b.id)), String(pointsOf(b.id))]),
            },
            {
              kind: 'markdown',
              text: t('reportTotal', {
                activities: ids.reduce((s, id) => s + heldOf(id), 0),
                points: ids.reduce((s, id) => s + pointsOf(id), 0),
              }),
            },
          ],
        })
        return privateMessage(a.platform, a.userId, locale, reply)
      }),
    )
    return { writes: [], messages }
  },
}
