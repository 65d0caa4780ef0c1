import { activitiesSince } from '../../src/db/escalation'
import type { EscalationItem } from '../../src/domain/escalation'
import { zonedTime } from '../../src/domain/time'
import { addDays } from '../../src/domain/workdays'
import { entriesFor, type Period, parseRule, periodOf } from '../calendar'
import { scopesOf, viewAt } from '../calendar-view'
import type { EscalationKind, KindCtx } from './kind'
import { leadersFinder, secretariesByUnit } from './leaders'

/** The month or quarter that ended last before `today`. */
const lastPeriod = (today: string, every: 'month' | 'quarter'): Period =>
  periodOf(addDays(periodOf(today, every).start, -1), every)

/**
 * A branch that held no meeting of a recurring type (支部委员会, 党小组会 …) in the month or quarter that just ended:
 * the secretaries must act. Holding it late (an activity of that type opened since the period began) ends the ladder.
 * Keyed `<entry>:<period>@<branch code>`, like the pre-month-end nudge.
 */
async function meetingItems(ctx: KindCtx): Promise<EscalationItem[]> {
  const view = await viewAt(ctx.db, ctx.now)
  const candidates: {
    unitId: number
    code: string
    key: string
    type: string
    title: string
    period: Period
  }[] = []
  for (const unit of view.units.values()) {
    if (unit.kind !== 'branch') continue
    for (const entry of entriesFor(view.entries, scopesOf(view.units, unit.id))) {
      const rule = entry.kind === 'meeting' && entry.rule ? parseRule(entry.rule) : undefined
      if (!rule) continue
      const period = lastPeriod(ctx.today, rule.every)
      candidates.push({
        unitId: unit.id,
        code: unit.code,
        key: entry.key,
        type: entry.type,
        title: entry.title,
        period,
      })
    }
  }
  if (candidates.length === 0) return []
  const earliest = candidates.map((c) => c.period.start).sort()[0] ?? ctx.today
  const held = new Map<string, number>()
  for (const a of await activitiesSince(ctx.db, zonedTime(earliest, '00:00', ctx.timeZone)))
    held.set(`${a.unitId}:${a.type}`, a.last)
  const leadersOf = await leadersFinder(ctx.db, view.units)
  const secretaries = await secretariesByUnit(ctx.db)
  return candidates.map((c) => ({
    key: `${c.key}:${c.period.id}@${c.code}`,
    unitId: c.unitId,
    title: `${c.period.id} ${c.title}`,
    responsible: secretaries.get(c.unitId) ?? [],
    leaders: leadersOf(c.unitId),
    dueDay: c.period.end,
    done: (held.get(`${c.unitId}:${c.type}`) ?? 0) >= zonedTime(c.period.start, '00:00', ctx.timeZone),
  }))
}

export const meetingNotHeldKind: EscalationKind = {
  id: 'meetingNotHeld',
  async items(ctx, since) {
    // Outside the first days of a month no period's ladder runs: skip reading the calendar every minute.
    if (addDays(periodOf(ctx.today, 'month').start, -1) < since) return []
    return (await meetingItems(ctx)).filter((i) => i.dueDay >= since && i.dueDay < ctx.today)
  },
  async item(ctx, key) {
    return (await meetingItems(ctx)).find((i) => i.key === key)
  },
  async itemsByKey(ctx, keys) {
    const wanted = new Set(keys)
    return (await meetingItems(ctx)).filter((i) => wanted.has(i.key))
  },
}
