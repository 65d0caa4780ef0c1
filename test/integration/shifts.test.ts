import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { orgUnits, outbox, shiftRotations } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

let bot: Bot

/** 综采一队第一党小组 (u1001–u1005) works two early, two middle, two night, two off from Monday 2026-11-23. */
async function rotateFirstGroup() {
  const [group] = await bot.store.db.select().from(orgUnits).where(eq(orgUnits.code, 'ZC01-1'))
  await bot.store.db.insert(shiftRotations).values({
    unitId: group?.id as number,
    cycle: '早 早 中 中 夜 夜 rest rest',
    anchorDay: '2026-11-23',
    setBy: 1,
    at: 0,
  })
}

beforeEach(async () => {
  bot = await startBot()
  await rotateFirstGroup()
})
afterEach(() => bot.close())

describe('班次', () => {
  it('shows my shifts for the coming week from the team rotation', async () => {
    const week = await bot.read('u1002', '班次')
    expect(week).toContain('我的班次 · 2026-11-25 起一周')
    for (const row of [
      '2026-11-25（周三） | 中班 | 16:00–24:00',
      '2026-11-26（周四） | 中班 | 16:00–24:00',
      '2026-11-27（周五） | 夜班 | 00:00–08:00',
      '2026-11-28（周六） | 夜班 | 00:00–08:00',
      '2026-11-29（周日） | 休 |',
      '2026-11-30（周一） | 休 |',
      '2026-12-01（周二） | 早班 | 08:00–16:00',
    ])
      expect(week).toContain(row)
    expect(week).toContain('夜班后休息 8 小时')
  })

  it('tells a member without a rotation so', async () => {
    expect(await bot.read('u1007', '/shift')).toContain('您所在班组还没有排班')
  })

  it('lets the secretary set a day off, tells the member, and the week shows it', async () => {
    expect(await bot.read('u1001', '班次 @1003 12-01 休')).toBe(
      '✅ 已将 张永刚 2026-12-01（周二） 设为休息。',
    )
    const [told] = await bot.store.db.select().from(outbox).where(eq(outbox.targetId, 'u1003'))
    expect(JSON.parse(told?.reply ?? '{}').text).toBe(
      '【班次调整】支部书记 王建国 已将您 2026-12-01（周二） 的班次设为「休」。',
    )
    expect(await bot.read('u1003', '班次')).toContain('2026-12-01（周二） | 休 |')
    expect(await bot.read('u1001', '班次 @1003 12-01 夜班')).toBe(
      '✅ 已将 张永刚 2026-12-01（周二） 的班次设为「夜班」。',
    )
    expect(await bot.read('u1003', '班次')).toContain('2026-12-01（周二） | 夜班 | 00:00–08:00')
  })

  it.each([
    ['u1002', '班次 @1003 12-01 夜', '只有支部书记可以为成员设置班次。发送「班次」查看自己的班次。'],
    ['u1011', '班次 @1003 12-01 夜', '张永刚 不在您的支部，您不能为其设置班次。'],
    ['u1001', '班次 @1003 12-01 午班', '没有「午班」这个班次。可选：早班、中班、夜班，或「休」。'],
    ['u1001', '班次 @1003 2026-11-01 早', '2026-11-01 已经过去，只能设置今天或以后的班次。'],
  ])('%s: %s is refused', async (user, line, answer) => {
    expect(await bot.read(user, line)).toBe(answer)
    expect(await bot.read('u1003', '班次')).toContain('2026-12-01（周二） | 早班 | 08:00–16:00')
  })

  it('answers a half-typed change with the usage line', async () => {
    expect(await bot.read('u1001', '班次 @1003')).toMatch(
      /^参数有误：缺少必填内容\n用法：班次 \[@成员 <日期> <班次\|休>\]/,
    )
  })
})
