/**
 * npm run bench — the request path against baselines measured in the same run (medians of 5 rounds).
 *   bare Hono:     POST a JSON body into a Hono app that parses it and answers (the floor for any route)
 *   /dev/chat:     the whole path of one command: inbox write, identity + settings reads, routing, handler,
 *                  one transaction (effects + outbox + processed mark), outbox read and delivery
 *   group chatter: a message the bot ignores (the commonest message in a group)
 *   identity read: the prepared lookup the router does for every message vs the same query built per call
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { consoleOutbound } from '../adapters/console/outbound'
import { buildApp } from '../src/app'
import { buildCommandIndex, cardActions } from '../src/commands/table'
import { loadConfig } from '../src/config'
import { buildCore } from '../src/core'
import { openNodeStore } from '../src/db/node-store'
import { findMe } from '../src/db/queries'
import { identities, members } from '../src/db/schema'
import { prepareDatabase } from '../src/db/seed'

const ROUNDS = 5
const N = 2_000

async function measure(
  name: string,
  op: (i: number) => Promise<unknown>,
): Promise<{ name: string; us: number }> {
  for (let i = 0; i < 200; i++) await op(-i - 1)
  const perRound: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < N; i++) await op(r * N + i)
    perRound.push(Number(process.hrtime.bigint() - start) / 1_000 / N)
  }
  perRound.sort((a, b) => a - b)
  return { name, us: perRound[Math.floor(ROUNDS / 2)] as number }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ronghe-bench-'))
const store = openNodeStore(path.join(dir, 'bench.db'))
await prepareDatabase(store, { seedDemo: true, now: Date.now() })
const core = buildCore({
  config: loadConfig({}),
  store,
  index: buildCommandIndex(),
  actions: cardActions,
  outbounds: [consoleOutbound],
  schedule: () => {},
  log: () => {},
})
const app = buildApp(core)
const bare = new Hono().post('/x', async (c) =>
  c.json({ replies: [{ kind: 'text', text: (await c.req.json()).text }] }),
)
const post = async (target: Hono, url: string, body: unknown): Promise<Response> =>
  target.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

const results = [
  await measure('bare Hono JSON echo', () =>
    post(bare, '/x', { chatId: 'g-ZC01', userId: 'u1001', text: '积分规则' }),
  ),
  await measure('/dev/chat 积分规则 (full path)', () =>
    post(app, '/dev/chat', { chatId: 'g-ZC01', userId: 'u1001', text: '积分规则' }),
  ),
  await measure('/dev/chat group chatter (ignored)', () =>
    post(app, '/dev/chat', { chatId: 'g-ZC01', userId: 'u1001', text: '今天的任务都完成了吗' }),
  ),
  await measure('identity read, built per call', () =>
    store.db
      .select({ id: members.id, name: members.name })
      .from(identities)
      .innerJoin(members, eq(members.id, identities.memberId))
      .where(and(eq(identities.platform, 'console'), eq(identities.platformUserId, 'u1001'))),
  ),
  await measure('identity read, prepared (findMe)', () => findMe(store.db, 'console', 'u1001')),
]
const base = results[0]?.us ?? 1
const perCall = results[3]?.us ?? 1
console.log(`ronghe-bot bench — ${N} ops × ${ROUNDS} rounds, median per op (node ${process.version})`)
for (const r of results) {
  const ratio = r.name.startsWith('identity')
    ? `${(r.us / perCall).toFixed(2)}× built-per-call`
    : `${(r.us / base).toFixed(1)}× bare Hono`
  console.log(`${r.name.padEnd(36)} ${r.us.toFixed(1).padStart(8)} µs   ${ratio}`)
}
store.close()
fs.rmSync(dir, { recursive: true, force: true })
