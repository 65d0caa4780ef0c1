import { count } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { telegramApi } from '../../adapters/telegram/client'
import { startTelegramPolling } from '../../adapters/telegram/polling'
import { inbox } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram'
import { BOT, messageUpdate, person } from '../support/telegram-updates'
import { until } from '../support/until'

// TELEGRAM_MODE=polling: the getUpdates loop against the fake Bot API, through the same door as the webhook.
let fake: FakeTelegram
let bot: Bot
let polling: { stop: () => Promise<void> } | undefined
const LI = person(1002, '卫东')

beforeAll(async () => {
  fake = await startFakeTelegram()
})
afterAll(() => fake.close())
beforeEach(async () => {
  fake.calls.length = 0
  fake.sent.length = 0
  bot = await startBot({
    background: 'run',
    env: {
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      TELEGRAM_MODE: 'polling',
      OUTBOX_RATE_SCALE: '1000',
    },
  })
})
afterEach(async () => {
  await polling?.stop()
  bot.close()
})

function start() {
  const api = telegramApi({ token: fake.token, apiRoot: fake.url })
  polling = startTelegramPolling(
    { core: bot.core, api, bot: async () => BOT },
    { pollSeconds: 1, log: () => {} },
  )
}

describe('Telegram long polling', () => {
  it('removes a webhook, then answers what getUpdates brings and confirms it with the next offset', async () => {
    start()
    const update = messageUpdate({ chatId: LI.id, from: LI, text: '/rules' })
    fake.push(update)
    const sent = await until(() => fake.sent[0], 'the answer')
    expect(sent.text).toContain('积分规则（第 1 版）')
    expect(fake.calls[0]?.method).toBe('deleteWebhook')
    const polls = await until(() => {
      const list = fake.callsOf('getUpdates')
      return list.some((c) => c.body.offset === update.update_id + 1) ? list : undefined
    }, 'a poll with the next offset')
    expect(polls[0]?.body).toMatchObject({
      timeout: 1,
      allowed_updates: ['message', 'callback_query', 'my_chat_member'],
    })
    expect(polls[0]?.body.offset).toBeUndefined()
  })

  it('dedupes an update that comes back (a crash before the offset moved)', async () => {
    const update = messageUpdate({ chatId: LI.id, from: LI, text: '/rules' })
    fake.push(update)
    start()
    await until(() => fake.sent[0], 'the answer')
    await polling?.stop()
    // Telegram delivers it again to a fresh poller that starts without an offset.
    fake.push({ ...update })
    start()
    await until(() => (fake.callsOf('getUpdates').length >= 3 ? true : undefined), 'more polls')
    await new Promise((r) => setTimeout(r, 300))
    expect(fake.sent).toHaveLength(1)
    expect((await bot.store.db.select({ n: count() }).from(inbox))[0]?.n).toBe(1)
  })

  it('waits out a 429 with retry_after and goes on', async () => {
    fake.failNext(
      1,
      { status: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 },
      'getUpdates',
    )
    start()
    const started = Date.now()
    fake.push(messageUpdate({ chatId: LI.id, from: LI, text: '/rules' }))
    await until(() => fake.sent[0], 'the answer')
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
  })

  it('stops cleanly, even in the middle of a long poll', async () => {
    start()
    await until(() => fake.callsOf('getUpdates')[0], 'the first poll')
    const started = Date.now()
    await polling?.stop()
    expect(Date.now() - started).toBeLessThan(500)
    const polls = fake.callsOf('getUpdates').length
    await new Promise((r) => setTimeout(r, 1_200))
    expect(fake.callsOf('getUpdates')).toHaveLength(polls)
    polling = undefined
  })
})
