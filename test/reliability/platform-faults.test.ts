import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FeishuClient } from '../../adapters/feishu/client'
import { feishuOutbound } from '../../adapters/feishu/outbound'
import { type NodeStore, openNodeStore } from '../../src/db/node-store'
import { outbox } from '../../src/db/schema'
import { text } from '../../src/messages'
import { Dispatcher } from '../../src/outbox/dispatcher'
import { type Envelope, enqueue } from '../../src/outbox/enqueue'
import { type FakeFeishu, startFakeFeishu } from '../support/fake-feishu'

const SENDS = 2_000
const CHATS = 100

let fake: FakeFeishu
let store: NodeStore
beforeAll(async () => {
  fake = await startFakeFeishu()
  store = openNodeStore(':memory:')
})
afterAll(async () => {
  await fake.close()
  store.close()
})

describe('platform faults in a random mix', () => {
  it(`${SENDS} sends through 429s, 5xx, lost answers, resets and slow answers: nothing lost, nothing doubled`, async () => {
    // Virtual time for the dispatcher's waits and retry delays; the HTTP itself is real, on loopback.
    let now = Date.parse('2026-11-25T10:00:00+08:00')
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
    const envelopes: Envelope[] = Array.from({ length: SENDS }, (_, i) => ({
      to: { kind: 'chat', id: `oc_chat${i % CHATS}` },
      reply: text(`提醒 ${i}`),
      locale: 'zh-CN',
    }))
    for (let i = 0; i < SENDS; i += 200)
      await store.commit(
        enqueue(store.db, 'feishu', `chaos:${i}`, envelopes.slice(i, i + 200), now, randomUUID),
      )
    fake.chaos = { rate: 0.3, seed: 20261126 }
    fake.delayMs = 2
    let passes = 0
    for (; passes < 200; passes++) {
      await dispatcher.drain()
      const pending = store.sqlite
        .prepare("select count(*) as n from outbox where status = 'pending'")
        .get() as {
        n: number
      }
      if (pending.n === 0) break
      now += 5_000
    }
    const rows = await store.db.select().from(outbox)
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([])
    // One message per row at the platform: a retry carries the row's uuid and Feishu keeps the first.
    const byUuid = new Map<string, number>()
    for (const m of fake.messages) byUuid.set(m.uuid ?? '', (byUuid.get(m.uuid ?? '') ?? 0) + 1)
    expect(fake.messages).toHaveLength(SENDS)
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(byUuid.keys()))
    expect(rows.every((r) => r.platformMessageId !== null)).toBe(true)
    // The faults were met and retried, with backoff rather than a storm of requests.
    const attempts = rows.reduce((n, r) => n + r.attempts, 0)
    const posts = fake.requests.filter((r) => r === 'POST /open-apis/im/v1/messages').length
    expect(attempts).toBeGreaterThan(SENDS * 1.2)
    expect(posts).toBeLessThan(SENDS * 2)
    expect(Math.max(...rows.map((r) => r.attempts))).toBeLessThanOrEqual(8)
    expect(passes).toBeLessThan(200)
  }, 120_000)
})
