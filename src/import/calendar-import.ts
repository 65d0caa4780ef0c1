import { inArray } from 'drizzle-orm'
import type { CalendarEntry } from '../../scheduler/calendar'
import { toRow } from '../db/calendar'
import { calendarEntries, holidays, orgUnits } from '../db/schema'
import type { Store, Write } from '../db/store'
import { type CalendarRows, validateCalendar } from './calendar'
import type { RawTable } from './read-table'
import type { Problem } from './roster-columns'

export type CalendarReport = {
  ok: boolean
  dryRun: boolean
  problems: Problem[]
  ignoredColumns: string[]
  summary?: { holidayYears: number[]; holidayDays: number; entries: number }
}

function writesFor(store: Store, rows: CalendarRows, now: number): Write[] {
  const { db } = store
  const years = [...new Set(rows.holidays.map((h) => Number(h.day.slice(0, 4))))]
  const writes: Write[] = []
  // A year's table replaces the year: the State Council notice is complete, and a day it drops must not linger.
  if (years.length) writes.push(db.delete(holidays).where(inArray(holidays.year, years)))
  if (rows.holidays.length)
    writes.push(
      db
        .insert(holidays)
        .values(rows.holidays.map((h) => ({ ...h, year: Number(h.day.slice(0, 4)), importedAt: now }))),
    )
  for (const e of rows.entries) {
    const { key, scope, ...rest } = toRow(e, 'import', now)
    writes.push(
      db
        .insert(calendarEntries)
        .values({ key, scope, ...rest })
        .onConflictDoUpdate({ target: [calendarEntries.key, calendarEntries.scope], set: rest }),
    )
  }
  return writes
}

/** Imports the whole file or nothing: holiday rows replace their years, entries replace the same 编码 + 范围. */
export async function importCalendar(
  store: Store,
  table: RawTable,
  opts: { dryRun?: boolean; now: number },
): Promise<CalendarReport> {
  const dryRun = opts.dryRun ?? false
  const units = await store.db.select({ code: orgUnits.code }).from(orgUnits)
  const v = validateCalendar(table, { unitCodes: new Set(units.map((u) => u.code)) })
  if (v.problems.length) return { ok: false, dryRun, problems: v.problems, ignoredColumns: v.ignoredColumns }
  if (!dryRun) await store.commit(writesFor(store, v, opts.now))
  return {
    ok: true,
    dryRun,
    problems: [],
    ignoredColumns: v.ignoredColumns,
    summary: {
      holidayYears: [...new Set(v.holidays.map((h) => Number(h.day.slice(0, 4))))].sort(),
      holidayDays: v.holidays.length,
      entries: v.entries.length,
    },
  }
}

export function formatCalendarReport(report: CalendarReport): string[] {
  const lines = report.problems.map((p) =>
    p.column ? `第 ${p.row} 行 · ${p.column}：${p.message}` : `第 ${p.row} 行：${p.message}`,
  )
  if (report.ignoredColumns.length > 0)
    lines.push(`已忽略无法识别的列：${report.ignoredColumns.map((c) => `「${c}」`).join('、')}`)
  const s = report.summary
  if (!report.ok || !s) {
    const rows = new Set(report.problems.map((p) => p.row)).size
    lines.push(
      `日历未导入：${rows} 行共 ${report.problems.length} 处问题，没有写入任何内容。请改正后重新导入整个文件。`,
    )
    return lines
  }
  const head = report.dryRun ? '试运行（--dry-run，未写入）：日历可以导入' : '日历导入完成'
  const years = s.holidayYears.length
    ? `${s.holidayYears.join('、')} 年节假日 ${s.holidayDays} 天（整年替换，该年标记为已确认）`
    : '没有节假日行'
  lines.push(`${head}：${years}；日历安排 ${s.entries} 项（同编码同范围的旧安排被替换）。`)
  return lines
}

const KIND_WORDS: Record<CalendarEntry['kind'], string> = { stage: '阶段', meeting: '会议', daily: '每日' }
const TYPE_WORDS: Record<CalendarEntry['type'], string> = {
  themeDay: '主题党日',
  committee: '支委会',
  group: '党小组会',
  assembly: '党员大会',
  lecture: '党课',
  study: '学习',
  stage: '阶段活动',
  other: '其他',
}
const MOVE_WORDS = { next: '顺延', previous: '提前', none: '不调整' } as const

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/** The database's calendar and imported holidays as a CSV the import reads back (with a BOM, so Excel opens it). */
export async function exportCalendar(store: Store): Promise<string> {
  const header = '类别,编码,范围,名称,类型,开始日期,结束日期,规则,时间,提前天数,催办天数,顺延,提示语,启用'
  const days = await store.db.select().from(holidays).orderBy(holidays.day)
  const entries = await store.db
    .select()
    .from(calendarEntries)
    .orderBy(calendarEntries.key, calendarEntries.scope)
  const lines = [
    ...days.map((h) => [
      h.kind === 'rest' ? '放假' : '上班',
      '',
      '',
      h.name,
      '',
      h.day,
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]),
    ...entries.map((e) => [
      KIND_WORDS[e.kind],
      e.key,
      e.scope,
      e.title,
      TYPE_WORDS[e.type],
      e.startsOn ?? '',
      e.endsOn ?? '',
      e.rule ?? '',
      e.at,
      e.leadDays,
      e.nudgeDays === null ? '' : String(e.nudgeDays),
      MOVE_WORDS[e.move],
      e.message ?? '',
      e.enabled ? '是' : '否',
    ]),
  ]
  return `\uFEFF${[header, ...lines.map((l) => l.map(csvCell).join(','))].join('\r\n')}\r\n`
}
