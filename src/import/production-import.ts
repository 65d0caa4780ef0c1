import { failureMessage } from '../commands/report'
import { teamIndex } from '../db/production'
import { storeFigures } from '../db/production-writes'
import { currentSettings } from '../db/settings'
import type { Store } from '../db/store'
import { type BatchRow, checkBatch, type RowProblem } from '../domain/production-batch'
import type { Metric } from '../domain/production-settings'
import { translate } from '../i18n'
import type { RawTable } from './read-table'

/**
 * `npm run import -- production FILE`: a daily dispatch report, one figure a row. All rows or none; every bad row
 * is reported by row number and column. A row without 来源编号 gets one from its team, metric, day and value, so
 * importing the same file again changes nothing and a changed value comes in as a correction.
 */
const COLUMNS = {
  team: { label: '班组', english: 'team', required: true },
  metric: { label: '指标', english: 'metric', required: true },
  date: { label: '日期', english: 'date', required: true },
  value: { label: '数值', english: 'value', required: true },
  sourceId: { label: '来源编号', english: 'source_id', required: false },
} as const
type Key = keyof typeof COLUMNS
const KEYS = Object.keys(COLUMNS) as Key[]

const norm = (h: string) =>
  h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-—]/g, '')
const BY_NAME = new Map<string, Key>(
  KEYS.flatMap((k) => [
    [norm(COLUMNS[k].label), k],
    [norm(COLUMNS[k].english), k],
  ]),
)
BY_NAME.set('支部编码', 'team')
BY_NAME.set('sourceid', 'sourceId')

export type ProductionProblem = { row: number; column: string; message: string }
export type ProductionReport = {
  ok: boolean
  dryRun: boolean
  problems: ProductionProblem[]
  summary?: { rows: number; inserted: number; duplicates: number }
}

/** 2026-11-24, 2026/11/24, 2026.11.24 or 2026年11月24日 as YYYY-MM-DD; anything else is left to be refused. */
function isoDay(cell: string): string {
  const m = cell.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/)
  return m ? `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}` : cell
}

function describeProblem(p: RowProblem, metrics: readonly Metric[]): string {
  switch (p.reason) {
    case 'unknownTeam':
      return translate('zh-CN', 'production.apiUnknownTeam', { team: p.team })
    case 'unknownMetric':
      return translate('zh-CN', 'production.unknownMetric', {
        word: p.word,
        names: metrics.map((m) => m.name).join('、'),
      })
    case 'badDate':
      return `${translate('zh-CN', 'production.apiBadDate')}（「${p.day}」）`
    case 'future':
      return translate('zh-CN', 'production.future', { day: p.day })
    case 'duplicateSource':
      return `来源编号「${p.sourceId}」在文件中出现了不止一次（同一班组、指标、日期、数值的行也算重复）`
    case 'value': {
      if (p.failure.reason === 'noValue') return '数值应为数字，如 3200 或 12.5（单位按指标，不要写在格中）'
      const { key, params } = failureMessage(p.failure, metrics)
      return translate('zh-CN', key, params)
    }
  }
}

const COLUMN_OF: Record<RowProblem['field'], Key> = {
  team: 'team',
  metric: 'metric',
  date: 'date',
  value: 'value',
  sourceId: 'sourceId',
}

export async function importProduction(
  store: Store,
  table: RawTable,
  opts: { dryRun: boolean; now: number; today: string },
): Promise<ProductionReport> {
  const problems: ProductionProblem[] = []
  const index = new Map<Key, number>()
  for (const [i, h] of table.header.entries()) {
    const key = BY_NAME.get(norm(h))
    if (key && !index.has(key)) index.set(key, i)
  }
  for (const k of KEYS)
    if (COLUMNS[k].required && !index.has(k))
      problems.push({
        row: table.headerRow,
        column: COLUMNS[k].label,
        message: `缺少「${COLUMNS[k].label}」列：第一行表头应为 班组、指标、日期、数值（可加 来源编号）`,
      })
  if (problems.length === 0 && table.rows.length === 0)
    problems.push({
      row: table.headerRow,
      column: '表头',
      message: '文件中没有数据行：表头下面每行填写一个数',
    })
  if (problems.length > 0) return { ok: false, dryRun: opts.dryRun, problems }
  const cell = (cells: string[], k: Key) => {
    const i = index.get(k)
    return i === undefined ? '' : (cells[i] ?? '').normalize('NFKC').trim()
  }
  const rows: BatchRow[] = []
  const rowNumbers: number[] = []
  for (const r of table.rows) {
    const raw = cell(r.cells, 'value').replace(/,/g, '')
    const value = raw === '' ? Number.NaN : Number(raw)
    const row: BatchRow = {
      team: cell(r.cells, 'team'),
      metric: cell(r.cells, 'metric'),
      date: isoDay(cell(r.cells, 'date')),
      value,
      sourceId: '',
    }
    row.sourceId = cell(r.cells, 'sourceId') || `import:${row.team}|${row.metric}|${row.date}|${raw}`
    rows.push(row)
    rowNumbers.push(r.row)
  }
  const settings = await currentSettings(store.db)
  const metrics = settings.production.metrics
  const checked = checkBatch(rows, await teamIndex(store.db), metrics, opts.today)
  if (!checked.ok)
    return {
      ok: false,
      dryRun: opts.dryRun,
      problems: checked.problems.map((p) => ({
        row: rowNumbers[p.row - 1] as number,
        column: COLUMNS[COLUMN_OF[p.field]].label,
        message: describeProblem(p, metrics),
      })),
    }
  if (opts.dryRun)
    return {
      ok: true,
      dryRun: true,
      problems: [],
      summary: { rows: rows.length, inserted: 0, duplicates: 0 },
    }
  const stored = await storeFigures(store, checked.figures, 'import', opts.now)
  return { ok: true, dryRun: false, problems: [], summary: { rows: rows.length, ...stored } }
}

/** The report as lines a person reads: each problem by row and column, then one summary line. */
export function formatProductionReport(report: ProductionReport): string[] {
  const lines = report.problems.map((p) => `第 ${p.row} 行 · ${p.column}：${p.message}`)
  const s = report.summary
  if (!report.ok || !s) {
    const rows = new Set(report.problems.map((p) => p.row)).size
    lines.push(
      `产量未导入：${rows} 行共 ${report.problems.length} 处问题，没有写入任何内容。请改正后重新导入整个文件。`,
    )
    return lines
  }
  lines.push(
    report.dryRun
      ? `试运行（--dry-run，未写入）：产量 ${s.rows} 行都可以导入。`
      : `产量导入完成：新增 ${s.inserted} 条，已导入过 ${s.duplicates} 条（未重复写入），共 ${s.rows} 行。`,
  )
  return lines
}
