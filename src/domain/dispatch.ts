import { daysBetween, shiftDay } from './dates'
import type { Metric } from './production-settings'

/**
 * The production half of the 调度 card: figures against plan for a period, arrows against the period before,
 * and 安全生产天数. Pure: days are local YYYY-MM-DD strings from the caller.
 */
export type Span = { from: string; to: string }
export type DispatchPeriod = { kind: 'day' | 'week' | 'month'; current: Span; previous: Span }

const lastOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** A day, this week (Monday to `today`) or this month (the 1st to `today`), and the same stretch before it. */
export function dispatchPeriod(when: 'week' | 'month' | { day: string }, today: string): DispatchPeriod {
  if (typeof when === 'object') {
    const prev = shiftDay(when.day, -1)
    return { kind: 'day', current: { from: when.day, to: when.day }, previous: { from: prev, to: prev } }
  }
  if (when === 'week') {
    const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7
    const from = shiftDay(today, -weekday)
    return {
      kind: 'week',
      current: { from, to: today },
      previous: { from: shiftDay(from, -7), to: shiftDay(today, -7) },
    }
  }
  const [y, m, d] = today.split('-').map(Number) as [number, number, number]
  const py = m === 1 ? y - 1 : y
  const pm = m === 1 ? 12 : m - 1
  const pd = Math.min(d, lastOfMonth(py, pm))
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    kind: 'month',
    current: { from: `${y}-${pad(m)}-01`, to: today },
    previous: { from: `${py}-${pad(pm)}-01`, to: `${py}-${pad(pm)}-${pad(pd)}` },
  }
}

export type DayFigure = { day: string; value: number }

/** Days' figures of one metric (all the team's units) as one number for the span; undefined when none came. */
export function aggregate(metric: Metric, figures: readonly DayFigure[]): number | undefined {
  if (figures.length === 0) return undefined
  if (metric.aggregate === 'sum') return figures.reduce((s, f) => s + f.value, 0)
  if (metric.aggregate === 'mean') return figures.reduce((s, f) => s + f.value, 0) / figures.length
  const newest = figures.reduce((a, b) => (b.day > a.day ? b : a)).day
  return Math.max(...figures.filter((f) => f.day === newest).map((f) => f.value))
}

/** One unit's figures of a metric over a span, added up: what `combine` makes a branch's number of. */
export type UnitTotals = { total: number; n: number; lastDay: string; lastValue: number }

/** Several units' totals of one metric as one number, the same as `aggregate` over all their days. */
export function combine(metric: Metric, totals: readonly UnitTotals[]): number | undefined {
  if (totals.length === 0) return undefined
  const sum = totals.reduce((s, t) => s + t.total, 0)
  if (metric.aggregate === 'sum') return sum
  if (metric.aggregate === 'mean') return sum / totals.reduce((s, t) => s + t.n, 0)
  const newest = totals.reduce((a, b) => (b.lastDay > a.lastDay ? b : a)).lastDay
  return Math.max(...totals.filter((t) => t.lastDay === newest).map((t) => t.lastValue))
}

/**
 * The plan for a span: a daily plan times its days; over a calendar month, the monthly plan in proportion to
 * the days gone. A rate or a level (mean, latest) has the daily plan as its target whatever the span.
 */
export function planFor(
  metric: Metric,
  plan: { daily: number | null; monthly: number | null },
  period: DispatchPeriod,
): number | null {
  if (metric.aggregate !== 'sum') return plan.daily
  const days = daysBetween(period.current.from, period.current.to) + 1
  if (period.kind === 'month' && plan.monthly !== null) {
    const [y, m] = period.current.from.split('-').map(Number) as [number, number]
    return (plan.monthly * days) / lastOfMonth(y, m)
  }
  return plan.daily === null ? null : plan.daily * days
}

export type MetricLine = {
  metric: Metric
  actual: number | undefined
  plan: number | null
  /** Higher-is-better metrics with a plan above zero: actual ÷ plan, in percent, one decimal. */
  percent: number | null
  /** Lower-is-better metrics: whether the figure stays within its limit. */
  withinLimit: boolean | null
  trend: 'up' | 'down' | 'flat' | null
}

export function metricLine(
  metric: Metric,
  actual: number | undefined,
  previous: number | undefined,
  plan: number | null,
): MetricLine {
  const percent =
    metric.better === 'higher' && plan !== null && plan > 0 && actual !== undefined
      ? Math.round((actual / plan) * 1000) / 10
      : null
  const withinLimit =
    metric.better === 'lower' && plan !== null && actual !== undefined ? actual <= plan : null
  const trend =
    actual === undefined || previous === undefined
      ? null
      : actual > previous
        ? 'up'
        : actual < previous
          ? 'down'
          : 'flat'
  return { metric, actual, plan, percent, withinLimit, trend }
}

/**
 * 安全生产天数 on `asOf`: counted on from the newest of a reported count (value + days since) or a day with an
 * accident (0 that day); an accident on the day of a report wins. Undefined while neither is known.
 */
export function safeDays(
  reported: readonly DayFigure[],
  accidents: readonly DayFigure[],
  asOf: string,
): number | undefined {
  const lastReport = reported
    .filter((f) => f.day <= asOf)
    .reduce<DayFigure | undefined>((a, b) => (!a || b.day > a.day ? b : a), undefined)
  const lastAccident = accidents
    .filter((f) => f.day <= asOf && f.value > 0)
    .reduce<string | undefined>((a, b) => (!a || b.day > a ? b.day : a), undefined)
  if (lastAccident !== undefined && (!lastReport || lastAccident >= lastReport.day))
    return daysBetween(lastAccident, asOf)
  return lastReport ? lastReport.value + daysBetween(lastReport.day, asOf) : undefined
}
