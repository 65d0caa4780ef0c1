import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { members, outbox, pointsLedger, studyItems, studyRecords } from '../../src/db/schema'
import { type Bot, FIXED_NOW, startBot } from '../support/bot'

const G = 'g-ZC01'
let bot: Bot

beforeEach(async () => {
  bot = await startBot()
})
afterEach(() => bot.close())

/** Cards and texts the bot pushed on its own into a group chat. */
const groupPushes = async (chatId: string) =>
  (await bot.store.db.select().from(outbox).where(eq(outbox.targetId, chatId)))
    .filter((r) => r.targetKind === 'chat' && !r.replyTo)
    .map((r) => JSON.parse(r.reply) as { kind: string; card?: { title: string; sections: unknown[] } })

const studyPoints = async () =>
  bot.store.db
    .select({
      no: members.employeeNo,
      points: pointsLedger.points,
      reason: pointsLedger.reason,
      source: pointsLedger.source,
    })
    .from(pointsLedger)
    .innerJoin(members, eq(members.id, pointsLedger.memberId))
    .where(eq(pointsLedger.rule, 'study'))

describe('发布学习', () => {
  it('a secretary publishes to the branch group with a 已学 button', async () => {
    // Published in the group itself: the answer, then the card the group receives.
    expect(await bot.read('u1001', '发布学习 学习新修订的煤矿安全规程：第一章 总则', G)).toBe(
      [
        '已发布第一议题「学习新修订的煤矿安全规程」（编号 1）到 综采一队党支部 的 1 个群。发送「学习情况」查看谁还没学。',
        '【第一议题：学习新修订的煤矿安全规程】',
        '第一章 总则',
        '编号: 1',
        '发布: 综采一队党支部 王建国',
        '学习后请点「已学」，或发送「已学 1」。',
        '[已学]',
      ].join('\n'),
    )
    expect(await bot.store.db.select().from(studyItems)).toEqual([
      {
        id: 1,
        unitId: expect.any(Number),
        title: '学习新修订的煤矿安全规程',
        body: '第一章 总则',
        publishedBy: expect.any(Number),
        publishedAt: FIXED_NOW,
      },
    ])
    const [pushed] = await groupPushes(G)
    expect(pushed?.card?.title).toBe('第一议题：学习新修订的煤矿安全规程')
    expect(JSON.stringify(pushed?.card?.sections)).toContain(
      '{"label":"已学","action":"study.done","value":"1","style":"primary"}',
    )
    expect(await groupPushes('g-JD01')).toEqual([])
  })

  it('an admin publishes to every linked group of the organisation', async () => {
    expect(await bot.read('u1034', '发布学习 二十届四中全会精神 https://example.org/a', 'u1034')).toBe(
      '已发布第一议题「二十届四中全会精神」（编号 1）到 示范煤矿党委 的 5 个群。发送「学习情况」查看谁还没学。',
    )
    for (const chat of ['g-DW', 'g-ZC01', 'g-JD01', 'g-TF01', 'g-JG01'])
      expect((await groupPushes(chat)).length, chat).toBe(1)
    const [item] = await bot.store.db.select().from(studyItems)
    expect(item?.body).toBe('https://example.org/a')
  })

  it('two items published at once get their own numbers', async () => {
    await Promise.all([bot.read('u1001', '发布学习 第一篇'), bot.read('u1011', '发布学习 第二篇')])
    const items = await bot.store.db.select().from(studyItems)
    expect(items.map((i) => i.id).sort()).toEqual([1, 2])
    expect(items.map((i) => i.title).sort()).toEqual(['第一篇', '第二篇'])
  })

  it('needs a title; members may not publish', async () => {
    expect(await bot.read('u1001', '发布学习', G)).toMatch(/参数有误：缺少必填内容/)
    expect(await bot.read('u1002', '发布学习 学习', G)).toMatch(
      /只有党务管理员或支部书记可以使用|只有.+可以使用/,
    )
    expect(await bot.store.db.select().from(studyItems)).toEqual([])
  })
})

