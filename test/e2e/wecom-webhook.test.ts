import { count, eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { identities, inbox, members, outbox } from '../../src/db/schema'
import { type Bot, FIXED_NOW, startBot } from '../support/bot'
import { type FakeWecom, startFakeWecom } from '../support/fake-wecom'
import {
  AGENT_ID,
  BOT_AES_KEY,
  BOT_TOKEN,
  botTextMessage,
  CORP_ID,
  cardEventXml,
  encryptForWecom,
  signWecom,
  textXml,
  WECOM_AES_KEY,
  WECOM_TOKEN,
  wecomBotPost,
  wecomPost,
} from '../support/fake-wecom-callbacks'
import { type Served, serveOnLoopback } from '../support/serve-app'
import { until } from '../support/until'

// The bot over real HTTP; its WeCom client sends to a fake server API on 127.0.0.1.
let fake: FakeWecom
let bot: Bot
let server: Served
let base: string

const NOW_SEC = Math.floor(FIXED_NOW / 1000)
let msgIds = 7_000_000_000_000_000_000n
const nextMsgId = () => String(++msgIds)

beforeAll(async () => {
  fake = await startFakeWecom({ corpId: CORP_ID, agentId: AGENT_ID })
})
afterAll(() => fake.close())

beforeEach(async () => {
  fake.sent.length = 0
  bot = await startBot({
    background: 'run',
    env: {
      WECOM_CORP_ID: CORP_ID,
      WECOM_AGENT_ID: String(AGENT_ID),
      WECOM_SECRET: fake.secret,
      WECOM_TOKEN,
      WECOM_AES_KEY,
      WECOM_API_ROOT: fake.url,
      WECOM_BOT_TOKEN: BOT_TOKEN,
      WECOM_BOT_AES_KEY: BOT_AES_KEY,
      // The test clock stands still, so the per-member ceiling would never open again.
      OUTBOX_RATE_SCALE: '1000',
    },
  })
  for (const no of ['1001', '1002']) {
    const [m] = await bot.store.db.select().from(members).where(eq(members.employeeNo, no))
    await bot.store.db
      .insert(identities)
      .values({ platform: 'wecom', platformUserId: `u${no}`, memberId: m?.id ?? 0, boundAt: FIXED_NOW })
  }
  server = await serveOnLoopback(bot.app.fetch)
  base = server.base
})
afterEach(async () => {
  await server.close()
  bot.close()
})

const post = (signed: { path: string; body: string }) =>
  fetch(`${base}${signed.path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: signed.body,
  })

const say = (from: string, content: string, msgId = nextMsgId()) =>
  post(wecomPost(textXml({ from, content, msgId, createTime: NOW_SEC }), { timestampSec: NOW_SEC }))

const settle = () => new Promise((r) => setTimeout(r, 300))
const inboxRows = async () => (await bot.store.db.select({ n: count() }).from(inbox))[0]?.n

describe('WeCom callback, end to end', () => {
  it('answers the URL check with the decrypted echostr, and refuses a forged one', async () => {
    const echo = encryptForWecom('6934582712083520736')
    const q = (signature: string) =>
      new URLSearchParams({ msg_signature: signature, timestamp: String(NOW_SEC), nonce: '5', echostr: echo })
    const good = await fetch(
      `${base}/webhooks/wecom?${q(signWecom(WECOM_TOKEN, String(NOW_SEC), '5', echo))}`,
    )
    expect(good.status).toBe(200)
    expect(await good.text()).toBe('6934582712083520736')
    const forged = await fetch(
      `${base}/webhooks/wecom?${q(signWecom('not-the-token', String(NOW_SEC), '5', echo))}`,
    )
    expect(forged.status).toBe(401)
  })

  it('answers a private text at once with an empty 200, then replies through message/send', async () => {
    const res = await say('u1002', '积分规则')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    const sent = await until(() => fake.sent[0], 'a message at the fake WeCom')
    expect(sent).toMatchObject({ api: 'message/send', to: 'u1002', msgtype: 'markdown' })
    expect(sent.text).toContain('积分规则（第 1 版）')
    expect(fake.tokenRequests).toBeGreaterThanOrEqual(1)
  })

  it('keeps one inbox row for a callback WeCom repeats (same MsgId)', async () => {
    const msgId = nextMsgId()
    expect((await say('u1002', '积分规则', msgId)).status).toBe(200)
    expect((await say('u1002', '积分规则', msgId)).status).toBe(200)
    await until(() => fake.sent[0], 'the reply')
    await settle()
    expect(await inboxRows()).toBe(1)
    expect(fake.sent).toHaveLength(1)
  })

  it('refuses forged signatures, stale timestamps, another corp and DOCTYPE bodies with 4xx', async () => {
    const xml = textXml({ from: 'u1002', content: '积分规则', msgId: nextMsgId(), createTime: NOW_SEC })
    expect((await post(wecomPost(xml, { timestampSec: NOW_SEC, token: 'forged' }))).status).toBe(401)
    expect((await post(wecomPost(xml, { timestampSec: NOW_SEC - 2 * 3600 }))).status).toBe(401)
    expect((await post(wecomPost(xml, { timestampSec: NOW_SEC, receiveId: 'wwSomeoneElse' }))).status).toBe(
      401,
    )
    const bomb = wecomPost(xml, { timestampSec: NOW_SEC })
    const doctype = `<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa">]>${bomb.body}`
    expect((await post({ path: bomb.path, body: doctype })).status).toBe(400)
    const unsigned = await fetch(`${base}/webhooks/wecom`, { method: 'POST', body: bomb.body })
    expect(unsigned.status).toBe(401)
    await settle()
    expect(await inboxRows()).toBe(0)
    expect(fake.sent).toHaveLength(0)
  })

  it('fetches a new access_token when WeCom says the old one expired (42001)', async () => {
    await say('u1002', '积分规则')
    await until(() => fake.sent[0], 'the first reply')
    const before = fake.tokenRequests
    fake.expireTokens()
    await say('u1002', '积分规则')
    await until(() => fake.sent[1], 'the second reply')
    expect(fake.tokenRequests).toBe(before + 1)
  })

  it('keeps a message that hit the frequency limit (45009) for a later attempt', async () => {
    fake.failNext(1, { errcode: 45009, errmsg: 'api freq out of limit' })
    await say('u1002', '积分规则')
    const retried = async () => {
      const [r] = await bot.store.db.select().from(outbox).where(eq(outbox.platform, 'wecom'))
      return r && r.attempts > 0 ? r : undefined
    }
    const deadline = Date.now() + 5_000
    let r = await retried()
    while (!r && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 20))
      r = await retried()
    }
    if (!r) throw new Error('the row was never attempted')
    expect(r.status).toBe('pending')
    expect(r.lastError).toContain('45009')
    // "按分钟拦截则被屏蔽60秒": not before a minute on the bot's (fixed) clock.
    expect(r.nextAttemptAt).toBeGreaterThanOrEqual(FIXED_NOW + 60_000)
  })

  it('approves a bind from the template card: one effect for a repeated click, card updated, toast sent', async () => {
    await say('u1010', '绑定 1010')
    const request = await until(
      () => fake.sent.find((m) => m.to === 'u1001' && m.msgtype === 'template_card'),
      'the request card to the secretary',
    )
    const card = request.body.template_card as {
      task_id: string
      button_list: { text: string; key: string }[]
    }
    const approve = card.button_list.find((b) => b.text === '确认')
    expect(approve?.key).toMatch(/^bind\.approve\|\d+$/)
    const click = wecomPost(
      cardEventXml({ from: 'u1001', key: approve?.key ?? '', taskId: card.task_id, createTime: NOW_SEC + 5 }),
      { timestampSec: NOW_SEC + 5 },
    )
    expect((await post(click)).status).toBe(200)
    expect((await post(click)).status).toBe(200)
    const update = await until(
      () => fake.sent.find((m) => m.api === 'update_template_card'),
      'the card update',
    )
    expect(update.body).toMatchObject({ userids: ['u1001'], response_code: `ResponseCode-${card.task_id}` })
    await until(() => fake.sent.find((m) => m.to === 'u1001' && m.text.includes('吴立新')), 'the toast')
    await until(
      () => fake.sent.find((m) => m.to === 'u1010' && m.text.includes('绑定')),
      'the news to 吴立新',
    )
    await settle()
    expect(fake.sent.filter((m) => m.api === 'update_template_card')).toHaveLength(1)
    const bound = await bot.store.db.select().from(identities).where(eq(identities.platformUserId, 'u1010'))
    expect(bound).toHaveLength(1)
  })
})

