import { eq } from 'drizzle-orm'
import { assessmentWrite } from '../db/evaluation'
import { orgUnits } from '../db/schema'
import type { Store } from '../db/store'
import {
  BUSINESS_GRADES,
  type BusinessGrade,
  REVIEW_GRADES,
  type ReviewGrade,
  violatesDualExcellence,
} from '../domain/evaluation'
import { type ColumnSpec, namesOf, readColumns } from './header'
import type { RawTable } from './read-table'
import type { Problem } from './roster-columns'

const COLUMNS = {
  code: { label: '支部编码', english: 'branch_code' },
  year: { label: '年份', english: 'year' },
  review: { label: '党建考评', english: 'review' },
  business: { label: '业务考核', english: 'business' },
  partyKpi: { label: '党建得分', english: 'party_score' },
  businessKpi: { label: '业务得分', english: 'business_score' },
} satisfies Record<string, ColumnSpec>
type Key = keyof typeof COLUMNS

export type AssessmentsReport = {
  ok: boolean
  dryRun: boolean
  problems: Problem[]
  ignoredColumns: string[]
  summary?: { assessments: number; violations: string[] }
}

const score = (cell: string): number | undefined | 'bad' => {
  if (cell === '') return undefined
  const n = Number(cell)
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : 'bad'
}

/**
 * 双进入 from a file: one row per branch and year, all rows or none; a stored assessment of the same branch and
 * year is replaced. 双评双优 violations are imported and listed, as the 考评 card flags them.
 */
export async function importAssessments(
  store: Store,
  table: RawTable,
  opts: { dryRun?: boolean; now: number; thisYear: number },
): Promise<AssessmentsReport> {
  const dryRun = opts.dryRun ?? false
  const read = readColumns<Key>(table, {
    keys: Object.keys(COLUMNS) as Key[],
    byName: namesOf(COLUMNS),
    label: (k) => COLUMNS[k].label,
    required: ['code', 'year', 'review', 'business'],
    requiredHint: '第一行应为 支部编码、年份、党建考评、业务考核（可加 党建得分、业务得分）',
    noRows: '表头下面没有数据行：每个支部一行',
  })
  const problems = [...read.problems]
  const branches = new Map(
    (
      await store.db
        .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name })
        .from(orgUnits)
        .where(eq(orgUnits.kind, 'branch'))
    ).map((b) => [b.code.toLowerCase(), b]),
  )
  const seen = new Map<string, number>()
  const rows: {
    branchId: number
    name: string
    year: number
    review: ReviewGrade
    business: BusinessGrade
    partyKpi?: number
    businessKpi?: number
  }[] = []
  for (const r of problems.length ? [] : read.rows) {
    const bad = (k: Key, message: string) => problems.push({ row: r.row, column: COLUMNS[k].label, message })
    const branch = branches.get(r.code.toLowerCase())
    if (!branch) bad('code', `没有编码为「${r.code}」的支部，如 ZC01`)
    const year = /^\d{4}$/.test(r.year) ? Number(r.year) : undefined
    if (year === undefined || year < 2000) bad('year', `年份应为四位数，如 ${opts.thisYear}`)
    else if (year > opts.thisYear) bad('year', `${year} 年还没到，不能录入考核`)
    if (!(REVIEW_GRADES as readonly string[]).includes(r.review)) bad('review', '应为 好、较好、一般 或 差')
    if (!(BUSINESS_GRADES as readonly string[]).includes(r.business))
      bad('business', '应为 优秀、良好、合格 或 不合格')
    const partyKpi = score(r.partyKpi)
    const businessKpi = score(r.businessKpi)
    if (partyKpi === 'bad') bad('partyKpi', '得分应为 0 到 100 的数，可留空')
    if (businessKpi === 'bad') bad('businessKpi', '得分应为 0 到 100 的数，可留空')
    const key = `${branch?.id}|${year}`
    const first = seen.get(key)
    if (branch && year !== undefined && first !== undefined)
      bad('code', `与第 ${first} 行是同一支部同一年份：每个支部每年一行`)
    seen.set(key, r.row)
    if (!branch || year === undefined || partyKpi === 'bad' || businessKpi === 'bad') continue
    rows.push({
      branchId: branch.id,
      name: branch.name,
      year,
      review: r.review as ReviewGrade,
      business: r.business as BusinessGrade,
      partyKpi,
      businessKpi,
    })
  }
  if (problems.length) return { ok: false, dryRun, problems, ignoredColumns: read.ignored }
  if (!dryRun)
    await store.commit(rows.map((a) => assessmentWrite(store.db, { ...a, recordedBy: null, at: opts.now })))
  return {
    ok: true,
    dryRun,
    problems: [],
    ignoredColumns: read.ignored,
    summary: {
      assessments: rows.length,
      violations: rows
        .filter((a) => violatesDualExcellence(a.review, a.business))
        .map((a) => `${a.name}（${a.year}）`),
    },
  }
}

export function formatAssessmentsReport(report: AssessmentsReport): string[] {
  const lines = report.problems.map((p) => `第 ${p.row} 行 · ${p.column}：${p.message}`)
  if (report.ignoredColumns.length > 0)
    lines.push(`已忽略无法识别的列：${report.ignoredColumns.map((c) => `「${c}」`).join('、')}`)
  const s = report.summary
  if (!report.ok || !s) {
    const rows = new Set(report.problems.map((p) => p.row)).size
    lines.push(
      `考核未导入：${rows} 行共 ${report.problems.length} 处问题，没有写入任何内容。请改正后重新导入整个文件。`,
    )
    return lines
  }
  const head = report.dryRun ? '试运行（--dry-run，未写入）：考核可以导入' : '考核导入完成'
  lines.push(`${head}：${s.assessments} 个支部的年度考核。`)
  if (s.violations.length > 0)
    lines.push(`⚠️ 不符合双评双优（业务优秀而党建考评不是「好」）：${s.violations.join('、')}`)
  return lines
}
