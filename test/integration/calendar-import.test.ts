import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { count, eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { JOBS } from '../../scheduler/jobs'
import { tick } from '../../scheduler/tick'
import { loadWorkdays } from '../../src/db/calendar'
import { calendarEntries, holidays, outbox } from '../../src/db/schema'
import { exportCalendar, formatCalendarReport, importCalendar } from '../../src/import/calendar-import'
import { parseCsv, readTable } from '../../src/import/read-table'
import { type Bot, startBot } from '../support/bot'

const ROOT = path.resolve(__dirname, '../..')
const GOOD = path.join(ROOT, 'test/fixtures/calendar/good.csv')
const BAD = path.join(ROOT, 'test/fixtures/calendar/bad.csv')
const at = (iso: string) => Date.parse(iso)

let bot: Bot
beforeEach(async () => {
  bot = await startBot()
})
afterEach(() => bot.close())

const importFile = async (file: string, dryRun = false) =>
  importCalendar(bot.store, await readTable(file), { dryRun, now: at('2026-11-25T10:00:00+08:00') })
const counts = async () => [
  (await bot.store.db.select({ n: count() }).from(holidays))[0]?.n,
  (await bot.store.db.select({ n: count() }).from(calendarEntries))[0]?.n,
]

describe('importing a calendar file', () => {
  it('takes 2027’s official table: the year becomes confirmed and its 调休 counts', async () => {
    const report = await importFile(GOOD)
    expect(formatCalendarReport(report)).toEqual([
      '日历导入完成：2027 年节假日 20 天（整年替换，该年标记为已确认）；日历安排 3 项（同编码同范围的旧安排被替换）。',
    ])
    const wd = await loadWorkdays(bot.store.db)
    expect(wd.source(2027)).toBe('imported')
    expect(['2027-10-04', '2027-10-07', '2027-02-09'].map((d) => wd.isWorkday(d))).toEqual([
      false,
      false,
      false,
    ])
    expect(['2027-09-26', '2027-10-09', '2027-02-13'].map((d) => wd.isWorkday(d))).toEqual([true, true, true])
    const ready = (await (await bot.app.request('/readyz')).json()) as { calendar: unknown }
    expect(ready.calendar).toEqual({
      years: {
        2026: { source: 'shipped', status: 'confirmed' },
        2027: { source: 'imported', status: 'confirmed' },
      },
      warnings: [],
    })
  })

  it('gives one branch its own 主题党日 and a new stage activity with its own text', async () => {
    await importFile(GOOD)
    bot.setNow(at('2027-05-20T10:00:00+08:00'))
    const zc = await bot.read('u1001', '活动', 'g-ZC01')
    expect(zc).toContain('2027-05-28 周五 | 主题党日 | 08:30 提醒')
    expect(zc).toContain('2027-06-01 周二 | 安全生产月 | 阶段活动，2027-06-01 至 2027-06-30')
    expect(zc).not.toContain('未确认')
    const jd = await bot.read('u1011', '活动', 'g-JD01')
    expect(jd).toContain('2027-06-15 周二 | 主题党日 | 09:00 提醒')
    const deps = { ...tickDepsFor(bot.core), jobs: JOBS.filter((j) => j.name === 'stage-announcements') }
    // Three days ahead is Saturday the 29th: it goes out on Friday.
    await tick(deps, at('2027-05-28T09:00:00+08:00'))
    const [post] = (await bot.store.db.select().from(outbox)).filter((r) => r.targetId === 'g-TF01')
    expect(JSON.parse(post?.reply ?? '{}').text).toBe(
      '【安全生产月】2027-06-01 开始，请各支部组织安全承诺签名。',
    )
  })

  it('refuses a file with bad rows, names each problem, and writes nothing', async () => {
    const before = await counts()
    const report = await importFile(BAD)
    expect(report.ok).toBe(false)
    expect(formatCalendarReport(report)).toEqual([
      '第 2 行 · 开始日期：开始日期「2027-10-32」无效：放假行应填 2027-10-01 这样的日期',
      '第 3 行 · 范围：范围「XX99」不是已有单位的编码：留空表示全党委，或填支部编码如 ZC01',
      '第 4 行 · 规则：规则「每周一」无效：应为 每月15日（monthly:15）或 每季第3月10日（quarterly:3:10）',
      '第 4 行 · 时间：时间无效：应为 09:00 这样的 24 小时制时间',
      '第 5 行 · 结束日期：结束日期「2027-06-21」无效：阶段行应填不早于开始日期的日期',
      '第 7 行 · 开始日期：日期 2027-10-01 已在第 6 行出现：每天只能有一行',
      '第 8 行 · 类别：类别「开会」无效：应为 放假、上班（调休）、阶段、会议 或 每日',
      '日历未导入：6 行共 7 处问题，没有写入任何内容。请改正后重新导入整个文件。',
    ])
    expect(await counts()).toEqual(before)
  })

  it('reads the table from an XLSX sheet, cells typed as Excel dates and times included', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calendar-xlsx-'))
    const file = path.join(dir, '2027.xlsx')
    const wb = new ExcelJS.Workbook()
    const sheet = wb.addWorksheet('2027')
    sheet.addRow(['类别', '编码', '名称', '类型', '日期', '结束日期', '规则', '时间'])
    sheet.addRow(['放假', '', '国庆节', '', new Date(Date.UTC(2027, 9, 1)), new Date(Date.UTC(2027, 9, 7))])
    sheet.addRow(['上班', '', '国庆节', '', '2027-10-09', ''])
    sheet.addRow([
      '会议',
      'themeDay',
      '主题党日',
      '主题党日',
      '',
      '',
      '每月15日',
      new Date(Date.UTC(1899, 11, 30, 8, 30)),
    ])
    await wb.xlsx.writeFile(file)
    const report = await importFile(file)
    expect(formatCalendarReport(report)).toEqual([
      '日历导入完成：2027 年节假日 8 天（整年替换，该年标记为已确认）；日历安排 1 项（同编码同范围的旧安排被替换）。',
    ])
    expect((await loadWorkdays(bot.store.db)).isWorkday('2027-10-09')).toBe(true)
    const [themeDay] = await bot.store.db
      .select()
      .from(calendarEntries)
      .where(eq(calendarEntries.key, 'themeDay'))
    expect(themeDay?.at).toBe('08:30')
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('exports what it imports: the export reads back as a valid file', async () => {
    await importFile(GOOD)
    const csv = await exportCalendar(bot.store)
    expect(csv.startsWith('\uFEFF类别,编码,范围,名称')).toBe(true)
    const again = await importCalendar(bot.store, parseCsv(new TextEncoder().encode(csv)), {
      dryRun: true,
      now: 0,
    })
    expect(again.problems).toEqual([])
    expect(again.summary).toEqual({ holidayYears: [2027], holidayDays: 20, entries: 17 })
  })
})

describe('npm run import -- calendar', () => {
  it('exits 1 on a bad file and 0 on a good one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calendar-'))
    const file = path.join(dir, 'bot.db')
    const onDisk = await startBot({ file })
    onDisk.close()
    const run = (args: string[]) =>
      promisify(execFile)(
        path.join(ROOT, 'node_modules/.bin/tsx'),
        ['src/cli/import.ts', ...args, '--db', file],
        {
          cwd: ROOT,
        },
      ).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      )
    const bad = await run(['calendar', BAD])
    expect(bad.code).toBe(1)
    expect(bad.out).toContain('日历未导入：6 行共 7 处问题')
    const good = await run(['calendar', GOOD])
    expect([good.code, good.out.trim()]).toEqual([
      0,
      '日历导入完成：2027 年节假日 20 天（整年替换，该年标记为已确认）；日历安排 3 项（同编码同范围的旧安排被替换）。',
    ])
    fs.rmSync(dir, { recursive: true, force: true })
  }, 30_000)
})

