import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { members, outbox, pointsLedger } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

const G = 'g-ZC01'
let bot: Bot

beforeEach(async () => {
  bot = await startBot()
})
afterEach(() => bot.close())

const ledger = async () =>
  bot.store.db
    .select({
      no: members.employeeNo,
      points: pointsLedger.points,
      rule: pointsLedger.rule,
      reason: pointsLedger.reason,
      source: pointsLedger.source,
      day: pointsLedger.day,
      version: pointsLedger.settingsVersion,
    })
    .from(pointsLedger)
    .innerJoin(members, eq(members.id, pointsLedger.memberId))
    .where(eq(pointsLedger.rule, 'manual'))

const pushedTo = async (userId: string) =>
  (await bot.store.db.select().from(outbox).where(eq(outbox.targetId, userId)))
    .filter((r) => r.targetKind === 'user' && !r.replyTo)
    .map((r) => (JSON.parse(r.reply) as { text: string }).text)

describe('加分 / 扣分', () => {
  it('gives points with a reason, tells the member privately and shows them in 积分', async () => {
    expect(await bot.read('u1001', '加分 @1002 5 井下抢险突击', G)).toBe(
      '已给 李卫东 加 5 分，事由：井下抢险突击。今日手动加扣分 5/20。已私聊告知本人。',
    )
    expect(await ledger()).toEqual([
      {
        no: '1002',
        points: 5,
        rule: 'manual',
        reason: '书记加分：井下抢险突击（王建国）',
        source: 'manual:2026-11-25:1',
        day: '2026-11-25',
        version: 1,
      },
    ])
    expect(await pushedTo('u1002')).toEqual([
      '王建国 给您加了 5 分，事由：井下抢险突击。发送「积分」查看明细。',
    ])
    const points = await bot.read('u1002', '积分')
    expect(points).toMatch(/书记加分：井下抢险突击（王建国）/)
    expect(points).toMatch(/\+5/)
  })

  it('deducts points as a negative row', async () => {
    expect(await bot.read('u1001', '扣分 @1003 2 无故缺席', G)).toBe(
      '已给 张永刚 扣 2 分，事由：无故缺席。今日手动加扣分 2/20。已私聊告知本人。',
    )
    expect((await ledger()).map((r) => [r.no, r.points, r.reason])).toEqual([
      ['1003', -2, '书记扣分：无故缺席（王建国）'],
    ])
    expect(await pushedTo('u1003')).toEqual(['王建国 给您扣了 2 分，事由：无故缺席。发送「积分」查看明细。'])
  })

  it('refuses more than maxPerAward in one go', async () => {
    expect(await bot.read('u1001', '加分 @1002 11 抢险', G)).toBe(
      '每次加分或扣分最多 10 分，您填写的是 11 分。请改小分值，或分几项事由分别记录。',
    )
    expect(await ledger()).toEqual([])
  })

  it('keeps a member within the daily cap, counting deductions too', async () => {
    await bot.read('u1001', '加分 @1002 10 抢险', G)
    await bot.read('u1001', '扣分 @1002 6 违章', G)
    expect(await bot.read('u1001', '加分 @1002 5 帮扶', G)).toBe(
      '李卫东 今天的手动加扣分已累计 16 分，每日上限 20 分，最多还能再记 4 分。请改小分值或明天再记。',
    )
    expect(await bot.read('u1001', '加分 @1002 4 帮扶', G)).toMatch(/今日手动加扣分 20\/20/)
    expect((await ledger()).map((r) => [r.points, r.source])).toEqual([
      [10, 'manual:2026-11-25:1'],
      [-6, 'manual:2026-11-25:2'],
      [4, 'manual:2026-11-25:3'],
    ])
    // The next day starts afresh.
    bot.setNow(Date.parse('2026-11-26T09:00:00+08:00'))
    expect(await bot.read('u1001', '加分 @1002 10 抢险', G)).toMatch(/今日手动加扣分 10\/20/)
  })

  it('holds the daily cap when two awards race', async () => {
    await bot.read('u1001', '加分 @1002 10 抢险', G)
    const answers = await Promise.all([
      bot.read('u1001', '加分 @1002 8 帮扶', G),
      bot.read('u1001', '加分 @1002 8 献血', G),
    ])
    expect(answers.filter((a) => a.startsWith('已给')).length).toBe(1)
    expect(answers.filter((a) => a.includes('最多还能再记 2 分')).length).toBe(1)
    expect((await ledger()).map((r) => r.points)).toEqual([10, 8])
  })

  it('needs a reason and a whole number of points', async () => {
    expect(await bot.read('u1001', '加分 @1002 5', G)).toMatch(
      /参数有误：缺少必填内容[\s\S]*用法：加分 @成员 <分值> <事由>/,
    )
    expect(await bot.read('u1001', '加分 @1002 2.5 抢险', G)).toMatch(/分值应为 1 到 100 的整数/)
    expect(await bot.read('u1001', '加分 1002 5 抢险', G)).toMatch(/请用 @ 指定成员/)
    expect(await ledger()).toEqual([])
  })

  it('refuses members of another branch, oneself, and non-secretaries', async () => {
    expect(await bot.read('u1001', '加分 @1012 5 抢险', G)).toBe(
      '孙红梅 不在您担任书记的支部，不能给其加分或扣分。',
    )
    expect(await bot.read('u1001', '加分 @1001 5 抢险', G)).toBe('不能给自己加分或扣分，请由上级党组织处理。')
    expect(await bot.read('u1002', '加分 @1003 5 抢险', G)).toMatch(/只有支部书记可以使用/)
    expect(await bot.read('u1032', '扣分 @1003 5 违章', G)).toMatch(/只有支部书记可以使用/)
    expect(await ledger()).toEqual([])
  })

  it('says so when the member has no chat account to tell', async () => {
    expect(await bot.read('u1001', '加分 @1009 3 抢险', G)).toBe(
      '已给 周秀英 加 3 分，事由：抢险。今日手动加扣分 3/20。周秀英 尚未绑定聊天账号，消息未能送达，请当面告知。',
    )
  })
})