describe('已学', () => {
  beforeEach(async () => {
    await bot.read('u1001', '发布学习 学习新修订的煤矿安全规程', G)
  })

  it('records a click once and gives the study points once', async () => {
    expect(await bot.click('u1002', 'study.done', '1', G)).toBe(
      '已记录您学习了「学习新修订的煤矿安全规程」，积分 +2。',
    )
    expect(await bot.click('u1002', 'study.done', '1', G)).toBe(
      '您已于 11-25 10:00 学习过「学习新修订的煤矿安全规程」，无需重复标记。',
    )
    expect(await bot.read('u1002', '已学')).toMatch(/您已于 11-25 10:00 学习过/)
    expect(await studyPoints()).toEqual([
      { no: '1002', points: 2, reason: '第一议题学习：学习新修订的煤矿安全规程', source: 'study:1' },
    ])
    expect((await bot.store.db.select().from(studyRecords)).length).toBe(1)
  })

  it('two clicks at once make one record', async () => {
    const answers = await Promise.all([
      bot.click('u1003', 'study.done', '1', G),
      bot.click('u1003', 'study.done', '1', G),
    ])
    expect(answers.filter((a) => a.startsWith('已记录')).length).toBe(1)
    expect((await studyPoints()).map((r) => r.points)).toEqual([2])
  })

  it('keeps study points within the daily cap', async () => {
    await bot.read('u1001', '发布学习 第二篇', G)
    expect(await bot.read('u1002', '已学 1')).toBe('已记录您学习了「学习新修订的煤矿安全规程」，积分 +2。')
    expect(await bot.read('u1002', '已学 2')).toBe(
      '已记录您学习了「第二篇」。今天的学习积分已达上限，本次 +0。',
    )
    expect((await studyPoints()).map((r) => [r.points, r.reason])).toEqual([
      [2, '第一议题学习：学习新修订的煤矿安全规程'],
      [0, '第一议题学习：第二篇（已达每日上限）'],
    ])
  })

  it("refuses another branch's item and an unknown number", async () => {
    expect(await bot.read('u1012', '已学 1')).toBe('第 1 号学习不是发给您所在支部的。')
    expect(await bot.read('u1012', '已学')).toBe('您所在支部还没有发布第一议题学习。')
    expect(await bot.read('u1002', '已学 9')).toBe('没有编号为 9 的学习。')
    expect(await bot.read('u1002', '已学 第一')).toMatch(/参数有误：学习编号应为正整数，例如 1/)
    expect(await studyPoints()).toEqual([])
  })
})

describe('学习情况', () => {
  it('shows the secretary who has not studied yet', async () => {
    await bot.read('u1001', '发布学习 学习新修订的煤矿安全规程', G)
    await bot.click('u1002', 'study.done', '1', G)
    await bot.read('u1003', '已学')
    const status = await bot.read('u1001', '学习情况', G)
    expect(status).toMatch(/学习情况：学习新修订的煤矿安全规程（综采一队党支部）/)
    expect(status).toMatch(/已学: 2\/10/)
    expect(status).toMatch(/完成率: 20%/)
    expect(status).toMatch(/未学：王建国、刘志强、陈红梅、杨春华、赵海军、黄国庆、周秀英、吴立新/)
  })

  it('shows a leader the organisation by branch, lowest completion first', async () => {
    await bot.read('u1034', '发布学习 二十届四中全会精神', 'u1034')
    await bot.read('u1002', '已学')
    await bot.read('u1012', '已学')
    const status = await bot.read('u1032', '学习情况')
    expect(status).toMatch(/学习情况：二十届四中全会精神（示范煤矿党委）/)
    expect(status).toMatch(/已学: 2\/40/)
    expect(status).toMatch(/完成率: 5%/)
    expect(status).toMatch(/ 等 8 人/)
    expect(status).toContain(
      [
        '支部 | 已学 | 完成率',
        '通风安全队党支部 | 0/10 | 0%',
        '机关党支部 | 0/10 | 0%',
        '综采一队党支部 | 1/10 | 10%',
        '机电队党支部 | 1/10 | 10%',
      ].join('\n'),
    )
  })

  it('is refused to members and to secretaries of other branches', async () => {
    await bot.read('u1001', '发布学习 学习新修订的煤矿安全规程', G)
    expect(await bot.read('u1002', '学习情况', G)).toMatch(/只有.+可以使用/)
    expect(await bot.read('u1011', '学习情况 1', 'u1011')).toBe('第 1 号学习不在您负责的范围内。')
  })
})
