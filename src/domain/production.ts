import { daysBetween, parseDueDate } from './dates'
import type { Metric, ProductionSettings } from './production-settings'
import { localDay } from './time'

/**
 * `报产` as people type it: `原煤 3200吨`, `进尺 12.5米`, `三违 0 昨天`, `原煤 1.2万吨 11-24`, full-width digits.
 * Pure: the clock and the zone come from the caller.
 */
export type ReportFailure =
  | { reason: 'noMetric' }
  | { reason: 'unknownMetric'; word: string }
  | { reason: 'noValue'; metric: Metric }
  | { reason: 'negative'; metric: Metric }
  | { reason: 'badUnit'; metric: Metric; unit: string }
  | { reason: 'notInteger'; metric: Metric }
  | { reason: 'tooLarge'; metric: Metric; max: number }
  | { reason: 'badDate'; phrase: string }
  | { reason: 'future'; day: string }
  | { reason: 'tooOld'; day: string; days: number }
  | { reason: 'extra'; extra: string }

export type ReportParse =
  | { ok: true; metric: Metric; value: number; day: string }
  | ({ ok: false } & ReportFailure)

export type ReportClock = { now: number; timeZone: string; backdateDays: number }

/** Units that belong to no metric but that people might type; they are refused as units, not read as dates. */
const FOREIGN_UNITS = [
  '公斤',
  '千克',
  'kg',
  '斤',
  '千米',
  '公里',
  'km',
  '厘米',
  'cm',
  '方',
  'm3',
  '小时',
  'h',
]

/** The metric a typed word names: its name, code or an alias, in any case. */
export function findMetric(word: string, metrics: readonly Metric[]): Metric | undefined {
  const w = word.normalize('NFKC').trim().toLowerCase()
  return metrics.find(
    (m) => m.name === w || m.code.toLowerCase() === w || m.aliases.some((a) => a.toLowerCase() === w),
  )
}

/** A value in the metric's own unit, as one number: rounding keeps 1.2万吨 at 12000, not 12000.000000000002. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6

export function parseReport(text: string, metrics: readonly Metric[], clock: ReportClock): ReportParse {
  const t = text
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
  const head = t.match(/^([^\d\s+-]+) ?(.*)$/)
  if (!head) return { ok: false, reason: 'noMetric' }
  const metric = findMetric(head[1] as string, metrics)
  if (!metric) return { ok: false, reason: 'unknownMetric', word: head[1] as string }
  const num = (head[2] as string).match(/^([-+]?\d+(?:\.\d+)?)(.*)$/)
  if (!num) return { ok: false, reason: 'noValue', metric }
  const amount = Number(num[1])
  let rest = (num[2] as string).trim()
  const glued = !(num[2] as string).startsWith(' ') && rest !== ''
  const [first = '', ...others] = rest.split(' ')
  const knownUnits = new Set([
    ...metrics.flatMap((m) => Object.keys(m.unitForms).map((u) => u.toLowerCase())),
    ...FOREIGN_UNITS,
  ])
  let unit: string | undefined
  if (glued || knownUnits.has(first.toLowerCase())) {
    unit = first
    rest = others.join(' ')
  }
  if (amount < 0) return { ok: false, reason: 'negative', metric }
  let factor = 1
  if (unit !== undefined) {
    const form = Object.entries(metric.unitForms).find(([u]) => u.toLowerCase() === unit.toLowerCase())
    if (!form) return { ok: false, reason: 'badUnit', metric, unit }
    factor = form[1]
  }
  const value = round6(amount * factor)
  const wrong = valueProblem(metric, value)
  if (wrong) return { ok: false, ...wrong }
  const [phrase, ...extra] = rest === '' ? [] : rest.split(' ')
  if (extra.length > 0) return { ok: false, reason: 'extra', extra: extra.join(' ') }
  const day = reportDay(phrase, clock)
  if (!day.ok) return { ok: false, ...day.failure }
  return { ok: true, metric, value, day: day.day }
}

/** What is wrong with a value in the metric's own unit, if anything (the chat, the API and the import share it). */
export function valueProblem(metric: Metric, value: number): ReportFailure | undefined {
  if (!Number.isFinite(value)) return { reason: 'noValue', metric }
  if (value < 0) return { reason: 'negative', metric }
  if (metric.integer && !Number.isInteger(value)) return { reason: 'notInteger', metric }
  if (metric.max !== null && value > metric.max) return { reason: 'tooLarge', metric, max: metric.max }
  return undefined
}

/** The day a figure is for: today unless named; never a future day, never further back than the settings allow. */
export function reportDay(
  phrase: string | undefined,
  { now, timeZone, backdateDays }: ReportClock,
): { ok: true; day: string } | { ok: false; failure: ReportFailure } {
  const today = localDay(now, timeZone)
  if (phrase === undefined) return { ok: true, day: today }
  const r = parseDueDate(phrase, now, timeZone)
  const day = r.ok ? r.day : r.day
  if (day === undefined) return { ok: false, failure: { reason: 'badDate', phrase } }
  if (day > today) return { ok: false, failure: { reason: 'future', day } }
  if (daysBetween(day, today) > backdateDays)
    return { ok: false, failure: { reason: 'tooOld', day, days: backdateDays } }
  return { ok: true, day }
}

/** A team's plan for a metric: its own line in the settings, else the metric's default. */
export function planOf(production: Pick<ProductionSettings, 'plans'>, unitCode: string, metric: Metric) {
  return production.plans[unitCode]?.[metric.code] ?? { daily: metric.planDaily, monthly: metric.planMonthly }
}
