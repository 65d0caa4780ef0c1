import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { settings } from '../../src/db/schema'
import { DEFAULT_SETTINGS_DOC } from '../../src/domain/settings'
import { type Bot, startBot } from '../support/bot'

const G = 'g-ZC01'
let bot: Bot

beforeEach(async () => {
  bot = await startBot()
  await bot.read('u1001', '发起签到 主题党日', G)
  await bot.read('u1002', '签到', G)
  await bot.read('u1003', '签到', G)
})
afterEach(() => bot.close())

const pointsSettings = (points: Partial<typeof DEFAULT_SETTINGS_DOC.points>) =>
  bot.store.db.insert(settings).values({
    version: 2,
    doc: JSON.stringify({ ...DEFAULT_SETTINGS_DOC, points: { ...DEFAULT_SETTINGS_DOC.points, ...points } }),
    createdAt: 0,
    createdBy: 'test',
  })

describe('积分 that explains itself', () => {
  it('lists each entry with its reason, rule and rule version', async () => {
    expect((await bot.read('u1002', '积分')).split('\n').slice(3)).toEqual([
      '日期 | 分值 | 事项 | 规则',
      '2026-11-25 | +2 | 签到：主题党日 | 参加活动签到（准时）（第 1 版规则）',
    ])
  })

  it('shows every rule with its daily cap in 积分规则, and the approval threshold when one is set', async () => {
    const rules = await bot.read('u1002', '积分规则')
    expect(rules).toContain('补签（书记确认） | 1 | 不限')
    expect(rules).toContain('每日答题（每题） | 1 | 5')
    expect(rules.split('\n').at(-1)).toBe(
      '每项规则都有每日上限：超过上限的部分当天不再计分，所以反复刷题、刷签到没有用。',
    )
    await pointsSettings({ approvalThreshold: 5 })
    const v2 = await bot.read('u1002', '积分规则')
    expect(v2.split('\n')[0]).toBe('【积分规则（第 2 版）】')
    expect(v2.split('\n').at(-1)).toBe('书记加分、扣分每次超过 5 分的，须党委领导审批后才计入。')
  })
})

describe('排行 visibility', () => {
  const ranking = async (userId: string) => (await bot.say(userId, '排行', G)).map((r) => r.text)

  it('shows a member the branches and only their own place', async () => {
    const [mine, branches] = await ranking('u1002')
    expect(mine).toBe(
      '【综采一队党支部 · 本月积分排行】\n个人名次只对本人和所在支部书记显示；各支部排行见下表。\n我的名次：第 1 名，2 分',
    )
    expect(branches?.split('\n').slice(0, 3)).toEqual([
      '【示范煤矿党委 各支部人均积分排行】',
      '名次 | 支部 | 党员 | 总积分 | 人均',
      '1 | 综采一队党支部 ★ | 10 | 4 | 0.4',
    ])
  })

  it("shows the secretary and a leader the branch's individual ranks", async () => {
    const table =
      '名次 | 姓名 | 支部 | 积分\n1 | 李卫东 | 综采一队党支部 | 2\n1 | 张永刚 | 综采一队党支部 | 2'
    expect((await ranking('u1001'))[0]).toBe(`【综采一队党支部 · 本月积分排行】\n${table}`)
    expect((await ranking('u1032'))[0]).toContain(table)
    // Another branch's secretary in this group is just a member here.
    expect((await ranking('u1011'))[0]).not.toContain('李卫东')
  })

  it('opens individual ranks to everyone when settings say so', async () => {
    await pointsSettings({ showMemberRank: true })
    expect((await ranking('u1003'))[0]).toContain('1 | 李卫东 | 综采一队党支部 | 2')
  })
})
