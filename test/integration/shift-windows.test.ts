import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { activities, activityWindows } from '../../src/db/schema'
import type { Bot } from '../support/bot'
import { startShiftBot } from '../support/shift-fixture'

const at = (local: string) => Date.parse(`${local}+08:00`)
const G = 'g-ZC01'
let bot: Bot

// The fixture day 2026-11-25: test/support/shift-fixture.ts.
beforeEach(async () => {
  bot = await startShiftBot()
})
afterEach(() => bot.close())

const sayAt = (local: string, user: string, text: string) => {
  bot.setNow(at(local))
  return bot.read(user, text, G)
}

describe('发起签到 … 班次: one activity with a window per shift', () => {
  it('counts each member against the window of their own shift', async () => {
    expect(await sayAt('2026-11-25T08:00', 'u1001', '发起签到 班后会 30 班次 夜')).toContain(
      '本次为夜班签到窗口：今天上夜班的成员请在 08:30 前签到。',
    )
    expect(await sayAt('2026-11-25T08:10', 'u1004', '签到')).toContain('签到成功：班后会（08:10，准时）')
    expect(await sayAt('2026-11-25T08:12', 'u1002', '签到')).toBe(
      '「班后会」目前只开放 夜班 的签到窗口；您今天上中班，请等您班次的窗口，或事后发送「补签 <事由>」。',
    )
    // Resting today: any window that is open counts.
    expect(await sayAt('2026-11-25T08:20', 'u1005', '签到')).toContain('（08:20，准时）')

    expect(await sayAt('2026-11-25T16:00', 'u1001', '发起签到 班后会 30 班次 早')).toContain(
      '本次为早班签到窗口：今天上早班的成员请在 16:30 前签到。',
    )
    expect(await sayAt('2026-11-25T16:05', 'u1006', '签到')).toContain('（16:05，准时）')
    expect(await sayAt('2026-11-25T16:40', 'u1007', '签到')).toContain(
      '（16:40，已过签到截止时间，记为迟到）',
    )
    expect(await sayAt('2026-11-25T16:41', 'u1001', '发起签到 班后会 20 班次 早班')).toBe(
      '「班后会」已有早班的签到窗口（16:30 截止），无需重复发起。',
    )
    // The 夜班 window closed at 08:45 (30 min + 15 late): a night-shift member is not moved to the 早班 window.
    expect(await sayAt('2026-11-25T16:42', 'u1004', '签到')).toContain('您已于 08:10 签到「班后会」')

    expect(await bot.store.db.select({ id: activities.id }).from(activities)).toEqual([{ id: 1 }])
    const windows = await bot.store.db
      .select({ shift: activityWindows.shift, closesAt: activityWindows.closesAt })
      .from(activityWindows)
      .where(eq(activityWindows.activityId, 1))
    expect(windows).toEqual([
      { shift: '夜', closesAt: at('2026-11-25T08:30') },
      { shift: '早', closesAt: at('2026-11-25T16:30') },
    ])

    const card = await sayAt('2026-11-25T17:00', 'u1001', '签到情况 1')
    expect(card).toContain(
      [
        '分班次签到',
        '夜班：应到 1，准时 1，迟到 0，请假 0，未到 0',
        '早班：应到 5，准时 1，迟到 1，请假 0，未到 3',
        '其他（休息、无班次或本班次未设窗口）：应到 4，准时 1，迟到 0，请假 0，未到 3',
      ].join('\n'),
    )
  })

  it('counts the 中班 window after midnight against the shifts of the day the activity opened', async () => {
    // 11-26: 第一党小组 on 中班 (16–24); on 11-27 they start nights, but the 00:05 window is for the 11-26 中班.
    await sayAt('2026-11-26T08:00', 'u1001', '发起签到 班后会 30 班次 夜')
    await sayAt('2026-11-27T00:05', 'u1001', '发起签到 班后会 30 班次 中')
    expect(await sayAt('2026-11-27T00:10', 'u1002', '签到')).toContain('签到成功：班后会（00:10，准时）')
    expect(await bot.store.db.select({ id: activities.id }).from(activities)).toEqual([{ id: 1 }])
  })

  it('refuses a shift there is not, and extra words, with the usage line', async () => {
    expect(await sayAt('2026-11-25T08:00', 'u1001', '发起签到 班后会 30 班次 白')).toBe(
      '没有「白」这个班次。可用的班次：早班、中班、夜班，例如：发起签到 班后会 30 班次 早',
    )
    expect(await sayAt('2026-11-25T08:00', 'u1001', '发起签到 班后会 30 8421 多余')).toContain(
      '参数有误：多余的内容「多余」\n用法：发起签到 <活动名称> [分钟数] [签到码] [班次 早|中|夜]',
    )
    expect(await sayAt('2026-11-25T08:00', 'u1001', '发起签到 班后会 班次')).toContain(
      '「班次」之后请写 早、中 或 夜',
    )
  })

  it('keeps a check-in without 班次 as it was: one window for everyone', async () => {
    await sayAt('2026-11-25T09:00', 'u1001', '发起签到 学习会 30 A1')
    expect(await sayAt('2026-11-25T09:05', 'u1002', '签到 A1')).toContain('（09:05，准时）')
    expect(await sayAt('2026-11-25T09:06', 'u1004', '签到 a1')).toContain('（09:06，准时）')
    expect(await bot.store.db.select().from(activityWindows)).toEqual([])
  })

  it('refuses the secretary of another branch', async () => {
    await sayAt('2026-11-25T08:00', 'u1001', '发起签到 班后会 30 班次 夜')
    expect(await bot.read('u1011', '发起签到 班后会 30 班次 早', G)).toBe(
      '您不是「综采一队党支部」的书记，不能在此发起签到。请在您所在支部的群里，或在与我的私聊中发起。',
    )
  })
})
