import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { diaryNotes } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

let bot: Bot
beforeEach(async () => {
  bot = await startBot()
})
afterEach(() => bot.close())

describe('民情', () => {
  it('records a note with a category and a member, privately', async () => {
    expect(await bot.read('u1001', '民情 家庭困难 家中老人住院需调班 @1003')).toBe(
      '已记入民情日记（类别：家庭困难，关于 张永刚）。内容仅本支部书记和上级党委可见。发送「民情」查看最近的记录。',
    )
    expect(await bot.read('u1001', '民情 最近夜班多，大家有些疲惫')).toMatch(/类别：其他）/)
    const rows = await bot.store.db.select().from(diaryNotes)
    expect(rows.map((r) => [r.category, r.text, r.memberId !== null])).toEqual([
      ['家庭困难', '家中老人住院需调班', true],
      ['其他', '最近夜班多,大家有些疲惫', false],
    ])
  })

  it('is only for the private chat', async () => {
    expect(await bot.read('u1001', '民情 家庭困难 老人住院', 'g-ZC01')).toMatch(/请在与我的私聊中使用/)
    expect(await bot.store.db.select().from(diaryNotes)).toEqual([])
  })

  it('is read by the branch secretary and the leaders above, nobody else', async () => {
    await bot.read('u1001', '民情 思想波动 对调岗有顾虑 @1002')
    const secretary = await bot.read('u1001', '民情')
    expect(secretary).toMatch(/民情日记（最近 1 条）/)
    expect(secretary).toMatch(/综采一队党支部 \| 思想波动 \| 李卫东 \| 对调岗有顾虑/)
    expect(await bot.read('u1032', '民情')).toMatch(/对调岗有顾虑/)
    expect(await bot.read('u1011', '民情')).toBe('您负责的范围内还没有民情记录。')
    expect(await bot.read('u1002', '民情')).toMatch(/只有.+可以使用/)
    expect(await bot.read('u1036', '民情')).toMatch(/只有.+可以使用/)
  })

  it("refuses notes on another branch's member, and leaders write none", async () => {
    expect(await bot.read('u1001', '民情 工作诉求 想调岗 @1012')).toBe(
      '孙红梅 不在您担任书记的支部，不能为其记录民情。',
    )
    expect(await bot.read('u1032', '民情 工作诉求 想调岗')).toBe(
      '只有支部书记可以记录民情；发送「民情」可查看您负责范围内的记录。',
    )
    expect(await bot.read('u1001', '民情 @1003')).toBe(
      '请写上民情内容，例如：民情 家庭困难 老人住院需调班 @王五',
    )
    expect(await bot.store.db.select().from(diaryNotes)).toEqual([])
  })
})
