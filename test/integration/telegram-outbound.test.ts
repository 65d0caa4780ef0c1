import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { telegramApi } from '../../adapters/telegram/client'
import { telegramOutbound } from '../../adapters/telegram/outbound'
import { type NodeStore, openNodeStore } from '../../src/db/node-store'
import { outbox } from '../../src/db/schema'
import { card, text } from '../../src/messages'
import { Dispatcher } from '../../src/outbox/dispatcher'
import { type Envelope, enqueue } from '../../src/outbox/enqueue'
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram'

let fake: FakeTelegram
let store: NodeStore
beforeEach(async () => {
  fake = await startFakeTelegram()
  store = openNodeStore(':memory:')
})
afterEach(async () => {
  await fake.close()
  store.close()
})

/** The real dispatcher over real SQLite, sending through grammY to the fake Bot API; time is virtual. */
function setup() {
  let now = Date.parse('2026-11-25T10:00:00+08:00')
  let source = 0
  const dispatcher = new Dispatcher({
    db: store.db,
    outbounds: new Map([
      ['telegram', telegramOutbound(telegramApi({ token: fake.token, apiRoot: fake.url }))],
    ]),
    now: () => now,
    sleep: async (ms) => {
      now += ms
    },
    rateScale: 1,
    log: () => {},
  })
  const queue = (...envelopes: Envelope[]) =>
    store.commit(enqueue(store.db, 'telegram', `test:${source++}`, envelopes, now, randomUUID))
  return {
    dispatcher,
    queue,
    now: () => now,
    advance: (ms: number) => {
      now += ms
    },
    rows: () => store.db.select().from(outbox).orderBy(outbox.createdAt, outbox.seq),
  }
}

const toChat = (id: string, t: string, replyTo?: string): Envelope => ({
  to: { kind: 'chat', id },
  reply: text(t),
  locale: 'zh-CN',
  replyTo,
})

describe('sending to Telegram through the outbox', () => {
  it('keeps the chat and message id of what it sent', async () => {
    const t = setup()
    await t.queue(toChat('-100200', '提醒'), {
      to: { kind: 'user', id: '1002' },
      reply: text('私信'),
      locale: 'zh-CN',
    })
    expect(await t.dispatcher.drain()).toEqual({ sent: 2, retried: 0, dead: 0 })
    expect(fake.sent.map((m) => [m.chatId, m.text])).toEqual([
      ['-100200', '提醒'],
      ['1002', '私信'],
    ])
    expect((await t.rows()).map((r) => r.platformMessageId)).toEqual(['-100200:1', '1002:1'])
  })

  it('quotes the command it answers, and stays in its forum topic', async () => {
    const t = setup()
    await t.queue(toChat('-100200', '一', '-100200:41'), toChat('-100300', '二', '-100300:90:77'))
    await t.dispatcher.drain()
    t.advance(1_000)
    await t.dispatcher.drain()
    expect(fake.sent[0]?.body.reply_parameters).toEqual({ message_id: 41, allow_sending_without_reply: true })
    expect(fake.sent[0]?.body.message_thread_id).toBeUndefined()
    expect(fake.sent[1]?.body).toMatchObject({ message_thread_id: 77, reply_parameters: { message_id: 90 } })
  })

  it('renders a card as HTML with its buttons as an inline keyboard', async () => {
    const t = setup()
    await t.queue({
      to: { kind: 'user', id: '1001' },
      locale: 'zh-CN',
      reply: card({
        title: '绑定申请 <吴立新>',
        tone: 'warning',
        sections: [
          { kind: 'fields', fields: [{ label: '申请人', value: '<i>吴立新</i> @all' }] },
          {
            kind: 'buttons',
            buttons: [
              { label: '确认', action: 'bind.approve', value: '3', style: 'primary' },
              { label: '拒绝', action: 'bind.reject', value: '3', style: 'danger' },
            ],
          },
        ],
      }),
    })
    expect((await t.dispatcher.drain()).sent).toBe(1)
    const sent = fake.sent[0]
    expect(sent?.text).toBe('⚠️ 绑定申请 <吴立新>\n申请人：<i>吴立新</i> @\u200ball')
    expect(sent?.body.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: '确认', callback_data: 'bind.approve|3' },
          { text: '拒绝', callback_data: 'bind.reject|3' },
        ],
      ],
    })
  })
})

