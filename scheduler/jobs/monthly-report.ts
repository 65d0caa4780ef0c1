import { summaryCard } from '../../src/cards/summary'
import { branchesUnder } from '../../src/db/dispatch-facts'
import { loadSummary } from '../../src/db/summary-report'
import { loadUnits } from '../../src/db/units'
import { subtree } from '../../src/domain/members'
import { summaryPeriod } from '../../src/domain/summary'
import { periodStart } from '../../src/domain/time'
import { addDays } from '../../src/domain/workdays'
import { translate } from '../../src/i18n'
import { card } from '../../src/messages'
import { periodOf } from '../calendar'
import { accountsOfMember, accountsWithRole, localeOf, privateMessage } from '../calendar-targets'
import { dataOf, dueDays, slotAt, viewAt } from '../calendar-view'
import type { Job, JobOutput, Slot } from '../job'

const AT = '10:00'

type Data = { memberId: number; month: string; lastDay: string; unitId: number }

/**
 * On the first working day of a month each leader gets, privately, the 汇总 card of last month for the widest
 * unit they lead (ranking, attention, trend, against the month before). One slot per leader and month.
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
        const [unitId] = leaders
          .filter((l) => l.memberId === memberId)
          .map((l) => l.unitId)
          .sort((a, b) => subtree(view.units, b).length - subtree(view.units, a).length)
        const data = { memberId, month: last.id, lastDay: last.end, unitId: unitId as number }
        slots.push(slotAt<Data>(`${last.id}@m${memberId}`, day, AT, timeZone, data))
      }
    }
    return slots.filter((s) => s.dueAt <= now)
  },
  async run(ctx, slot): Promise<JobOutput> {
    const { memberId, month, lastDay, unitId } = dataOf<Data>(slot)
    const units = await loadUnits(ctx.db)
    const root = units.get(unitId)
    const branches = root ? branchesUnder(root, units) : []
    if (!root || branches.length === 0) return { writes: [], messages: [] }
    const facts = { db: ctx.db, timeZone: ctx.timeZone, settings: ctx.settings, today: lastDay }
    const report = await loadSummary(facts, root, branches, units, summaryPeriod('month', lastDay))
    const opts = { metrics: ctx.settings.production.metrics, rankShown: ctx.settings.summary.rankShown }
    const accounts = await accountsOfMember(ctx.db, memberId)
    const messages = await Promise.all(
      accounts.map(async (a) => {
        const locale = await localeOf(ctx, a.platform, a.userId)
        const shown = summaryCard(locale, report, opts)
        const title = translate(locale, 'summary.monthlyTitle', { month, unit: root.name })
        return privateMessage(a.platform, a.userId, locale, card({ ...shown, title }))
      }),
    )
    return { writes: [], messages }
  },
}