describe('活动', () => {
  it('lists the branch’s next 30 days with holiday moves, in the group and privately', async () => {
    bot.setNow(at('2026-09-20T10:00:00+08:00'))
    expect(await bot.read('u1001', '活动', 'g-ZC01')).toBe(
      [
        '【综采一队党支部近 30 天的活动安排】',
        '日期 | 活动 | 说明',
        '2026-09-21 周一 | 迎国庆 | 阶段活动，2026-09-21 至 2026-09-30',
        '2026-10-08 周四 | 决胜年终 | 阶段活动，2026-10-08 至 2026-12-31（原定 2026-10-01 逢国庆节，顺延至 2026-10-08）',
        '2026-10-08 周四 | 支委会 | 09:00 提醒（原定 2026-10-05 逢国庆节，顺延至 2026-10-08）',
        '2026-10-10 周六 | 党小组会 | 09:00 提醒',
        '2026-10-15 周四 | 主题党日 | 09:00 提醒',
      ].join('\n'),
    )
  })

  it('says when the days ahead fall in an unconfirmed year, in either language', async () => {
    bot.setNow(at('2026-12-20T10:00:00+08:00'))
    expect(await bot.read('u1005', '活动')).toContain(
      '注：2027 年节假日安排尚未确认，日期按法定节日推算，可能随国务院调休通知调整。',
    )
    await bot.read('u1005', '/lang en')
    const en = await bot.read('u1005', '/activities')
    expect(en).toContain('2027-01-05 Tue | 开局动员 | stage activity, 2027-01-05 to 2027-01-31')
    expect(en).toContain('Note: the 2027 holiday arrangement is not confirmed yet')
  })

  it('answers someone not yet bound with the organisation’s calendar', async () => {
    bot.setNow(at('2026-09-20T10:00:00+08:00'))
    expect(await bot.read('u9999', '活动')).toContain('【全党委近 30 天的活动安排】')
  })
})
