import { findMetric, type ReportFailure, valueProblem } from './production'
import type { Metric } from './production-settings'

/**
 * A batch of figures from a dispatch system or an import file, checked row by row: every bad row is named, and
 * a batch with one is refused whole. Pure: teams, metrics and today come from the caller.
 */
export type BatchRow = { team: string; metric: string; date: string; value: number; sourceId: string }

export type CheckedFigure = { unitId: number; metric: string; day: string; value: number; sourceId: string }

export type RowProblem =
  | { row: number; field: 'team'; reason: 'unknownTeam'; team: string }
  | { row: number; field: 'metric'; reason: 'unknownMetric'; word: string }
  | { row: number; field: 'date'; reason: 'badDate' | 'future'; day: string }
  | { row: number; field: 'value'; failure: ReportFailure; reason: 'value' }
  | { row: number; field: 'sourceId'; reason: 'duplicateSource'; sourceId: string }

const realDay = (s: string) => {
  const m = s.match(/^(\d{4})-(\d{2})-(\d{2})$/)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === s
}

/** Checks each row (numbered from 1); returns the figures only when every row is good. */
export function checkBatch(
  rows: readonly BatchRow[],
  teams: ReadonlyMap<string, number>,
  metrics: readonly Metric[],
  today: string,
): { ok: true; figures: CheckedFigure[] } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = []
  const figures: CheckedFigure[] = []
  const seen = new Set<string>()
  // A batch names a handful of metrics and days thousands of times: each is looked up once.
  const metricOf = new Map<string, Metric | undefined>()
  const dayOk = new Map<string, boolean>()
  rows.forEach((r, i) => {
    const row = i + 1
    const before = problems.length
    const unitId = teams.get(r.team.trim())
    if (unitId === undefined) problems.push({ row, field: 'team', reason: 'unknownTeam', team: r.team })
    if (!metricOf.has(r.metric)) metricOf.set(r.metric, findMetric(r.metric, metrics))
    const metric = metricOf.get(r.metric)
    if (!metric) problems.push({ row, field: 'metric', reason: 'unknownMetric', word: r.metric })
    if (!dayOk.has(r.date)) dayOk.set(r.date, realDay(r.date))
    if (!dayOk.get(r.date)) problems.push({ row, field: 'date', reason: 'badDate', day: r.date })
    else if (r.date > today) problems.push({ row, field: 'date', reason: 'future', day: r.date })
    const wrong = metric && valueProblem(metric, r.value)
    if (wrong) problems.push({ row, field: 'value', reason: 'value', failure: wrong })
    if (seen.has(r.sourceId))
      problems.push({ row, field: 'sourceId', reason: 'duplicateSource', sourceId: r.sourceId })
    seen.add(r.sourceId)
    if (problems.length === before && unitId !== undefined && metric)
      figures.push({ unitId, metric: metric.code, day: r.date, value: r.value, sourceId: r.sourceId })
  })
  return problems.length > 0 ? { ok: false, problems } : { ok: true, figures }
}