describe('faults', () => {
  it('waits retry_after seconds after a 429, then delivers exactly once', async () => {
    const t = setup()
    fake.failNext(1, { status: 429, description: 'Too Many Requests: retry after 7', retryAfter: 7 })
    await t.queue(toChat('-100200', '提醒'))
    expect(await t.dispatcher.drain()).toEqual({ sent: 0, retried: 1, dead: 0 })
    expect((await t.rows())[0]?.nextAttemptAt).toBe(t.now() + 7_000)
    t.advance(6_999)
    expect((await t.dispatcher.drain()).sent).toBe(0)
    t.advance(1)
    expect((await t.dispatcher.drain()).sent).toBe(1)
    expect(fake.sent).toHaveLength(1)
  })

  it('retries two 502s with backoff and delivers once', async () => {
    const t = setup()
    fake.failNext(2, { status: 502, description: 'Bad Gateway' })
    await t.queue(toChat('-100200', '提醒'))
    expect((await t.dispatcher.drain()).retried).toBe(1)
    t.advance(1_000)
    expect((await t.dispatcher.drain()).retried).toBe(1)
    t.advance(2_000)
    expect((await t.dispatcher.drain()).sent).toBe(1)
    expect(fake.sent).toHaveLength(1)
    expect((await t.rows())[0]).toMatchObject({ status: 'sent', attempts: 3 })
  })

  it.each([
    [400, 'Bad Request: chat not found', /press Start/],
    [403, 'Forbidden: bot was kicked from the supergroup chat', /add it again/],
  ])('dead-letters a %i with what to do', async (status, description, hint) => {
    const t = setup()
    fake.failNext(1, { status, description })
    await t.queue(toChat('-100200', '提醒'))
    expect(await t.dispatcher.drain()).toEqual({ sent: 0, retried: 0, dead: 1 })
    const [row] = await t.rows()
    expect(row?.status).toBe('dead')
    expect(row?.lastError).toContain(description)
    expect(row?.lastError).toMatch(hint)
  })

  it('retries when the Bot API cannot be reached', async () => {
    const t = setup()
    await t.queue(toChat('-100200', '提醒'))
    await fake.close()
    expect(await t.dispatcher.drain()).toEqual({ sent: 0, retried: 1, dead: 0 })
    expect((await t.rows())[0]?.lastError).toMatch(/telegram sendMessage failed/)
    fake = await startFakeTelegram()
  })
})

describe('limits', () => {
  it('sends at most 20 messages a minute into one group, without holding up other chats', async () => {
    const t = setup()
    const start = t.now()
    await t.queue(
      ...Array.from({ length: 21 }, (_, i) => toChat('-100200', `群${i}`)),
      toChat('1002', '私信'),
    )
    expect(await t.dispatcher.drain()).toEqual({ sent: 21, retried: 0, dead: 0 })
    // One a second into the group (19 one-second waits), then the 21st must wait for the first to leave the minute.
    expect(t.now() - start).toBe(19_000)
    expect(fake.sent.map((m) => m.text)).toContain('私信')
    const [waiting] = (await t.rows()).filter((r) => r.status === 'pending')
    expect(waiting).toMatchObject({
      reply: JSON.stringify(text('群20')),
      nextAttemptAt: start + 60_000,
      attempts: 0,
    })
    t.advance(start + 60_000 - t.now() - 1)
    expect((await t.dispatcher.drain()).sent).toBe(0)
    t.advance(1)
    expect((await t.dispatcher.drain()).sent).toBe(1)
    // Each once (virtual time lets sends overlap, so their arrival order is not checked here).
    const group = fake.sent.map((m) => m.text).filter((x) => x.startsWith('群'))
    expect(group.sort()).toEqual(Array.from({ length: 21 }, (_, i) => `群${i}`).sort())
  })

  it('sends one message a second into a private chat', async () => {
    const t = setup()
    const start = t.now()
    await t.queue(toChat('1002', 'a'), toChat('1002', 'b'), toChat('1003', 'c'))
    await t.dispatcher.drain()
    expect(t.now() - start).toBe(1_000)
    expect(fake.sent.map((m) => m.text)).toEqual(['a', 'b', 'c'])
  })
})
