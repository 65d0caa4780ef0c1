import { type LetterContent, type LetterSide, type LetterTarget, parsePeriod } from '../domain/letters'
import { findMetric } from '../domain/production'
import type { Metric } from '../domain/production-settings'
import { TYPE_WORDS } from '../domain/tasks'
import { type ColumnSpec, type HeaderSpec, namesOf, readColumns } from './header'
import type { RawTable } from './read-table'
import type { Problem } from './roster-columns'

/** The letters file: one target a row; the letter's own columns repeat on each of its rows. */
export const LETTER_COLUMNS = {
  code: { label: '编号', english: 'code' },
  employeeNo: { label: '工号', english: 'employee_no' },
  level: { label: '层级', english: 'level' },
  profession: { label: '专业', english: 'profession' },
  period: { label: '期间', english: 'period' },
  unit: { label: '单位编码', english: 'unit_code' },
  side: { label: '类别', english: 'side' },
  text: { label: '目标', english: 'target' },
  metric: { label: '指标', english: 'metric' },
  taskType: { label: '任务类型', english: 'task_type' },
  value: { label: '目标值', english: 'value' },
} satisfies Record<string, ColumnSpec>
type Key = keyof typeof LETTER_COLUMNS
const KEYS = Object.keys(LETTER_COLUMNS) as Key[]

const SPEC: HeaderSpec<Key> = {
  keys: KEYS,
  byName: namesOf(LETTER_COLUMNS),
  label: (k) => LETTER_COLUMNS[k].label,
  required: ['code', 'employeeNo', 'level', 'profession', 'period', 'side', 'text'],
  requiredHint:
    '第一行表头应为 编号、工号、层级、专业、期间、类别、目标（可加 单位编码、指标、任务类型、目标值）',
  noRows: '文件中没有数据行：表头下面每行填写责任书的一项目标',
}

const SIDES: Record<string, LetterSide> = {
  党建: 'party',
  生产: 'production',
  party: 'party',
  production: 'production',
}
/** The letter's own columns: every row of one code must agree on them. */
const LETTER_KEYS = ['employeeNo', 'level', 'profession', 'period', 'unit'] as const

export type LetterContext = {
  members: ReadonlyMap<string, { id: number; branchId: number; active: boolean }>
  units: ReadonlyMap<string, number>
  unitCodeOf: ReadonlyMap<number, string>
  metrics: readonly Metric[]
}

export type ParsedLetter = { code: string; signerId: number; unitId: number; content: LetterContent }

