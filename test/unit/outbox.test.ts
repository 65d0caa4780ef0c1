import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { type NodeStore, openNodeStore } from '../../src/db/node-store'
import { outbox } from '../../src/db/schema'
import { PlatformError } from '../../src/errors'
import { Dispatcher } from '../../src/outbox/dispatcher'
import { enqueue } from '../../src/outbox/enqueue'
import type { Outbound, OutboundMessage } from '../../src/outbox/outbound'
import { RateLimiter } from '../../src/outbox/rate-limiter'
import { retryDecision } from '../../src/outbox/retry'

let store: NodeStore
afterEach(() => store?.close())

function setup(behaviour: (msg: OutboundMessage) => void) {
  store = openNodeStore(':memory:')
  let now = 1_000_000
  const sent: OutboundMessage[] = []
  const fake: Outbound = {
    platform: 'feishu',
    limits: { perSecond: 50 },
    async send(msg) {
      behaviour(msg)
      sent.push(msg)
      return { platformMessageId: `om_${msg.id}` }
    },
  }
  const dispatcher = new Dispatcher({
    db: store.db,
    outbounds: new Map([['feishu', fake]]),
    now: () => now,
    sleep: async (ms) => {
      now += ms
    },
    rateScale: 1,
    log: () => {},
  })
  let n = 0
  const queue = async (count: number) =>
    store.commit(
      enqueue(
        store.db,
        'feishu',
        'job:test',
        Array.from({ length: count }, (_, i) => ({
          to: { kind: 'chat', id: `c${i}` },
          reply: { kind: 'text', text: `m${i}` },
          locale: 'zh-CN',
        })),
        now,
        () => `id-${n++}`,
      ),
    )
  return {
    dispatcher,
    sent,
    queue,
    advance: (ms: number) => (now += ms),
    rows: () => store.db.select().from(outbox),
  }
}

describe('the outbox dispatcher', () => {
  it('sends each queued reply once, with its row id as the idempotency key', async () => {
    const t = setup(() => {})
    await t.queue(3)
    expect(await t.dispatcher.drain()).toEqual({ sent: 3, retried: 0, dead: 0 })
    expect(await t.dispatcher.drain()).toEqual({ sent: 0, retried: 0, dead: 0 })
    expect(t.sent.map((m) => m.id)).toEqual(['id-0', 'id-1', 'id-2'])
    expect((await t.rows()).map((r) => r.platformMessageId)).toEqual(['om_id-0', 'om_id-1', 'om_id-2'])
  })

  it('waits for a 429 hint, then retries and delivers', async () => {
    let fail = true
    const t = setup(() => {
      if (fail) {
        fail = false
        throw new PlatformError('feishu', 429, { retryAfterMs: 5_000 })
      }
    })
    await t.queue(1)
    expect(await t.dispatcher.drain()).toEqual({ sent: 0, retried: 1, dead: 0 })
    t.advance(4_000)
    expect((await t.dispatcher.drain()).sent).toBe(0)
    t.advance(1_000)
    expect((await t.dispatcher.drain()).sent).toBe(1)
    const [row] = await t.rows()
    expect(row).toMatchObject({ status: 'sent', attempts: 2 })
  })

  it('dead-letters a 400 at once and keeps the error', async () => {
    const t = setup(() => {
      throw new PlatformError('feishu', 400, { message: 'bad receive_id' })
    })
    await t.queue(1)
    expect(await t.dispatcher.drain()).toEqual({ sent: 0, retried: 0, dead: 1 })
    const [row] = await store.db.select().from(outbox).where(eq(outbox.id, 'id-0'))
    expect(row).toMatchObject({ status: 'dead', lastError: 'bad receive_id' })
  })
})

describe('retry policy', () => {
  it.each([
    [new PlatformError('feishu', 500), 1, { retry: true, delayMs: 1_000 }],
    [new PlatformError('feishu', 503), 3, { retry: true, delayMs: 4_000 }],
    [new PlatformError('telegram', 429, { retryAfterMs: 30_000 }), 1, { retry: true, delayMs: 30_000 }],
    [new Error('socket hang up'), 2, { retry: true, delayMs: 2_000 }],
  ])('%s on attempt %i', (err, attempt, expected) => {
    expect(retryDecision(err, attempt)).toEqual(expected)
  })

  it('gives up on a 403 and after the eighth attempt', () => {
    expect(retryDecision(new PlatformError('feishu', 403), 1).retry).toBe(false)
    expect(retryDecision(new PlatformError('feishu', 500), 8).retry).toBe(false)
  })
})

describe('the rate limiter', () => {
  it('lets 50 sends through in a second and makes the 51st wait for the window', () => {
    const limiter = new RateLimiter({ perSecond: 50 })
    for (let i = 0; i < 50; i++) expect(limiter.reserve(`c${i}`, 10_000 + i)).toBe(0)
    expect(limiter.reserve('c50', 10_050)).toBe(950)
    expect(limiter.reserve('c50', 11_000)).toBe(0)
  })

  it('holds a chat to 5 a second while others go on', () => {
    const limiter = new RateLimiter({ perSecond: 50, perChatPerSecond: 5 })
    for (let i = 0; i < 5; i++) expect(limiter.reserve('g1', 1_000 + i)).toBe(0)
    expect(limiter.reserve('g1', 1_005)).toBe(995)
    expect(limiter.reserve('g2', 1_005)).toBe(0)
  })

  it('scales its limits by OUTBOX_RATE_SCALE', () => {
    const limiter = new RateLimiter({ perSecond: 5 }, 10)
    for (let i = 0; i < 50; i++) expect(limiter.reserve('c', 0)).toBe(0)
    expect(limiter.reserve('c', 0)).toBeGreaterThan(0)
  })
})

describe('two dispatchers draining one outbox (two Worker invocations at once)', () => {
  it('send each row once: the claim lets only one of them have it', async () => {
    store = openNodeStore(':memory:')
    const now = 5_000_000
    const sent: string[] = []
    const slowOutbound = (): Outbound => ({
      platform: 'feishu',
      limits: { perSecond: 1_000 },
      async send(msg) {
        await new Promise((r) => setTimeout(r, 2))
        sent.push(msg.id)
        return {}
      },
    })
    const dispatcher = () =>
      new Dispatcher({
        db: store.db,
        outbounds: new Map([['feishu', slowOutbound()]]),
        now: () => now,
        sleep: async () => {},
        rateScale: 1,
        log: () => {},
        claimRows: true,
      })
    let n = 0
    await store.commit(
      enqueue(
        store.db,
        'feishu',
        'job:lease',
        Array.from({ length: 30 }, (_, i) => ({
          to: { kind: 'chat' as const, id: `c${i}` },
          reply: { kind: 'text' as const, text: `m${i}` },
          locale: 'zh-CN' as const,
        })),
        now,
        () => `lease-${n++}`,
      ),
    )
    const [a, b] = await Promise.all([dispatcher().drain(), dispatcher().drain()])
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(30)
    expect(new Set(sent).size).toBe(30)
    expect(sent).toHaveLength(30)
    const rows = await store.db.select().from(outbox)
    expect(rows.every((r) => r.status === 'sent')).toBe(true)
  })
})
