import type { Settings } from '../domain/settings'
import { resolveShift } from '../domain/shifts'
import { namesOf, normHeader } from './header'
import type { RawTable } from './read-table'
import type { Problem } from './roster-columns'

/** The shifts file: a row with 党小组编码 is a team's rotation, a row with 工号 one member's day. */
export const SHIFT_COLUMNS = {
  group: { label: '党小组编码', english: 'group_code' },
  cycle: { label: '轮班', english: 'cycle' },
  anchorDay: { label: '起始日期', english: 'anchor_day' },
  employeeNo: { label: '工号', english: 'employee_no' },
  day: { label: '日期', english: 'day' },
  shift: { label: '班次', english: 'shift' },
} as const

type Key = keyof typeof SHIFT_COLUMNS
const BY_NAME = namesOf(SHIFT_COLUMNS)

export type RotationRow = { row: number; groupCode: string; cycle: string[]; anchorDay: string }
export type ExceptionRow = { row: number; employeeNo: string; day: string; shift: string }

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const validDay = (s: string) => {
  const m = DAY.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === s
}

/** Reads and checks every row against the shift definitions and the organisation; problems name row and column. */
export function validateShifts(
  table: RawTable,
  known: { groupCodes: ReadonlySet<string>; employeeNos: ReadonlySet<string>; shifts: Settings['shifts'] },
): { rotations: RotationRow[]; exceptions: ExceptionRow[]; problems: Problem[]; ignoredColumns: string[] } {
  const index = new Map<Key, number>()
  const ignoredColumns: string[] = []
  for (const [i, h] of table.header.entries()) {
    const key = BY_NAME.get(normHeader(h))
    if (key) index.set(key, i)
    else if (h !== '') ignoredColumns.push(h)
  }
  const problems: Problem[] = []
  const rotations: RotationRow[] = []
  const exceptions: ExceptionRow[] = []
  const defs = known.shifts.definitions
  const choices = `${defs.map((d) => d.code).join('、')} 或 休`
  const cell = (cells: string[], k: Key) => (index.has(k) ? (cells[index.get(k) as number] ?? '').trim() : '')
  const seenGroups = new Set<string>()
  for (const { row, cells } of table.rows) {
    const bad = (k: Key, message: string) => problems.push({ row, column: SHIFT_COLUMNS[k].label, message })
    const employeeNo = cell(cells, 'employeeNo')
    const groupCode = cell(cells, 'group')
    if (employeeNo && groupCode) {
      bad(
        'employeeNo',
        '一行只能是一个党小组的轮班（填 党小组编码）或一名成员某天的班次（填 工号），不能两者都填',
      )
      continue
    }
    if (employeeNo) {
      const day = cell(cells, 'day')
      const typed = cell(cells, 'shift')
      const shift = resolveShift(typed, defs)
      if (!known.employeeNos.has(employeeNo)) bad('employeeNo', `工号「${employeeNo}」不在花名册中`)
      if (!validDay(day)) bad('day', `日期「${day}」无效：应为 2026-12-01 这样的日期`)
      if (!shift) bad('shift', `班次「${typed}」无效：可选 ${choices}`)
      if (shift && validDay(day) && known.employeeNos.has(employeeNo))
        exceptions.push({ row, employeeNo, day, shift })
      continue
    }
    if (!groupCode) {
      bad('group', '每行要填 党小组编码（轮班）或 工号（个人某天的班次）')
      continue
    }
    const words = cell(cells, 'cycle')
      .split(/[\s,，、;；]+/)
      .filter(Boolean)
    const cycle = words.map((w) => resolveShift(w, defs))
    const anchorDay = cell(cells, 'anchorDay')
    let ok = true
    if (!known.groupCodes.has(groupCode)) {
      ok = false
      bad('group', `党小组「${groupCode}」不存在：应为已有党小组的编码，如 ZC01-1`)
    } else if (seenGroups.has(groupCode)) {
      ok = false
      bad('group', `党小组「${groupCode}」在文件中出现了不止一次：每个党小组一行轮班`)
    }
    seenGroups.add(groupCode)
    const unknown = words.filter((_, i) => cycle[i] === undefined)
    if (words.length === 0 || words.length > 62) {
      ok = false
      bad('cycle', '轮班应按天列出 1 到 62 个班次，如 早 早 中 中 夜 夜 休 休')
    } else if (unknown.length) {
      ok = false
      bad('cycle', `轮班中的「${unknown.join('、')}」无效：可选 ${choices}`)
    }
    if (!validDay(anchorDay)) {
      ok = false
      bad('anchorDay', `起始日期「${anchorDay}」无效：应为轮班第一天的日期，如 2026-12-01`)
    }
    if (ok) rotations.push({ row, groupCode, cycle: cycle as string[], anchorDay })
  }
  return { rotations, exceptions, problems, ignoredColumns }
}