describe('WeCom smart robot callback (group commands), end to end', () => {
  const group = (o: { msgId: string; content: string; responseUrl: string }) =>
    botTextMessage({ ...o, from: 'u1002', chatId: 'wrkSFfCgAAgrp' })

  it('answers a group command once through its response_url, and keeps one row for a repeated msgid', async () => {
    const message = group({
      msgId: 'CAIQbot1',
      content: '积分规则',
      responseUrl: `${fake.url}/cgi-bin/aibot/response?response_code=c1`,
    })
    const signed = wecomBotPost(message, { timestampSec: NOW_SEC })
    expect((await post(signed)).status).toBe(200)
    expect((await post(signed)).status).toBe(200)
    const sent = await until(() => fake.sent.find((m) => m.api === 'aibot/response'), 'the answer')
    expect(sent).toMatchObject({ to: 'c1', msgtype: 'markdown' })
    expect(sent.text).toContain('积分规则（第 1 版）')
    await settle()
    expect(await inboxRows()).toBe(1)
  })

  it('refuses a forged robot callback, and never calls a response_url outside WECOM_API_ROOT', async () => {
    const forged = group({
      msgId: 'CAIQbot2',
      content: '积分规则',
      responseUrl: `${fake.url}/cgi-bin/aibot/response?response_code=c2`,
    })
    expect((await post(wecomBotPost(forged, { timestampSec: NOW_SEC, token: 'forged' }))).status).toBe(401)
    const elsewhere = group({
      msgId: 'CAIQbot3',
      content: '积分规则',
      responseUrl: 'http://127.0.0.1:9/steal',
    })
    expect((await post(wecomBotPost(elsewhere, { timestampSec: NOW_SEC }))).status).toBe(200)
    await settle()
    expect(await inboxRows()).toBe(1)
    expect(fake.sent.filter((m) => m.api === 'aibot/response')).toHaveLength(0)
  })
})
