import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebhookRequest } from '../../adapters/feishu/check'
import { nodeCrypto } from '../../adapters/feishu/crypto-node'
import { type Verdict, verifyOnThread } from '../../adapters/feishu/verify-thread'
import { type NodeStore, openNodeStore } from '../../src/db/node-store'
import {
  cardClick,
  ENCRYPT_KEY,
  signedEvent,
  textMessage,
  VERIFICATION_TOKEN,
} from '../support/feishu-events'

// Node's verify thread with the inbox in a file: it checks the requests and writes their events itself, on its
// own connection, and the unique indexes keep the effect exactly once across both connections.
const NOW = 1_767_000_000_000
let dir: string
let store: NodeStore
let check: (req: WebhookRequest) => Promise<Verdict>

const requestOf = (event: object, opts: { key?: string; signature?: string } = {}): WebhookRequest => {
  const { body, headers } = signedEvent(event, { timestampSec: NOW / 1000, key: opts.key })
  return {
    timestamp: headers['x-lark-request-timestamp'],
    nonce: headers['x-lark-request-nonce'],
    signature: opts.signature ?? headers['x-lark-signature'],
    rawBody: body,
  }
}
const message = (i: number, messageId = `om_thread_${i}`) =>
  textMessage({
    text: '帮助',
    chatId: 'oc_thread',
    chatType: 'group',
    openId: 'ou_thread',
    eventId: `ev_thread_${i}`,
    messageId,
  })
const rows = () => store.sqlite.prepare('SELECT event_id FROM inbox ORDER BY id').pluck().all()

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ronghe-verify-thread-'))
  store = openNodeStore(path.join(dir, 'bot.db'))
  check = verifyOnThread(
    async () => ({
      encryptKey: ENCRYPT_KEY,
      verificationToken: VERIFICATION_TOKEN,
      now: NOW,
      botOpenId: undefined,
    }),
    nodeCrypto,
    store.file,
  )
  // Until the thread has loaded, requests are checked and written on this thread: wait for its first verdict.
  for (let i = 0; ; i++) {
    if ((await check(requestOf(message(-1 - i)))).accepted) break
    if (i > 200) throw new Error('the verify thread never answered')
    await new Promise((r) => setTimeout(r, 50))
  }
  store.sqlite.prepare('DELETE FROM inbox').run()
}, 30_000)
afterAll(() => {
  store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('the Feishu verify thread over an inbox file', () => {
  it('writes an event delivered five times at once exactly once', async () => {
    const verdicts = await Promise.all(Array.from({ length: 5 }, () => check(requestOf(message(1)))))
    expect(verdicts.map((v) => v.checked.ok)).toEqual([true, true, true, true, true])
    expect(verdicts.filter((v) => v.accepted?.duplicate === false)).toHaveLength(1)
    expect(verdicts.filter((v) => v.accepted?.duplicate === true)).toHaveLength(4)
    // A redelivery after that commit, and one with a new event id but the same message id: both duplicates.
    expect((await check(requestOf(message(1)))).accepted).toEqual({ duplicate: true })
    expect((await check(requestOf(message(2, 'om_thread_1')))).accepted).toEqual({ duplicate: true })
    expect(rows()).toEqual(['ev_thread_1'])
  })

  it('writes the events of one turn in one go, each once, and answers each its own', async () => {
    const verdicts = await Promise.all([3, 4, 5, 4, 6].map((i) => check(requestOf(message(i)))))
    expect(verdicts.map((v) => v.accepted?.duplicate)).toEqual([false, false, false, true, false])
    const ids = verdicts.flatMap((v) => (v.accepted && !v.accepted.duplicate ? [v.accepted.id] : []))
    expect(new Set(ids).size).toBe(4)
    expect(rows()).toEqual(['ev_thread_1', 'ev_thread_3', 'ev_thread_4', 'ev_thread_5', 'ev_thread_6'])
  })

  it('refuses a forged signature, another key and a wrong token, and writes nothing', async () => {
    const forged = await check(requestOf(message(7), { signature: 'ab'.repeat(32) }))
    const otherKey = await check(requestOf(message(8), { key: 'another-encrypt-key' }))
    const { header, ...rest } = message(9)
    const wrongToken = await check(requestOf({ ...rest, header: { ...header, token: 'wrong' } }))
    const malformed = await check({ ...requestOf(message(10)), rawBody: '{"encrypt": ' })
    expect(
      [forged, otherKey, wrongToken, malformed].map((v) => (v.checked.ok ? 200 : v.checked.status)),
    ).toEqual([401, 401, 401, 400])
    expect([forged, otherKey, wrongToken, malformed].every((v) => v.accepted === undefined)).toBe(true)
    expect(rows()).not.toContain('ev_thread_7')
    expect(rows()).toHaveLength(5)
  })

  it('leaves a card click to the main thread, which processes it before answering', async () => {
    const click = cardClick({
      openId: 'ou_thread',
      chatId: 'oc_thread',
      messageId: 'om_card',
      action: 'task.done',
      value: '1',
      eventId: 'ev_click',
    })
    const verdict = await check(requestOf(click))
    expect(verdict.accepted).toBeUndefined()
    expect(verdict.checked.ok && verdict.checked.parsed.kind).toBe('action')
    expect(rows()).not.toContain('ev_click')
  })
})
