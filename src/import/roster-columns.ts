import { namesOf, readColumns } from './header'
import type { RawTable } from './read-table'

/** One problem in the file: `row` is the spreadsheet row number (header = 1), `column` the column's name. */
export type Problem = { row: number; column: string; message: string }

export const ROSTER_COLUMNS = {
  employeeNo: { label: '工号', english: 'employee_no', required: true },
  name: { label: '姓名', english: 'name', required: true },
  branchCode: { label: '支部编码', english: 'branch_code', required: true },
  groupCode: { label: '党小组编码', english: 'group_code', required: false },
  roles: { label: '角色', english: 'roles', required: false },
  feishuId: { label: '飞书ID', english: 'feishu_id', required: false },
  telegramId: { label: 'TelegramID', english: 'telegram_id', required: false },
  active: { label: '在册', english: 'active', required: false },
  /** The member's post (采煤, 掘进 …): the safety questions of the daily quiz fit it. */
  post: { label: '岗位', english: 'post', required: false },
} as const

export type RosterKey = keyof typeof ROSTER_COLUMNS
export type RawRosterRow = { row: number } & Record<RosterKey, string>

const KEYS = Object.keys(ROSTER_COLUMNS) as RosterKey[]
export const labelOf = (key: PropertyKey) => ROSTER_COLUMNS[key as RosterKey]?.label ?? String(key)
export const columnOrder = (label: string) => KEYS.findIndex((k) => ROSTER_COLUMNS[k].label === label)

const BY_NAME = namesOf(ROSTER_COLUMNS)
/** A few singular / short spellings people type. */
BY_NAME.set('role', 'roles')
BY_NAME.set('employeeid', 'employeeNo')
BY_NAME.set('telegram', 'telegramId')
BY_NAME.set('feishu', 'feishuId')
BY_NAME.set('工种', 'post')

const REQUIRED_HINT = `第一行表头应包含 ${KEYS.filter((k) => ROSTER_COLUMNS[k].required)
  .map((k) => `${ROSTER_COLUMNS[k].label}（${ROSTER_COLUMNS[k].english}）`)
  .join('、')}`

export type HeaderResult = { rows: RawRosterRow[]; ignored: string[]; problems: Problem[] }

/** Maps the header onto the roster's columns and turns every row into a record of trimmed cells. */
export function readRosterRows(table: RawTable): HeaderResult {
  return readColumns(table, {
    keys: KEYS,
    byName: BY_NAME,
    label: labelOf,
    required: KEYS.filter((k) => ROSTER_COLUMNS[k].required),
    requiredHint: REQUIRED_HINT,
    noRows: '文件中没有成员行：表头下面每行填写一名成员',
  })
}
