import type { BranchDispatch } from '../cards/dispatch'
import { shiftDay } from '../domain/dates'
import { combine, type DispatchPeriod, metricLine, planFor, safeDays } from '../domain/dispatch'
import { lineage, subtree, type UnitNode } from '../domain/members'
import { planOf } from '../domain/production'
import type { Settings } from '../domain/settings'
import { localDay, zonedTime } from '../domain/time'
import { figureHistory, partyFigures, type TaskKinds, taskKinds, unitTotals } from './dispatch'
import type { Db } from './store'
import { dueCounts } from './tasks'

/** What the 调度 card reads, from a command or a scheduler job. */
export type FactsCtx = { db: Db; now: number; timeZone: string; settings: Settings }

/** The branches a 调度 card covers: the unit itself, or every branch under a committee, by code. */
export function branchesUnder(root: UnitNode, units: ReadonlyMap<number, UnitNode>): UnitNode[] {
  if (root.kind !== 'committee') return [root]
  return subtree(units, root.id)
    .map((id) => units.get(id) as UnitNode)
    .filter((u) => u.kind === 'branch')
    .sort((a, b) => a.code.localeCompare(b.code))
}

/** Both halves for every branch in scope: figures against plan, safe days, attendance, quiz, tasks. */
export async function loadDispatch(
  ctx: FactsCtx,
  branches: UnitNode[],
  period: DispatchPeriod,
  units: ReadonlyMap<number, UnitNode>,
): Promise<BranchDispatch[]> {
  const { metrics } = ctx.settings.production
  // Each unit's branch from one walk up its lineage: a subtree per branch scanned every unit 500 times.
  const inScope = new Set(branches.map((b) => b.id))
  const teamOf = new Map<number, number>()
  for (const id of units.keys()) {
    const branch = lineage(units, id).find((u) => inScope.has(u))
    if (branch !== undefined) teamOf.set(id, branch)
  }
  const unitIds = [...teamOf.keys()]
  const [current, previous] = await Promise.all([
    unitTotals(ctx.db, unitIds, period.current.from, period.current.to),
    unitTotals(ctx.db, unitIds, period.previous.from, period.previous.to),
  ])
  const safeMetric = metrics.find((m) => m.code === 'safeDays')
  const resetting = metrics.filter((m) => m.resetsSafeDays).map((m) => m.code)
  const history = await figureHistory(
    ctx.db,
    unitIds,
    [...(safeMetric ? [safeMetric.code] : []), ...resetting],
    period.current.to,
  )
  const party = await partyFigures(
    ctx.db,
    branches.map((b) => b.id),
    {
      fromMs: zonedTime(period.current.from, '00:00', ctx.timeZone),
      toMs: zonedTime(shiftDay(period.current.to, 1), '00:00', ctx.timeZone),
      from: period.current.from,
      to: period.current.to,
    },
  )
  const today = localDay(ctx.now, ctx.timeZone)
  const tasks = new Map(
    (await dueCounts(ctx.db, today, shiftDay(today, ctx.settings.tasks.dueSoonDays))).map((t) => [
      t.branchId,
      t,
    ]),
  )
  const kinds = await taskKinds(
    ctx.db,
    branches.map((b) => b.id),
    today,
  )
  // Grouped by branch and metric once: filtering every row for each of 500 branches × 10 metrics took seconds.
  const byBranch = <T extends { unitId: number; metric: string }>(rows: readonly T[]) => {
    const out = new Map<string, T[]>()
    for (const r of rows) {
      const key = `${teamOf.get(r.unitId)}|${r.metric}`
      const list = out.get(key)
      if (list) list.push(r)
      else out.set(key, [r])
    }
    return (branchId: number, metric: string): T[] => out.get(`${branchId}|${metric}`) ?? []
  }
  const now = byBranch(current)
  const before = byBranch(previous)
  const past = byBranch(history)
  return branches.map((b) => ({
    branch: b,
    lines: metrics
      .filter((m) => m.code !== safeMetric?.code)
      .map((m) =>
        metricLine(
          m,
          combine(m, now(b.id, m.code)),
          combine(m, before(b.id, m.code)),
          planFor(m, planOf(ctx.settings.production, b.code, m), period),
        ),
      ),
    safeDays: safeDays(
      safeMetric ? past(b.id, safeMetric.code) : [],
      resetting.flatMap((code) => past(b.id, code)),
      period.current.to,
    ),
    party: party.get(b.id) as BranchDispatch['party'],
    tasks: {
      overdue: tasks.get(b.id)?.overdue ?? 0,
      soon: tasks.get(b.id)?.soon ?? 0,
      ...(kinds.get(b.id) as TaskKinds),
    },
  }))
}
