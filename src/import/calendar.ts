import { z } from 'zod'
import type { CalendarEntry } from '../../scheduler/calendar'
import { parseRule } from '../../scheduler/calendar'
import type { DayOverride } from '../domain/workdays'
import { addDays } from '../domain/workdays'
import { calendarColumnOrder, calendarLabel, type RawCalendarRow, readCalendarRows } from './calendar-columns'
import type { RawTable } from './read-table'
import type { Problem } from './roster-columns'

const KINDS = { 放假: 'rest', 上班: 'work', 阶段: 'stage', 会议: 'meeting', 每日: 'daily' } as const
const KIND_ALIASES: Record<string, (typeof KINDS)[keyof typeof KINDS]> = {
  ...KINDS,
  休: 'rest',
  rest: 'rest',
  holiday: 'rest',
  班: 'work',
  work: 'work',
  stage: 'stage',
  meeting: 'meeting',
  daily: 'daily',
}
const TYPES: Record<string, CalendarEntry['type']> = {
  主题党日: 'themeDay',
  支委会: 'committee',
  党小组会: 'group',
  党员大会: 'assembly',
  党课: 'lecture',
  学习: 'study',
  阶段活动: 'stage',
  其他: 'other',
  themeday: 'themeDay',
  committee: 'committee',
  group: 'group',
  assembly: 'assembly',
  lecture: 'lecture',
  study: 'study',
  stage: 'stage',
  other: 'other',
}
const MOVES: Record<string, CalendarEntry['move']> = {
  '': 'next',
  顺延: 'next',
  提前: 'previous',
  不调整: 'none',
  next: 'next',
  previous: 'previous',
  none: 'none',
}
const YES: Record<string, boolean> = {
  '': true,
  是: true,
  否: false,
  '1': true,
  '0': false,
  true: true,
  false: false,
}

