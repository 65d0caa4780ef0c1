import { count, eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { chats, identities, inbox, members, orgUnits, outbox } from '../../src/db/schema'
import { type Bot, FIXED_NOW, startBot } from '../support/bot'
import { dingtalkHeaders, type FakeDingtalk, robotMessage, startFakeDingtalk } from '../support/fake-dingtalk'
import { type Served, serveOnLoopback } from '../support/serve-app'
import { until } from '../support/until'

// The bot over real HTTP; its DingTalk client sends to a fake Open API on 127.0.0.1.
let fake: FakeDingtalk
let bot: Bot
let server: Served
let base: string

const GROUP = 'cidGroupZC01xxxxxx=='
let msgNo = 0
const nextMsgId = () => `msgFAKE${++msgNo}`

beforeAll(async () => {
  fake = await startFakeDingtalk()
})
afterAll(() => fake.close())

beforeEach(async () => {
  fake.sent.length = 0
  bot = await startBot({
    background: 'run',
    env: {
      DINGTALK_CLIENT_ID: fake.clientId,
      DINGTALK_CLIENT_SECRET: fake.clientSecret,
      DINGTALK_API_ROOT: fake.url,
      // The test clock stands still, so a group's 20 a minute would never open again.
      OUTBOX_RATE_SCALE: '1000',
    },
  })
  const db = bot.store.db
  for (const no of ['1001', '1002']) {
    const [m] = await db.select().from(members).where(eq(members.employeeNo, no))
    await db
      .insert(identities)
      .values({ platform: 'dingtalk', platformUserId: no, memberId: m?.id ?? 0, boundAt: FIXED_NOW })
  }
  const [zc01] = await db.select().from(orgUnits).where(eq(orgUnits.code, 'ZC01'))
  await db
    .insert(chats)
    .values({ platform: 'dingtalk', chatId: GROUP, unitId: zc01?.id ?? 0, boundAt: FIXED_NOW })
  server = await serveOnLoopback(bot.app.fetch)
  base = server.base
})
afterEach(async () => {
  await server.close()
  bot.close()
})

function post(body: object, headers = dingtalkHeaders(FIXED_NOW, fake.clientSecret)) {
  return fetch(`${base}/webhooks/dingtalk`, { method: 'POST', headers, body: JSON.stringify(body) })
}
const say = (staffId: string, content: string, o: { group?: string; msgId?: string } = {}) =>
  post(
    robotMessage({
      msgId: o.msgId ?? nextMsgId(),
      staffId,
      content,
      robotCode: fake.robotCode,
      createAt: FIXED_NOW,
      ...(o.group ? { group: o.group } : {}),
    }),
  )

const settle = () => new Promise((r) => setTimeout(r, 300))
const inboxRows = async () => (await bot.store.db.select({ n: count() }).from(inbox))[0]?.n

describe('DingTalk HTTP callback, end to end', () => {
  it('answers an @robot command in a group through groupMessages/send', async () => {
    const res = await say('1002', '积分规则', { group: GROUP })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({})
    const sent = await until(() => fake.sent[0], 'a message at the fake DingTalk')
    expect(sent).toMatchObject({ api: 'group', to: GROUP, msgKey: 'sampleMarkdown' })
    expect(sent.text).toContain('积分规则（第 1 版）')
  })

  it('answers a private message through oToMessages/batchSend to the sender', async () => {
    await say('1002', '积分规则')
    const sent = await until(() => fake.sent[0], 'the private reply')
    expect(sent).toMatchObject({ api: 'user', to: '1002', msgKey: 'sampleMarkdown' })
  })

  it('keeps one inbox row for a message delivered twice (same msgId)', async () => {
    await say('1002', '积分规则', { msgId: 'msgSAME' })
    await say('1002', '积分规则', { msgId: 'msgSAME' })
    await until(() => fake.sent[0], 'the reply')
    await settle()
    expect(await inboxRows()).toBe(1)
    expect(fake.sent).toHaveLength(1)
  })

  it('refuses forged signs, stale or future timestamps and unsigned callbacks with 401', async () => {
    const body = robotMessage({
      msgId: nextMsgId(),
      staffId: '1002',
      content: '积分规则',
      robotCode: fake.robotCode,
      createAt: FIXED_NOW,
    })
    expect((await post(body, dingtalkHeaders(FIXED_NOW, 'not-the-secret'))).status).toBe(401)
    expect((await post(body, dingtalkHeaders(FIXED_NOW - 61 * 60_000, fake.clientSecret))).status).toBe(401)
    expect((await post(body, dingtalkHeaders(FIXED_NOW + 61 * 60_000, fake.clientSecret))).status).toBe(401)
    expect((await post(body, { 'content-type': 'application/json' })).status).toBe(401)
    // Within the hour either way is accepted (DingTalk's own tolerance).
    expect((await post(body, dingtalkHeaders(FIXED_NOW - 59 * 60_000, fake.clientSecret))).status).toBe(200)
    await until(() => fake.sent[0], 'the one accepted reply')
    expect(await inboxRows()).toBe(1)
  })

  it('fetches a new access token when the old one is refused', async () => {
    await say('1002', '积分规则')
    await until(() => fake.sent[0], 'the first reply')
    const before = fake.tokenRequests
    fake.expireTokens()
    await say('1002', '积分规则')
    await until(() => fake.sent[1], 'the second reply')
    expect(fake.tokenRequests).toBe(before + 1)
  })

  it('keeps a message that hit the frequency limit for a later attempt', async () => {
    fake.failNext(1, { status: 403, code: 'Forbidden.AccessDenied.QpsLimitForApi', message: 'qps limit' })
    await say('1002', '积分规则')
    const deadline = Date.now() + 5_000
    let row: typeof outbox.$inferSelect | undefined
    while (!row && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20))
      const [r] = await bot.store.db.select().from(outbox).where(eq(outbox.platform, 'dingtalk'))
      row = r && r.attempts > 0 ? r : undefined
    }
    expect(row?.status).toBe('pending')
    expect(row?.lastError).toContain('QpsLimitForApi')
  })

  it('approves a bind from the button link of a private card; a second click changes nothing', async () => {
    await say('1010', '绑定 1010')
    const request = await until(
      () => fake.sent.find((m) => m.to === '1001' && m.msgKey === 'sampleMarkdown'),
      'the request card to the secretary',
    )
    const links = [
      ...String(request.param.text).matchAll(/\]\(dtmd:\/\/dingtalkclient\/sendMessage\?content=([^)]+)\)/g),
    ]
    const approve = links.map((m) => decodeURIComponent(m[1] ?? '')).find((t) => t.includes('bind.approve'))
    expect(approve).toMatch(/^▶ 确认 #bind\.approve\|\d+$/)
    await say('1001', approve ?? '')
    await until(
      () => fake.sent.find((m) => m.to === '1001' && m.text.includes('吴立新') && m.msgKey === 'sampleText'),
      'the toast',
    )
    await until(() => fake.sent.find((m) => m.to === '1010' && m.text.includes('绑定')), 'the news to 吴立新')
    await say('1001', approve ?? '')
    await settle()
    const bound = await bot.store.db.select().from(identities).where(eq(identities.platformUserId, '1010'))
    expect(bound).toHaveLength(1)
  })
})
