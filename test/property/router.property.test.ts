import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Bot, startBot } from '../support/bot'
import { chatText } from './arbitraries'

let bot: Bot
beforeAll(async () => {
  bot = await startBot()
})
afterAll(() => bot.close())

const RUNS = 10_000
const people = ['u1001', 'u1002', 'u1011', 'u1032', 'u1034', 'u1035', 'u1036', 'u1010', 'stranger']
const chats = ['g-ZC01', 'g-JD01', 'g-DW', 'g-unbound', 'p2p']

/** Rows of every table the bot keeps, except the message queues a refusal itself uses. */
function domainRowCounts(): Record<string, number> {
  const tables = bot.store.sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
    )
    .all() as { name: string }[]
  const kept = tables.filter((t) => !['inbox', 'outbox', 'job_runs'].includes(t.name))
  return Object.fromEntries(
    kept.map((t) => [
      t.name,
      (bot.store.sqlite.prepare(`select count(*) as n from "${t.name}"`).get() as { n: number }).n,
    ]),
  )
}

describe('the router under generated input', () => {
  it(`answers ${RUNS} generated messages from every role in every kind of chat without an error`, async () => {
    const failures: string[] = []
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...people),
        fc.constantFrom(...chats),
        chatText,
        async (user, chat, text) => {
          const chatId = chat === 'p2p' ? user : chat
          const res = await bot.post('/dev/chat', { chatId, userId: user, text })
          if (res.status !== 200 && res.status !== 400) failures.push(`${res.status} ${JSON.stringify(text)}`)
          if (res.status !== 200) return
          const { replies } = (await res.json()) as { replies: { text: string }[] }
          for (const r of replies) {
            expect(typeof r.text).toBe('string')
            expect(r.text.length).toBeGreaterThan(0)
            // An answer never leaks a stack trace or an internal error name.
            expect(r.text).not.toMatch(/\bat .+\.ts:\d+|TypeError|ReferenceError|SQLITE_/)
            // The handler did not throw: a throw is answered with the "something went wrong" apology.
            if (r.text.includes('处理时出了点问题') || r.text.includes('something went wrong'))
              failures.push(`${user} in ${chat}: ${JSON.stringify(text)}`)
          }
          // A private message always gets an answer: silence would leave the user guessing.
          if (chat === 'p2p' && text.trim() !== '') expect(replies.length).toBeGreaterThan(0)
        },
      ),
      { numRuns: RUNS, seed: 20261126 },
    )
    expect(failures).toEqual([])
  }, 240_000)

  it('a stranger and an unbound member change nothing but their bind request, whatever they type', async () => {
    const before = domainRowCounts()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('u1010', 'stranger'),
        fc.constantFrom('g-ZC01', 'p2p'),
        chatText.filter((t) => !/^\s*(\/?bind|绑定|语言|\/?lang)/i.test(t)),
        async (user, chat, text) => {
          await bot.post('/dev/chat', { chatId: chat === 'p2p' ? user : chat, userId: user, text })
        },
      ),
      { numRuns: 2_000, seed: 7 },
    )
    expect(domainRowCounts()).toEqual(before)
  }, 120_000)
})