/** 每月15日 → monthly:15, 每季第3月10日 → quarterly:3:10; the English form passes as it is. */
function ruleOf(text: string): string {
  const monthly = /^每月(\d{1,2})[日号]$/.exec(text)
  if (monthly) return `monthly:${Number(monthly[1])}`
  const quarterly = /^每季度?第?([1-3])个?月(\d{1,2})[日号]$/.exec(text)
  if (quarterly) return `quarterly:${quarterly[1]}:${Number(quarterly[2])}`
  return text.toLowerCase()
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && addDays(s, 0) === s

export type CalendarRows = { holidays: DayOverride[]; entries: CalendarEntry[] }
export type CalendarContext = { unitCodes: ReadonlySet<string> }

function rowSchema(ctx: CalendarContext) {
  const day = (label: string) =>
    z.string().refine(isDay, { error: (i) => `${label}「${i.input}」无效：应为 2027-10-01 这样的日期` })
  return z
    .object({
      row: z.number(),
      kind: z.string().transform((s, c) => {
        const k = KIND_ALIASES[s.toLowerCase()]
        if (!k) c.addIssue(`类别「${s}」无效：应为 放假、上班（调休）、阶段、会议 或 每日`)
        return k ?? 'rest'
      }),
      key: z.string(),
      scope: z.string().superRefine((s, c) => {
        if (s !== '' && !ctx.unitCodes.has(s))
          c.addIssue(`范围「${s}」不是已有单位的编码：留空表示全党委，或填支部编码如 ZC01`)
      }),
      title: z
        .string()
        .min(1, '名称为空：每行都要填名称，如 国庆节、主题党日')
        .max(40, '名称过长：最多 40 个字'),
      type: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
      rule: z.string().transform(ruleOf),
      at: z
        .string()
        .transform((s) => s || '09:00')
        .pipe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间无效：应为 09:00 这样的 24 小时制时间')),
      leadDays: z.string().transform((s, c) => {
        const parts = s === '' ? [] : s.split(/[,，、\s]+/)
        const days = parts.map(Number)
        if (days.some((d) => !Number.isInteger(d) || d < 0 || d > 60))
          c.addIssue(`提前天数「${s}」无效：应为 0 到 60 的整数，以逗号分隔，如 7,1,0（0 表示当天）`)
        return [...new Set(days)].sort((a, b) => b - a)
      }),
      nudgeDays: z.string().transform((s, c) => {
        if (s === '') return null
        const n = Number(s)
        if (!Number.isInteger(n) || n < 0 || n > 60)
          c.addIssue(`催办天数「${s}」无效：应为 0 到 60 的整数，或留空表示不催办`)
        return n
      }),
      move: z.string().transform((s, c) => {
        const m = MOVES[s.toLowerCase()]
        if (!m) c.addIssue(`顺延「${s}」无效：应为 顺延（逢休息日改到下一个工作日）、提前 或 不调整`)
        return m ?? 'next'
      }),
      message: z.string().max(500, '提示语过长：最多 500 个字'),
      enabled: z.string().transform((s, c) => {
        const v = YES[s.toLowerCase()]
        if (v === undefined) c.addIssue(`启用「${s}」无效：应为 是 或 否，留空表示 是`)
        return v ?? true
      }),
    })
    .superRefine((r, c) => {
      const issue = (path: string, message: string) => c.addIssue({ code: 'custom', path: [path], message })
      if (r.kind === 'rest' || r.kind === 'work') {
        if (!day('开始日期').safeParse(r.startsOn).success)
          issue(
            'startsOn',
            `开始日期「${r.startsOn}」无效：${r.kind === 'rest' ? '放假' : '上班'}行应填 2027-10-01 这样的日期`,
          )
        else if (
          r.endsOn !== '' &&
          (!isDay(r.endsOn) || r.endsOn < r.startsOn || r.endsOn.slice(0, 4) !== r.startsOn.slice(0, 4))
        )
          issue('endsOn', `结束日期「${r.endsOn}」无效：应为同一年、不早于开始日期的日期，或留空表示只有一天`)
        return
      }
      if (!/^[A-Za-z0-9_-]{1,40}$/.test(r.key))
        issue(
          'key',
          `编码「${r.key}」无效：阶段、会议、每日行要填 1–40 位字母、数字、_ 或 -，如 july1-2027、themeDay`,
        )
      if (r.type !== '' && !TYPES[r.type.toLowerCase()])
        issue(
          'type',
          `类型「${r.type}」无效：应为 主题党日、支委会、党小组会、党员大会、党课、学习、阶段活动 或 其他`,
        )
      if (r.kind === 'stage') {
        if (!isDay(r.startsOn))
          issue('startsOn', `开始日期「${r.startsOn}」无效：阶段行应填 2027-06-21 这样的日期`)
        if (!isDay(r.endsOn) || r.endsOn < r.startsOn)
          issue('endsOn', `结束日期「${r.endsOn}」无效：阶段行应填不早于开始日期的日期`)
      }
      if (r.kind === 'meeting' && !parseRule(r.rule))
        issue('rule', `规则「${r.rule}」无效：应为 每月15日（monthly:15）或 每季第3月10日（quarterly:3:10）`)
      if (r.kind === 'meeting' && r.type === '')
        issue('type', '类型为空：会议行要填类型，如 主题党日、支委会、党课')
    })
}

type Row = z.output<ReturnType<typeof rowSchema>>

function toEntry(r: Row): CalendarEntry {
  const kind = r.kind as CalendarEntry['kind']
  const type =
    TYPES[r.type.toLowerCase()] ?? (kind === 'stage' ? 'stage' : kind === 'daily' ? 'study' : 'other')
  return {
    key: r.key,
    scope: r.scope,
    kind,
    type,
    title: r.title,
    startsOn: kind === 'stage' ? r.startsOn : null,
    endsOn: kind === 'stage' ? r.endsOn : null,
    rule: kind === 'meeting' ? r.rule : null,
    at: r.at,
    leadDays: r.leadDays,
    nudgeDays: kind === 'meeting' ? r.nudgeDays : null,
    move: r.move,
    message: r.message === '' ? null : r.message,
    enabled: r.enabled,
  }
}

function holidayDays(r: Row): DayOverride[] {
  const out: DayOverride[] = []
  for (let d = r.startsOn; d <= (r.endsOn || r.startsOn); d = addDays(d, 1))
    out.push({ day: d, kind: r.kind as DayOverride['kind'], name: r.title })
  return out
}

export type ValidatedCalendar = CalendarRows & { ignoredColumns: string[]; problems: Problem[] }

/** Validates every row; a day or an entry (编码 + 范围) given twice is a problem of the later row. */
export function validateCalendar(table: RawTable, ctx: CalendarContext): ValidatedCalendar {
  const head = readCalendarRows(table)
  const empty = { holidays: [], entries: [], ignoredColumns: head.ignored }
  if (head.problems.length > 0) return { ...empty, problems: head.problems }
  const schema = rowSchema(ctx)
  const problems: Problem[] = []
  const days = new Map<string, number>()
  const keys = new Map<string, number>()
  const out: CalendarRows = { holidays: [], entries: [] }
  for (const raw of head.rows) {
    const parsed = schema.safeParse(raw satisfies RawCalendarRow)
    if (!parsed.success) {
      for (const i of parsed.error.issues)
        problems.push({ row: raw.row, column: calendarLabel(i.path[0] ?? ''), message: i.message })
      continue
    }
    const r = parsed.data
    if (r.kind === 'rest' || r.kind === 'work') {
      for (const h of holidayDays(r)) {
        const seen = days.get(h.day)
        if (seen !== undefined)
          problems.push({
            row: r.row,
            column: '开始日期',
            message: `日期 ${h.day} 已在第 ${seen} 行出现：每天只能有一行`,
          })
        days.set(h.day, r.row)
        out.holidays.push(h)
      }
      continue
    }
    const id = `${r.key}@${r.scope}`
    const seen = keys.get(id)
    if (seen !== undefined)
      problems.push({
        row: r.row,
        column: '编码',
        message: `编码「${r.key}」（范围「${r.scope || '全党委'}」）已在第 ${seen} 行出现：同一范围内每个编码只能有一行`,
      })
    keys.set(id, r.row)
    out.entries.push(toEntry(r))
  }
  problems.sort((a, b) => a.row - b.row || calendarColumnOrder(a.column) - calendarColumnOrder(b.column))
  return problems.length ? { ...empty, problems } : { ...out, ignoredColumns: head.ignored, problems }
}
