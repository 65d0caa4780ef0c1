import { exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { textMessage } from '../support/feishu-payloads'
import { bindFeishu, inboxRows, postEvent, sentMessages, settle, until } from './support'

// The Node end-to-end scenario (test/e2e/feishu-webhook.test.ts), on workerd with D1 and the fake Open API.
beforeAll(() => bindFeishu('ou_1002', '1002'))

const rulesFrom = (chatId: string, id: string) =>
  textMessage({
    text: '积分规则',
    chatId,
    chatType: 'p2p',
    openId: 'ou_1002',
    eventId: `ev_${id}`,
    messageId: `om_${id}`,
  })

describe('Feishu webhook on Workers', () => {
  it('answers a signed, encrypted message through the fake Open API', async () => {
    const res = await postEvent(rulesFrom('oc_w_answer', 'answer'))
    expect(res.status).toBe(200)
    const sent = await until((m) => m.find((x) => x.receiveId === 'oc_w_answer'), 'the reply')
    expect(sent.receiveIdType).toBe('chat_id')
    expect(sent.msgType).toBe('interactive')
    expect((sent.content as { header: { title: { content: string } } }).header.title.content).toBe(
      '积分规则（第 1 版）',
    )
  })

  it('takes one event delivered three times as one', async () => {
    const event = rulesFrom('oc_w_dup', 'dup')
    const answers = await Promise.all([postEvent(event), postEvent(event)])
    answers.push(await postEvent(event))
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200])
    await until((m) => m.find((x) => x.receiveId === 'oc_w_dup'), 'the reply')
    await settle()
    expect((await sentMessages()).filter((x) => x.receiveId === 'oc_w_dup')).toHaveLength(1)
    expect(await inboxRows('ev_dup')).toBe(1)
  })

  it('refuses a forged signature with 401 and changes nothing', async () => {
    const res = await postEvent(rulesFrom('oc_w_forged', 'forged'), { key: 'not-the-key' })
    expect(res.status).toBe(401)
    await settle()
    expect(await inboxRows('ev_forged')).toBe(0)
    expect((await sentMessages()).filter((x) => x.receiveId === 'oc_w_forged')).toHaveLength(0)
  })

  it('reports liveness and a migrated database', async () => {
    const health = await exports.default.fetch('https://bot.example/healthz')
    expect(await health.json()).toEqual({ ok: true })
    const ready = await exports.default.fetch('https://bot.example/readyz')
    expect(ready.status).toBe(200)
    expect(await ready.json()).toMatchObject({ ok: true, database: 'migrated', settingsVersions: 1 })
  })

  it('keeps the simulator off on a deployed Worker', async () => {
    expect((await exports.default.fetch('https://bot.example/')).status).toBe(404)
    const chat = await exports.default.fetch('https://bot.example/dev/chat', { method: 'POST', body: '{}' })
    expect(chat.status).toBe(404)
  })
})
