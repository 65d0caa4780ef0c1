import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { count, eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { feishuNodeListener } from '../../adapters/feishu/node-listener'
import { longConnectionDispatcher } from '../../adapters/feishu/ws'
import { chats, identities, inbox, members, orgUnits } from '../../src/db/schema'
import { nodeServer } from '../../src/node-server'
import { type Bot, FIXED_NOW, startBot } from '../support/bot'
import { type FakeFeishu, startFakeFeishu } from '../support/fake-feishu'
import {
  botAdded,
  cardClick,
  ENCRYPT_KEY,
  signedEvent,
  textMessage,
  VERIFICATION_TOKEN,
} from '../support/feishu-events'

// The bot over real HTTP, the Feishu SDK-free client talking to a fake Open API on 127.0.0.1.
let fake: FakeFeishu
let bot: Bot
let server: Server
let base: string
const nowSec = Math.floor(FIXED_NOW / 1000)

beforeAll(async () => {
  fake = await startFakeFeishu()
})
afterAll(() => fake.close())

beforeEach(async () => {
  fake.messages.length = 0
  bot = await startBot({
    background: 'run',
    env: {
      FEISHU_APP_ID: fake.appId,
      FEISHU_APP_SECRET: fake.appSecret,
      FEISHU_DOMAIN: fake.url,
      FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
      FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    },
  })
  // Feishu accounts ou_<employee no.> for the ZC01 members, and the branch group oc_zc01.
  const db = bot.store.db
  const zc01 = (await db.select().from(orgUnits).where(eq(orgUnits.code, 'ZC01')))[0]
  for (const no of ['1001', '1002'] as const) {
    const m = (await db.select().from(members).where(eq(members.employeeNo, no)))[0]
    await db
      .insert(identities)
      .values({ platform: 'feishu', platformUserId: `ou_${no}`, memberId: m?.id ?? 0, boundAt: FIXED_NOW })
  }
  await db
    .insert(chats)
    .values({ platform: 'feishu', chatId: 'oc_zc01', unitId: zc01?.id ?? 0, boundAt: FIXED_NOW })
  // As src/node.ts serves it: the webhook on Node's hot path, everything else through Hono.
  server = nodeServer(bot.app, bot.feishuHook && feishuNodeListener(bot.feishuHook, () => {}))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterEach(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
  bot.close()
})

function post(event: object, opts: { timestampSec?: number; key?: string } = {}) {
  const { body, headers } = signedEvent(event, { timestampSec: opts.timestampSec ?? nowSec, key: opts.key })
  return fetch(`${base}/webhooks/feishu`, { method: 'POST', headers, body })
}

async function until<T>(read: () => T | undefined, what: string, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = read()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

const settle = () => new Promise((r) => setTimeout(r, 300))
const inboxRows = async () => (await bot.store.db.select({ n: count() }).from(inbox))[0]?.n

describe('Feishu webhook, end to end', () => {
  it('answers a group command threaded under it, with the bot mention stripped', async () => {
    const event = textMessage({
      text: '@_user_1 积分规则',
      chatId: 'oc_zc01',
      chatType: 'group',
      openId: 'ou_1002',
      messageId: 'om_cmd_1',
      mentions: [{ key: '@_user_1', openId: 'ou_fakebot', name: '融合助手' }],
    })
    const started = Date.now()
    const res = await post(event)
    expect(res.status).toBe(200)
    expect(Date.now() - started).toBeLessThan(1_000)
    const sent = await until(() => fake.messages[0], 'the reply')
    expect(sent.replyTo).toBe('om_cmd_1')
    expect(sent.msgType).toBe('interactive')
    const card = sent.content as { schema: string; header: { title: { content: string } } }
    expect(card.schema).toBe('2.0')
    expect(card.header.title.content).toBe('积分规则（第 1 版）')
  })

  it('knows whom a real @mention names, whatever the display name', async () => {
    await post(
      textMessage({
        text: '@_user_1 积分 @_user_2',
        chatId: 'oc_zc01',
        chatType: 'group',
        openId: 'ou_1001',
        mentions: [
          { key: '@_user_1', openId: 'ou_fakebot', name: '融合助手' },
          { key: '@_user_2', openId: 'ou_1002', name: '小李' },
        ],
      }),
    )
    const sent = await until(() => fake.messages[0], 'the reply')
    expect((sent.content as { header: { title: { content: string } } }).header.title.content).toBe(
      '李卫东 的积分',
    )
  })

  it('feeds long-connection frames through the same door', async () => {
    const dispatcher = longConnectionDispatcher(bot.core, async () => 'ou_fakebot')
    const event = textMessage({ text: '积分规则', chatId: 'oc_p2p_1002', chatType: 'p2p', openId: 'ou_1002' })
    expect(await dispatcher.invoke(JSON.stringify(event))).toEqual({})
    expect(await dispatcher.invoke(event)).toEqual({})
    await until(() => fake.messages[0], 'the reply')
    await settle()
    expect(fake.messages).toHaveLength(1)
  })

  it('answers a private message in the private chat', async () => {
    await post(textMessage({ text: '积分', chatId: 'oc_p2p_1002', chatType: 'p2p', openId: 'ou_1002' }))
    const sent = await until(() => fake.messages[0], 'the reply')
    expect(sent.receiveIdType).toBe('chat_id')
    expect(sent.receiveId).toBe('oc_p2p_1002')
    expect(sent.replyTo).toBeUndefined()
  })

  it('takes one event delivered five times, also at once, as one', async () => {
    const event = textMessage({ text: '积分规则', chatId: 'oc_p2p_1002', chatType: 'p2p', openId: 'ou_1002' })
    const answers = await Promise.all([post(event), post(event), post(event)])
    answers.push(await post(event), await post(event))
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    await until(() => fake.messages[0], 'the reply')
    await settle()
    expect(fake.messages).toHaveLength(1)
    expect(await inboxRows()).toBe(1)
  })

  it('takes a redelivery with a new event id but the same message id as the same message', async () => {
    const first = textMessage({
      text: '积分规则',
      chatId: 'oc_p2p_1002',
      chatType: 'p2p',
      openId: 'ou_1002',
      messageId: 'om_same',
    })
    await post(first)
    await post({ ...first, header: { ...first.header, event_id: 'ev_other' } })
    await until(() => fake.messages[0], 'the reply')
    await settle()
    expect(fake.messages).toHaveLength(1)
  })

  it.each([
    ['a forged signature', { key: 'not-the-key' }, 401],
    ['a timestamp 8 hours and a second old', { timestampSec: nowSec - 8 * 3600 - 1 }, 401],
    ['a timestamp 5 minutes and a second ahead', { timestampSec: nowSec + 301 }, 401],
  ])('refuses %s and changes nothing', async (_what, opts, status) => {
    const res = await post(
      textMessage({ text: '积分规则', chatId: 'oc_zc01', chatType: 'group', openId: 'ou_1002' }),
      opts,
    )
    expect(res.status).toBe(status)
    await settle()
    expect(await inboxRows()).toBe(0)
    expect(fake.messages).toHaveLength(0)
  })

  it('accepts a retry 7 hours later (Feishu retries for about 7.1 h)', async () => {
    const res = await post(
      textMessage({ text: '积分规则', chatId: 'oc_p2p_1002', chatType: 'p2p', openId: 'ou_1002' }),
      {
        timestampSec: nowSec - 7 * 3600,
      },
    )
    expect(res.status).toBe(200)
  })

  it('refuses a wrong verification token, malformed JSON and an oversized body', async () => {
    const wrong = textMessage({ text: '积分规则', chatId: 'oc_zc01', chatType: 'group', openId: 'ou_1002' })
    expect((await post({ ...wrong, header: { ...wrong.header, token: 'nope' } })).status).toBe(401)
    const malformed = await fetch(`${base}/webhooks/feishu`, {
      method: 'POST',
      body: '{"encrypt":',
      headers: { 'content-type': 'application/json' },
    })
    expect(malformed.status).toBe(400)
    const huge = await fetch(`${base}/webhooks/feishu`, {
      method: 'POST',
      body: JSON.stringify({ encrypt: 'x'.repeat(1024 * 1024 + 1) }),
      headers: { 'content-type': 'application/json' },
    })
    expect(huge.status).toBe(413)
    // Without a declared length (chunked), the body is counted as it arrives.
    const chunks = new ReadableStream({
      start(c) {
        for (let i = 0; i < 17; i++) c.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024)))
        c.close()
      },
    })
    const streamed = await fetch(`${base}/webhooks/feishu`, {
      method: 'POST',
      body: chunks,
      duplex: 'half',
      headers: { 'content-type': 'application/json' },
    } as RequestInit)
    expect(streamed.status).toBe(413)
    await settle()
    expect(await inboxRows()).toBe(0)
  })

  it('refuses events with 503 while shutting down, for Feishu to deliver them again', async () => {
    bot.core.draining = true
    const res = await post(
      textMessage({ text: '积分', chatId: 'oc_zc01', chatType: 'group', openId: 'ou_1002' }),
    )
    expect(res.status).toBe(503)
    await settle()
    expect(await inboxRows()).toBe(0)
  })

  it('answers url_verification with the challenge', async () => {
    const res = await fetch(`${base}/webhooks/feishu`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        encrypt: (await import('../support/feishu-events')).encrypt(
          JSON.stringify({ challenge: 'ch-1', token: VERIFICATION_TOKEN, type: 'url_verification' }),
        ),
      }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ challenge: 'ch-1' })
  })

  it('never answers its own messages', async () => {
    await post(
      textMessage({
        text: '积分规则',
        chatId: 'oc_zc01',
        chatType: 'group',
        openId: 'ou_fakebot',
        senderType: 'app',
      }),
    )
    await settle()
    expect(fake.messages).toHaveLength(0)
  })

  it('greets a group it is added to, and hints at text for a picture in private', async () => {
    await post(botAdded('oc_new'))
    await post(
      textMessage({ text: '', msgType: 'image', chatId: 'oc_p2p_1002', chatType: 'p2p', openId: 'ou_1002' }),
    )
    await until(() => (fake.messages.length >= 2 ? true : undefined), 'two messages')
    const greeting = fake.messages.find((m) => m.receiveId === 'oc_new')?.content as {
      header: { title: { content: string } }
    }
    expect(greeting.header.title.content).toBe('融合助手已加入本群')
    const hint = fake.messages.find((m) => m.receiveId === 'oc_p2p_1002')
    // A picture is an attachment now: with no command waiting for it, the hint says how to send a file with a command.
    expect(JSON.stringify(hint?.content)).toContain('收到了文件或图片，但没有说要做什么')
  })

  it('lets a secretary approve a bind from the card: toast and updated card in the answer', async () => {
    await post(textMessage({ text: '绑定 1010', chatId: 'oc_p2p_1010', chatType: 'p2p', openId: 'ou_1010' }))
    const request = await until(
      () => fake.messages.find((m) => m.receiveIdType === 'open_id'),
      'the request card',
    )
    expect(request.receiveId).toBe('ou_1001')
    const res = await post(
      cardClick({
        openId: 'ou_1001',
        chatId: 'oc_p2p_1001',
        messageId: request.messageId,
        action: 'bind.approve',
        value: '1',
      }),
    )
    expect(res.status).toBe(200)
    const answer = (await res.json()) as {
      toast: { type: string; content: string }
      card: { type: string; data: { header: { template: string } } }
    }
    expect(answer.toast).toEqual({ type: 'success', content: '已确认绑定申请 #1：吴立新（工号 1010）。' })
    expect(answer.card.type).toBe('raw')
    expect(answer.card.data.header.template).toBe('green')
    const bound = await bot.store.db.select().from(identities).where(eq(identities.platformUserId, 'ou_1010'))
    expect(bound).toHaveLength(1)
  })
})
