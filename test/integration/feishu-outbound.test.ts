import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FeishuClient } from '../../adapters/feishu/client'
import { feishuOutbound } from '../../adapters/feishu/outbound'
import type { Card } from '../../src/cards/card'
import { type NodeStore, openNodeStore } from '../../src/db/node-store'
import { outbox } from '../../src/db/schema'
import { card, text } from '../../src/messages'
import { Dispatcher } from '../../src/outbox/dispatcher'
import { type Envelope, enqueue } from '../../src/outbox/enqueue'
import { type FakeFeishu, startFakeFeishu } from '../support/fake-feishu'

let fake: FakeFeishu
let store: NodeStore
beforeEach(async () => {
  fake = await startFakeFeishu()
  store = openNodeStore(':memory:')
})
afterEach(async () => {
  await fake.close()
  store.close()
})

/** The real dispatcher over real SQLite, sending through FeishuClient to the fake; time is virtual. */
function setup() {
  let now = Date.parse('2026-11-25T10:00:00+08:00')
  let source = 0
  const client = new FeishuClient({
    appId: fake.appId,
    appSecret: fake.appSecret,
    domain: fake.url,
    timeoutMs: 300,
    now: () => now,
  })
  const dispatcher = new Dispatcher({
    db: store.db,
    outbounds: new Map([['feishu', feishuOutbound(client)]]),
    now: () => now,
    sleep: async (ms) => {
      now += ms
    },
    rateScale: 1,
    log: () => {},
  })
  const queue = (...envelopes: Envelope[]) =>
    store.commit(enqueue(store.db, 'feishu', `test:${source++}`, envelopes, now, randomUUID))
  return {
    client,
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

const EVIL = '<at user_id="all"></at>[link](http://x)**bold**'

describe('sending to Feishu through the outbox', () => {
  it('sends a text into a group chat with the row id as uuid', async () => {
    const t = setup()
    await t.queue(toChat('oc_group1', '签到已开启'))
    expect(await t.dispatcher.drain()).toEqual({ sent: 1, retried: 0, dead: 0 })
    const [row] = await t.rows()
    expect(fake.messages).toEqual([
      {
        messageId: 'om_fake000001',
        path: '/open-apis/im/v1/messages',
        receiveIdType: 'chat_id',
        receiveId: 'oc_group1',
        msgType: 'text',
        content: { text: '签到已开启' },
        uuid: row?.id,
        token: 't-fake1',
      },
    ])
    expect(row).toMatchObject({ status: 'sent', platformMessageId: 'om_fake000001' })
  })

  it('threads a reply under the command it answers', async () => {
    const t = setup()
    await t.queue(toChat('oc_group1', '已签到', 'om_command7'))
    await t.dispatcher.drain()
    expect(fake.messages).toMatchObject([
      {
        path: '/open-apis/im/v1/messages/om_command7/reply',
        replyTo: 'om_command7',
        content: { text: '已签到' },
      },
    ])
    expect(fake.messages[0]?.receiveId).toBeUndefined()
  })

  it('sends a private message to an open_id', async () => {
    const t = setup()
    await t.queue({ to: { kind: 'user', id: 'ou_member1' }, reply: text('你的积分：12'), locale: 'zh-CN' })
    await t.dispatcher.drain()
    expect(fake.messages).toMatchObject([
      { receiveIdType: 'open_id', receiveId: 'ou_member1', msgType: 'text' },
    ])
  })

  it('sends a card as card JSON 2.0 with callback buttons, and patches it', async () => {
    const t = setup()
    const quiz: Card = {
      title: '今日答题',
      tone: 'warning',
      sections: [
        { kind: 'markdown', text: '**第 1 题** 安全生产法何时施行？' },
        { kind: 'buttons', buttons: [{ label: 'A', action: 'quiz.answer', value: '1A', style: 'primary' }] },
      ],
    }
    await t.queue({ to: { kind: 'chat', id: 'oc_group1' }, reply: card(quiz), locale: 'zh-CN' })
    await t.dispatcher.drain()
    const [sent] = fake.messages
    expect(sent?.msgType).toBe('interactive')
    expect(sent?.content).toMatchObject({
      schema: '2.0',
      header: { title: { tag: 'plain_text', content: '今日答题' }, template: 'orange' },
      body: {
        elements: [
          { tag: 'markdown', content: '**第 1 题** 安全生产法何时施行？' },
          {
            tag: 'button',
            type: 'primary',
            behaviors: [{ type: 'callback', value: { action: 'quiz.answer', value: '1A' } }],
          },
        ],
      },
    })
    await t.client.patchCard({
      messageId: sent?.messageId as string,
      content: JSON.stringify({ schema: '2.0' }),
    })
    expect(fake.patches).toEqual([
      { messageId: sent?.messageId, content: { schema: '2.0' }, token: 't-fake1' },
    ])
  })

  it('never lets user text in a title, field, table cell or text message mention, link or format', async () => {
    const t = setup()
    const evil: Card = {
      title: EVIL,
      tone: 'info',
      sections: [
        { kind: 'fields', fields: [{ label: EVIL, value: EVIL }] },
        { kind: 'table', columns: ['任务'], rows: [[EVIL]] },
      ],
    }
    await t.queue(
      { to: { kind: 'chat', id: 'oc_group1' }, reply: card(evil), locale: 'zh-CN' },
      toChat('oc_group1', EVIL),
    )
    await t.dispatcher.drain()
    const sentCard = fake.messages.find((m) => m.msgType === 'interactive')?.content
    const escaped = '\\[link\\]\\(http:\u200b//x\\)\\*\\*bold\\*\\*'
    expect(sentCard).toEqual({
      schema: '2.0',
      header: { title: { tag: 'plain_text', content: EVIL }, template: 'blue' },
      body: {
        elements: [
          { tag: 'markdown', content: `**${escaped}**：${escaped}` },
          {
            tag: 'table',
            page_size: 1,
            columns: [{ name: 'c0', display_name: '任务', data_type: 'text' }],
            rows: [{ c0: EVIL }],
          },
        ],
      },
    })
    const sentText = fake.messages.find((m) => m.msgType === 'text')?.content
    expect(sentText).toEqual({ text: '[link]\u200b(http://x)*\u200b*bold*\u200b*' })
  })
})

describe('the tenant token', () => {
  it('is fetched once for many sends, renewed when Feishu calls it invalid and before it expires', async () => {
    const t = setup()
    await Promise.all([t.client.tenantToken(), t.client.tenantToken(), t.client.tenantToken()])
    await t.queue(toChat('oc_a', '1'), toChat('oc_b', '2'), toChat('oc_c', '3'))
    await t.dispatcher.drain()
    expect(fake.tokensIssued).toBe(1)
    expect(fake.messages.map((m) => m.token)).toEqual(['t-fake1', 't-fake1', 't-fake1'])

    fake.expireToken()
    await t.queue(toChat('oc_a', '4'))
    expect(await t.dispatcher.drain()).toEqual({ sent: 1, retried: 0, dead: 0 })
    expect(fake.messages.at(-1)?.token).toBe('t-fake2')

    t.advance(7_200_000 - 4 * 60_000)
    await t.queue(toChat('oc_a', '5'))
    await t.dispatcher.drain()
    expect(fake.messages.at(-1)?.token).toBe('t-fake3')
  })

  it('asks for the bot info once', async () => {
    const t = setup()
    expect(await t.client.botInfo()).toEqual({ openId: 'ou_fakebot', name: '融合助手' })
    await t.client.botInfo()
    expect(fake.requests.filter((r) => r === 'GET /open-apis/bot/v3/info')).toHaveLength(1)
  })
})

describe('faults', () => {
  it('waits the x-ogw-ratelimit-reset seconds after a 429, then delivers exactly once', async () => {
    const t = setup()
    fake.failNext(1, { status: 429, code: 99991400, msg: 'request trigger frequency limit', resetSeconds: 7 })
    await t.queue(toChat('oc_group1', '提醒'))
    expect(await t.dispatcher.drain()).toEqual({ sent: 0, retried: 1, dead: 0 })
    expect((await t.rows())[0]?.nextAttemptAt).toBe(t.now() + 7_000)
    t.advance(6_999)
    expect((await t.dispatcher.drain()).sent).toBe(0)
    t.advance(1)
    expect((await t.dispatcher.drain()).sent).toBe(1)
    expect(fake.messages).toHaveLength(1)
  })

  it('retries two 500s with backoff and delivers once', async () => {
    const t = setup()
    fake.failNext(2, { status: 500 })
    await t.queue(toChat('oc_group1', '提醒'))
    expect((await t.dispatcher.drain()).retried).toBe(1)
    t.advance(1_000)
    expect((await t.dispatcher.drain()).retried).toBe(1)
    t.advance(2_000)
    expect((await t.dispatcher.drain()).sent).toBe(1)
    expect(fake.messages).toHaveLength(1)
    expect((await t.rows())[0]).toMatchObject({ status: 'sent', attempts: 3 })
  })

  it('retries a request that never answered with the same uuid, and Feishu keeps one message', async () => {
    const t = setup()
    fake.hangNext(1)
    await t.queue(toChat('oc_group1', '周报'))
    expect(await t.dispatcher.drain()).toEqual({ sent: 0, retried: 1, dead: 0 })
    expect((await t.rows())[0]?.lastError).toMatch(/got no answer/)
    t.advance(1_000)
    expect((await t.dispatcher.drain()).sent).toBe(1)
    expect(fake.requests.filter((r) => r === 'POST /open-apis/im/v1/messages')).toHaveLength(2)
    expect(fake.messages).toHaveLength(1)
    expect((await t.rows())[0]?.platformMessageId).toBe(fake.messages[0]?.messageId)
  })

  it('backs off only the chat that hit 230020', async () => {
    const t = setup()
    fake.limit = { perChatPerSecond: 1 }
    await t.queue(toChat('oc_busy', '一'), toChat('oc_busy', '二'), toChat('oc_quiet', '三'))
    expect(await t.dispatcher.drain()).toEqual({ sent: 2, retried: 1, dead: 0 })
    const waiting = (await t.rows()).filter((r) => r.status === 'pending')
    expect(waiting).toMatchObject([{ targetId: 'oc_busy', nextAttemptAt: t.now() + 1_000 }])
    expect(waiting[0]?.lastError).toMatch(/230020/)
    fake.limit = undefined
    t.advance(1_000)
    expect((await t.dispatcher.drain()).sent).toBe(1)
    expect(fake.messages.map((m) => m.receiveId).sort()).toEqual(['oc_busy', 'oc_busy', 'oc_quiet'])
  })

  it('dead-letters a refusal with the Feishu code and what to do', async () => {
    const t = setup()
    fake.failNext(1, { status: 400, code: 230002, msg: 'Bot/User can NOT be out of the chat.' })
    await t.queue(toChat('oc_left', '提醒'))
    expect(await t.dispatcher.drain()).toEqual({ sent: 0, retried: 0, dead: 1 })
    const [row] = await store.db.select().from(outbox).where(eq(outbox.targetId, 'oc_left'))
    expect(row?.status).toBe('dead')
    expect(row?.lastError).toMatch(/code 230002 Bot\/User can NOT be out of the chat\..*add it to the group/)
    expect(fake.messages).toHaveLength(0)
  })
})
