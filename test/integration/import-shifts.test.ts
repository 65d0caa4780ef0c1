import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { shiftExceptions, shiftRotations } from '../../src/db/schema'
import { parseCsv } from '../../src/import/read-table'
import { formatShiftsReport, importShifts } from '../../src/import/shifts-import'
import { type Bot, startBot } from '../support/bot'

let bot: Bot
beforeEach(async () => {
  bot = await startBot()
})
afterEach(() => bot.close())

const csv = (lines: string[]) => parseCsv(new TextEncoder().encode(lines.join('\n')))
const run = async (lines: string[], dryRun = false) =>
  formatShiftsReport(await importShifts(bot.store, csv(lines), { dryRun, now: 0 }))

describe('npm run import -- shifts', () => {
  const GOOD = [
    '党小组编码,轮班,起始日期,工号,日期,班次',
    'ZC01-1,早 早 中 中 夜 夜 休 休,2026-11-23,,,',
    'ZC01-2,"夜,夜,休,休,早,早,中,中",2026-11-23,,,',
    ',,,1003,2026-12-01,休',
  ]

  it('imports rotations and members’ days, and 班次 shows them', async () => {
    expect(await run(GOOD)).toEqual(['班次导入完成：2 个党小组的轮班，1 条个人班次。'])
    const week = await bot.read('u1003', '班次')
    expect(week).toContain('2026-11-27（周五） | 夜班 | 00:00–08:00')
    expect(week).toContain('2026-12-01（周二） | 休 |')
    expect(await bot.read('u1007', '班次')).toContain('2026-11-25（周三） | 休 |')
    // Importing again replaces the rotations and appends the day once more.
    await run(GOOD)
    expect(await bot.store.db.select().from(shiftRotations)).toHaveLength(2)
    expect(await bot.store.db.select().from(shiftExceptions)).toHaveLength(2)
  })

  it('writes nothing on a dry run', async () => {
    expect(await run(GOOD, true)).toEqual([
      '试运行（--dry-run，未写入）：班次可以导入：2 个党小组的轮班，1 条个人班次。',
    ])
    expect(await bot.store.db.select().from(shiftRotations)).toEqual([])
  })

  it('reports every bad row and writes nothing', async () => {
    expect(
      await run([
        '党小组编码,轮班,起始日期,工号,日期,班次,备注',
        'ZC01,早 中 夜,2026-11-23,,,,',
        'ZC01-1,早 午 夜,2026-02-30,,,,',
        ',,,9999,2026-12-01,夜,',
        ',,,1003,12月1日,大夜,',
        'ZC01-2,早,2026-11-23,1003,,,',
      ]),
    ).toEqual([
      '第 2 行 · 党小组编码：党小组「ZC01」不存在：应为已有党小组的编码，如 ZC01-1',
      '第 3 行 · 轮班：轮班中的「午」无效：可选 早、中、夜 或 休',
      '第 3 行 · 起始日期：起始日期「2026-02-30」无效：应为轮班第一天的日期，如 2026-12-01',
      '第 4 行 · 工号：工号「9999」不在花名册中',
      '第 5 行 · 日期：日期「12月1日」无效：应为 2026-12-01 这样的日期',
      '第 5 行 · 班次：班次「大夜」无效：可选 早、中、夜 或 休',
      '第 6 行 · 工号：一行只能是一个党小组的轮班（填 党小组编码）或一名成员某天的班次（填 工号），不能两者都填',
      '已忽略无法识别的列：「备注」',
      '班次未导入：5 行共 7 处问题，没有写入任何内容。请改正后重新导入整个文件。',
    ])
    expect(await bot.store.db.select().from(shiftRotations)).toEqual([])
    expect(await bot.store.db.select().from(shiftExceptions)).toEqual([])
  })
})
