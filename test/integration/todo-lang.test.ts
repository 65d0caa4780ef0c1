import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { tick } from '../../scheduler/tick'
import { cardToText } from '../../src/cards/card'
import { outbox } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

const G = 'g-ZC01'
let bot: Bot

beforeEach(async () => {
  bot = await startBot()
})
afterEach(() => bot.close())

const firstLine = async (userId: string, text: string, chat = userId) =>
  (await bot.read(userId, text, chat)).split('\n')[0]

describe('语言 en|中文 end to end', () => {
  it('switches replies, cards, help, pushes and the morning card, and back', async () => {
    expect(await bot.read('u1001', '语言 en')).toBe('OK, I will talk to you in English from now on.')
    expect(await firstLine('u1001', '待办')).toBe('【📋 To-do · 综采一队党支部 (2026-11-25)】')
    expect(await bot.read('u1001', '帮助')).toMatch(/\/todo \|/)
    expect(await firstLine('u1001', '积分规则', G)).toBe('【Points rules (version 1)】')
    // Someone else's reply stays in their language; a push to an English reader is in English.
    expect(await firstLine('u1002', '积分规则', G)).toBe('【积分规则（第 1 版）】')
    await bot.read('u1002', '语言 en')
    await bot.read('u1001', '加分 @1002 3 井下抢险突击', G)
    const pushed = (await bot.store.db.select().from(outbox).where(eq(outbox.targetId, 'u1002')))
      .filter((r) => !r.replyTo)
      .map((r) => (JSON.parse(r.reply) as { text?: string }).text)
    expect(pushed.at(-1)).toBe(
      '王建国 added 3 points for you, reason: 井下抢险突击. Send /points for the details.',
    )
    // The 07:30 card follows the secretary's language too.
    const rows = await tick(tickDepsFor(bot.core), Date.parse('2026-11-26T07:30:00+08:00'))
    const mine = rows.find((r) => r.job === 'todo-morning' && r.messages.some((m) => m.to.id === 'u1001'))
    const card = mine?.messages[0]?.reply
    expect(card && 'card' in card ? cardToText(card.card).split('\n')[0] : '').toBe(
      '【📋 To-do · 综采一队党支部 (2026-11-26)】',
    )
    expect(await bot.read('u1001', '/lang 中文')).toBe('好的，今后我用中文和您交流。')
    expect(await firstLine('u1001', '待办')).toBe('【📋 今日待办 · 综采一队党支部（2026-11-25）】')
  })
})