/** Checks every row; the letters come back only when no row has a problem. */
export function validateLetters(
  table: RawTable,
  ctx: LetterContext,
): { letters: ParsedLetter[]; problems: Problem[]; ignored: string[] } {
  const { rows, ignored, problems } = readColumns(table, SPEC)
  if (problems.length > 0) return { letters: [], problems, ignored }
  const issue = (row: number, key: Key, message: string) =>
    problems.push({ row, column: LETTER_COLUMNS[key].label, message })
  const byCode = new Map<string, { first: (typeof rows)[number]; letter?: ParsedLetter }>()
  for (const r of rows) {
    const cell = (k: Key) => r[k].normalize('NFKC').trim()
    const code = cell('code')
    if (!/^[^\s]{1,40}$/.test(code))
      issue(r.row, 'code', '编号必填，最多 40 个字符、不含空格，如 2027-ZC01-SJ')
    const seen = byCode.get(code)
    if (seen) {
      for (const k of LETTER_KEYS)
        if (cell(k) !== seen.first[k].normalize('NFKC').trim())
          issue(
            r.row,
            k,
            `与第 ${seen.first.row} 行同一责任书「${code}」的${LETTER_COLUMNS[k].label}不一致：同一编号的各行应相同`,
          )
    } else {
      const entry: { first: (typeof rows)[number]; letter?: ParsedLetter } = { first: r }
      byCode.set(code, entry)
      const member = ctx.members.get(cell('employeeNo'))
      if (!member) issue(r.row, 'employeeNo', `名册中没有工号「${cell('employeeNo')}」：请先导入名册`)
      else if (!member.active)
        issue(r.row, 'employeeNo', `工号「${cell('employeeNo')}」已不在册，不能签订责任书`)
      for (const k of ['level', 'profession'] as const)
        if (cell(k) === '' || cell(k).length > 10)
          issue(
            r.row,
            k,
            `${LETTER_COLUMNS[k].label}必填，最多 10 个字，如 ${k === 'level' ? '区队级' : '采煤'}`,
          )
      const period = parsePeriod(cell('period'))
      if (!period)
        issue(
          r.row,
          'period',
          `看不懂期间「${cell('period')}」：可写 2027、2027上半年、2027Q1、2027-03 或 2027-01-01~2027-06-30`,
        )
      const unitId = cell('unit') === '' ? member?.branchId : ctx.units.get(cell('unit'))
      if (unitId === undefined && cell('unit') !== '')
        issue(
          r.row,
          'unit',
          `没有单位编码「${cell('unit')}」：写支部或党委的编码，如 ZC01；留空即签订人所在支部`,
        )
      if (member && period && unitId !== undefined)
        entry.letter = {
          code,
          signerId: member.id,
          unitId,
          content: {
            signer: cell('employeeNo'),
            unit: ctx.unitCodeOf.get(unitId) ?? '',
            level: cell('level'),
            profession: cell('profession'),
            ...period,
            targets: [],
          },
        }
    }
    const target = checkTarget(r.row, cell, ctx.metrics, issue)
    if (target) byCode.get(code)?.letter?.content.targets.push(target)
  }
  if (problems.length > 0) return { letters: [], problems, ignored }
  return { letters: [...byCode.values()].map((v) => v.letter as ParsedLetter), problems, ignored }
}

function checkTarget(
  row: number,
  cell: (k: Key) => string,
  metrics: readonly Metric[],
  issue: (row: number, key: Key, message: string) => void,
): LetterTarget | undefined {
  const before = { n: 0 }
  const flag = (k: Key, m: string) => {
    before.n++
    issue(row, k, m)
  }
  const side = SIDES[cell('side').toLowerCase()]
  if (!side) flag('side', `类别应为 党建 或 生产，而不是「${cell('side')}」`)
  const text = cell('text')
  if (text === '' || text.length > 200) flag('text', '目标必填，最多 200 个字，如 全年原煤产量 120万吨')
  const metric = cell('metric') === '' ? undefined : findMetric(cell('metric'), metrics)
  if (cell('metric') !== '' && !metric)
    flag('metric', `没有「${cell('metric')}」这个指标。可用的指标：${metrics.map((m) => m.name).join('、')}`)
  const taskType = cell('taskType') === '' ? undefined : TYPE_WORDS[cell('taskType').toLowerCase()]
  if (cell('taskType') !== '' && !taskType)
    flag('taskType', `任务类型应为 目标、整改、先锋岗 或 点题，而不是「${cell('taskType')}」`)
  if (cell('metric') !== '' && cell('taskType') !== '')
    flag('taskType', '一项目标只能由指标或任务类型之一衡量：请删去其一，或拆成两行')
  const raw = cell('value').replace(/,/g, '')
  const value = raw === '' ? null : Number(raw)
  if (value !== null && (!Number.isFinite(value) || value < 0))
    flag('value', `目标值应为不小于 0 的数字，如 1200000（单位按指标），而不是「${cell('value')}」`)
  const measured = cell('metric') !== '' || cell('taskType') !== ''
  if (measured && value === null)
    flag('value', '写了指标或任务类型时必须填写目标值，如 原煤产量 1200000、先锋岗 3')
  if (!measured && value !== null)
    flag('value', '目标值要配合 指标 或 任务类型 填写，否则无法衡量：请补上其一或清空目标值')
  if (before.n > 0 || !side) return undefined
  return { side, text, metric: metric?.code ?? null, taskType: taskType ?? null, target: value }
}
