import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Bot, FIXED_NOW, startBot } from '../support/bot'

let bot: Bot
beforeAll(async () => {
  bot = await startBot({ rateLimit: true })
})
afterAll(() => bot.close())

describe('per-person command limit (20 in 10 s)', () => {
  it('answers 20 commands, asks to slow down once, then stays silent until the window has room', async () => {
    const answers: string[] = []
    for (let i = 0; i < 20; i++) {
      bot.setNow(FIXED_NOW + i * 100)
      answers.push(await bot.read('u1002', '积分规则', 'g-ZC01'))
    }
    expect(answers.every((a) => a.includes('积分'))).toBe(true)
    bot.setNow(FIXED_NOW + 2_000)
    expect(await bot.read('u1002', '积分', 'g-ZC01')).toBe(
      '你发得太快了，请 8 秒后再试。在此之前的命令我先不处理。',
    )
    bot.setNow(FIXED_NOW + 3_000)
    expect(await bot.say('u1002', '积分', 'g-ZC01')).toEqual([])
    expect(await bot.say('u1002', '帮助', 'u1002')).toEqual([])
    // Someone else in the same group is not held back.
    expect(await bot.read('u1003', '积分规则', 'g-ZC01')).toContain('积分')
    // Chatter is not counted and not answered either way.
    expect(await bot.say('u1002', '今天下井注意安全', 'g-ZC01')).toEqual([])
    // The first command leaves the window 10 s after it came.
    bot.setNow(FIXED_NOW + 10_000)
    expect(await bot.read('u1002', '积分规则', 'g-ZC01')).toContain('积分')
  })

  it('answers in English to someone who chose it', async () => {
    bot.setNow(FIXED_NOW + 60_000)
    await bot.read('u1004', '语言 en')
    for (let i = 0; i < 19; i++) await bot.read('u1004', '/rules')
    expect(await bot.read('u1004', '/rules')).toContain(
      'You are sending commands too fast. Please try again in 10 s',
    )
  })
})
