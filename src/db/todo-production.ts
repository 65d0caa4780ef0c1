import {
  aggregate,
  type DayFigure,
  dispatchPeriod,
  type MetricLine,
  metricLine,
  planFor,
} from '../domain/dispatch'
import type { UnitNode } from '../domain/members'
import { planOf } from '../domain/production'
import type { Metric, ProductionSettings } from '../domain/production-settings'
import { type CardDays, type TodoScope, unitsUnder } from '../domain/todo'
import { figuresOf, type TodoQueries } from './todo'

/** One branch's (or the scope's total) figures of yesterday against its daily plan, arrows against the day before. */
export type ProductionRow = { unitId: number; unit: string; lines: MetricLine[] }

export type TodoProduction = {
  /** The day the figures are of: yesterday, the shift handed over this morning. */
  day: string
  /** Branches of the scope that reported a figure that day, and all the scope's branches. */
  reporting: number
  branches: number
  /** A wider scope's total per metric over the reporting branches; undefined for one branch. */
  total?: ProductionRow
  /** The reporting branches, worst first: a figure over its limit, then the lowest completion. */
  rows: ProductionRow[]
}

/** How far a row falls short: -1 for a limit exceeded, else its lowest completion %, Infinity with no plan. */
export function shortfall(row: ProductionRow): number {
  if (row.lines.some((l) => l.withinLimit === false)) return -1
  return Math.min(Infinity, ...row.lines.flatMap((l) => (l.percent === null ? [] : [l.percent])))
}

/**
 * Yesterday's production of a scope's branches against plan (the 调度 card's rules: a branch's figures are those
 * of every unit under it, 安全生产天数 stays on the 调度 card). Undefined when nothing was reported yesterday.
 */
export async function loadProduction(
  q: TodoQueries,
  scope: TodoScope,
  units: ReadonlyMap<number, UnitNode>,
  production: Pick<ProductionSettings, 'metrics' | 'plans'>,
  days: CardDays,
): Promise<TodoProduction | undefined> {
  const { day: today, yesterday: day, dayBefore: before } = days
  const branchOf = new Map<number, number>()
  for (const b of scope.branches) for (const id of unitsUnder(units, b)) branchOf.set(id, b)
  const figures = await figuresOf(q, [...branchOf.keys()], before, day)
  if (!figures.some((f) => f.day === day)) return undefined
  const metrics = production.metrics.filter((m) => m.code !== 'safeDays')
  // Grouped once by branch, metric and day: a leader's scope is 500 branches × 6 metrics.
  const grouped = new Map<string, DayFigure[]>()
  for (const f of figures) {
    const key = `${branchOf.get(f.unitId)}|${f.metric}|${f.day}`
    const list = grouped.get(key)
    if (list) list.push(f)
    else grouped.set(key, [f])
  }
  const of = (branch: number, metric: string, d: string) => grouped.get(`${branch}|${metric}|${d}`) ?? []
  const period = dispatchPeriod({ day }, today)
  const reported = (b: number) => metrics.filter((m) => of(b, m.code, day).length > 0)
  const rows: ProductionRow[] = []
  for (const b of scope.branches) {
    const unit = units.get(b)
    const lines = reported(b).map((m) =>
      metricLine(
        m,
        aggregate(m, of(b, m.code, day)),
        aggregate(m, of(b, m.code, before)),
        planFor(m, planOf(production, unit?.code ?? '', m), period),
      ),
    )
    if (lines.length) rows.push({ unitId: b, unit: unit?.name ?? '', lines })
  }
  // Each row's shortfall once, not in every comparison: a leader's scope sorts 500 rows.
  const behind = new Map(rows.map((r) => [r, shortfall(r)]))
  rows.sort((a, b) => (behind.get(a) as number) - (behind.get(b) as number) || a.unitId - b.unitId)
  const wide = scope.branches.length > 1 || scope.unit.kind !== 'branch'
  return {
    day,
    reporting: rows.length,
    branches: scope.branches.length,
    total: wide ? totalRow(scope, metrics, rows, of, production, period, day, before, units) : undefined,
    rows,
  }
}

/**
 * The scope's total of each metric over the branches that reported it yesterday: their figures added up as one
 * team's (sum, mean or newest), against their plans added up (a sum) or averaged (a rate or a level).
 */
function totalRow(
  scope: TodoScope,
  metrics: Metric[],
  rows: ProductionRow[],
  of: (branch: number, metric: string, day: string) => DayFigure[],
  production: Pick<ProductionSettings, 'metrics' | 'plans'>,
  period: ReturnType<typeof dispatchPeriod>,
  day: string,
  before: string,
  units: ReadonlyMap<number, UnitNode>,
): ProductionRow {
  const lines: MetricLine[] = []
  for (const m of metrics) {
    const branches = rows.filter((r) => r.lines.some((l) => l.metric.code === m.code)).map((r) => r.unitId)
    if (branches.length === 0) continue
    const plans = branches.map((b) => planFor(m, planOf(production, units.get(b)?.code ?? '', m), period))
    const known = plans.every((p): p is number => p !== null)
    const planSum = known ? plans.reduce((s, p) => s + p, 0) : null
    const plan = planSum === null || m.aggregate === 'sum' ? planSum : planSum / plans.length
    lines.push(
      metricLine(
        m,
        aggregate(
          m,
          branches.flatMap((b) => of(b, m.code, day)),
        ),
        aggregate(
          m,
          branches.flatMap((b) => of(b, m.code, before)),
        ),
        plan,
      ),
    )
  }
  return { unitId: scope.unit.id, unit: scope.unit.name, lines }
}
