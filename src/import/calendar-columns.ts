import { namesOf, readColumns } from './header'
import type { RawTable } from './read-table'
import type { Problem } from './roster-columns'

/** The calendar file's columns: one sheet holds holiday rows (放假 / 上班) and calendar entries (阶段 / 会议 / 每日). */
export const CALENDAR_COLUMNS = {
  kind: { label: '类别', english: 'kind' },
  key: { label: '编码', english: 'key' },
  scope: { label: '范围', english: 'scope' },
  title: { label: '名称', english: 'title' },
  type: { label: '类型', english: 'type' },
  startsOn: { label: '开始日期', english: 'starts_on' },
  endsOn: { label: '结束日期', english: 'ends_on' },
  rule: { label: '规则', english: 'rule' },
  at: { label: '时间', english: 'at' },
  leadDays: { label: '提前天数', english: 'lead_days' },
  nudgeDays: { label: '催办天数', english: 'nudge_days' },
  move: { label: '顺延', english: 'move' },
  message: { label: '提示语', english: 'message' },
  enabled: { label: '启用', english: 'enabled' },
} as const

export type CalendarKey = keyof typeof CALENDAR_COLUMNS
export type RawCalendarRow = { row: number } & Record<CalendarKey, string>

const KEYS = Object.keys(CALENDAR_COLUMNS) as CalendarKey[]
export const calendarLabel = (key: PropertyKey) => CALENDAR_COLUMNS[key as CalendarKey]?.label ?? String(key)
export const calendarColumnOrder = (label: string) =>
  KEYS.findIndex((k) => CALENDAR_COLUMNS[k].label === label)

const BY_NAME = namesOf(CALENDAR_COLUMNS)
BY_NAME.set('日期', 'startsOn')
BY_NAME.set('date', 'startsOn')

/** Maps the header onto the calendar's columns; 类别 and 名称 are required, the rest depend on the row's kind. */
export function readCalendarRows(table: RawTable): {
  rows: RawCalendarRow[]
  ignored: string[]
  problems: Problem[]
} {
  return readColumns(table, {
    keys: KEYS,
    byName: BY_NAME,
    label: calendarLabel,
    required: ['kind', 'title'],
    requiredHint: '第一行表头至少应包含 类别、名称，以及 开始日期 或 规则 等列',
    noRows: '文件中没有日历行：表头下面每行填写一个节假日或一项日历安排',
  })
}
