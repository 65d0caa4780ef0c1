/**
 * npm run bench:fanout [-- --quick] — one stage announcement to 500 branch groups plus a nudge to 500 secretaries
 * and 10,000 members (11,000 messages) through the outbox dispatcher to a fake Feishu on 127.0.0.1, in a child
 * process (bench/fanout-child.ts). Runs:
 *   limited: OUTBOX_RATE_SCALE=10 and the fake enforcing the same scaled limits (500/s, 10,000/min, 50/s a chat):
 *            drain time, and the time from the 10 % to the 90 % message, against the fastest schedule those
 *            limits allow
 *   lifted:  OUTBOX_RATE_SCALE=1000 and the fake unlimited: messages/s (target ≥ 1,000)
 *   baseline: the same sends as bare fetch calls from a child process, no database, no limit (bench/fanout-raw.ts)
 *   killed:  limited, the child SIGKILLed at 40 % sent and restarted on the same database file: every message
 *            delivered once (Feishu's uuid = the outbox row id absorbs a resend of what was in flight)
 * Medians of 3 rounds. --quick: 1,100 messages (50 groups, 50 secretaries, 1,000 members), about a minute.
 * --scale N: the limits' scale (default 10); --bot-scale N: the bot's OUTBOX_RATE_SCALE (default the same);
 * --rounds N (default 3).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { count, eq } from 'drizzle-orm'
import { openNodeStore } from '../src/db/node-store'
import { outbox } from '../src/db/schema'
import { enqueue } from '../src/outbox/enqueue'
import { type FakeFeishu, startFakeFeishu } from '../test/support/fake-feishu'

const QUICK = process.argv.includes('--quick')
const GROUPS = QUICK ? 50 : 500
const MEMBERS = QUICK ? 1_000 : 10_000
const N = GROUPS * 2 + MEMBERS
const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const ROUNDS = flag('--rounds', 3)
/** OUTBOX_RATE_SCALE of the limited runs; lower it where the machine cannot reach 50 × 10 messages a second. */
const SCALE = flag('--scale', 10)
/** The bot's own OUTBOX_RATE_SCALE in the limited runs (default SCALE): below SCALE it keeps headroom under the fake's limit. */
const BOT_SCALE = flag('--bot-scale', SCALE)
/** Feishu's limits (adapters/feishu/limits.ts) times SCALE. */
const LIMIT = { perSecond: 50 * SCALE, perMinute: 1_000 * SCALE, perChatPerSecond: 5 * SCALE }
const ROOT = path.resolve(import.meta.dirname, '..')

/** The fastest schedule the limits allow: each message at the earliest instant both sliding windows admit. */
function idealSchedule(n: number, perSecond: number, perMinute: number): number[] {
  const t: number[] = []
  for (let i = 0; i < n; i++)
    t.push(
      Math.max(
        t[i - 1] ?? 0,
        (t[i - perSecond] ?? -Infinity) + 1_000,
        (t[i - perMinute] ?? -Infinity) + 60_000,
      ),
    )
  return t
}

/** The time from the 10 % to the 90 % message (the steady part, without the first and last bursts). */
const middle = (times: number[]) => {
  const at = (q: number) => times[Math.floor(q * (times.length - 1))] as number
  return at(0.9) - at(0.1)
}

function freshDatabase(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fanout-')), 'bot.db')
  const store = openNodeStore(file)
  const now = Date.now()
  let id = 0
  const newId = () => `fanout-${process.pid}-${now}-${++id}`
  const text = (t: string) => ({ kind: 'text' as const, text: t })
  const announce = text('【决胜年终】阶段活动今天开始（2026-10-08 至 2026-12-31），请各支部按计划组织开展。')
  const nudge = text('本月尚未记录主题党日，距截止还有 7 天。请及时组织召开。')
  const to = (kind: 'chat' | 'user', prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({ kind, id: `${prefix}${String(i).padStart(5, '0')}` }))
  const batch = (source: string, targets: { kind: 'chat' | 'user'; id: string }[], reply: typeof announce) =>
    enqueue(
      store.db,
      'feishu',
      source,
      targets.map((t) => ({ to: t, reply, locale: 'zh-CN' as const })),
      now,
      newId,
    )
  store.sqlite.transaction(() => {
    for (const w of [
      ...batch('job:stage-announcements:bench', to('chat', 'oc_branch', GROUPS), announce),
      ...batch('job:meeting-nudges:bench', to('user', 'ou_secretary', GROUPS), nudge),
      ...batch('job:member-nudges:bench', to('user', 'ou_member', MEMBERS), nudge),
    ])
      (w as unknown as { run(): void }).run()
  })()
  store.close()
  return file
}

function child(file: string, fake: FakeFeishu, scale: number) {
  const proc = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['bench/fanout-child.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_PATH: file,
      FEISHU_APP_ID: fake.appId,
      FEISHU_APP_SECRET: fake.appSecret,
      FEISHU_DOMAIN: fake.url,
      OUTBOX_RATE_SCALE: String(scale),
      SEED_DEMO: '0',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  })
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)))
  return { proc, exited }
}

type Outcome = { drainMs: number; perSecond: number; middleMs: number; delivered: number; refused: number }

/** What the database and the fake say after a run: send times, and each outbox row delivered once or not. */
async function outcome(file: string, fake: FakeFeishu): Promise<Outcome> {
  const store = openNodeStore(file)
  const rows = await store.db
    .select({ id: outbox.id, sentAt: outbox.sentAt, status: outbox.status })
    .from(outbox)
  store.close()
  const notSent = rows.filter((r) => r.status !== 'sent').length
  if (notSent) throw new Error(`${notSent} outbox rows not sent`)
  const times = rows.map((r) => r.sentAt as number).sort((a, b) => a - b)
  const at = (q: number) => times[Math.floor(q * (times.length - 1))] as number
  const uuids = new Set(fake.messages.map((m) => m.uuid))
  const posts = fake.requests.filter((r) => r.startsWith('POST /open-apis/im/v1/messages')).length
  const drainMs = at(1) - at(0)
  return {
    drainMs,
    perSecond: (N * 1_000) / Math.max(1, drainMs),
    middleMs: middle(times),
    delivered: rows.filter((r) => uuids.has(r.id)).length,
    refused: posts - fake.messages.length,
  }
}

async function run(limited: boolean): Promise<Outcome> {
  const fake = await startFakeFeishu()
  if (limited) fake.limit = LIMIT
  const file = freshDatabase()
  const { exited } = child(file, fake, limited ? BOT_SCALE : 1_000)
  if ((await exited) !== 0) throw new Error('the sending process failed')
  const result = await outcome(file, fake)
  await fake.close()
  return result
}

async function rawRun(): Promise<number> {
  const fake = await startFakeFeishu()
  const proc = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['bench/fanout-raw.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      FEISHU_DOMAIN: fake.url,
      FEISHU_APP_ID: fake.appId,
      FEISHU_APP_SECRET: fake.appSecret,
      FANOUT_N: String(N),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  proc.stdout.on('data', (c: Buffer) => {
    out += c.toString()
  })
  await new Promise((resolve) => proc.on('exit', resolve))
  await fake.close()
  return Number(out.trim())
}

async function killedRun() {
  const fake = await startFakeFeishu()
  fake.limit = LIMIT
  const file = freshDatabase()
  const first = child(file, fake, BOT_SCALE)
  while (fake.messages.length < 0.4 * N) await new Promise((r) => setTimeout(r, 5))
  process.kill(-(first.proc.pid as number), 'SIGKILL')
  await first.exited
  const sentBeforeRestart = fake.messages.length
  const second = child(file, fake, BOT_SCALE)
  if ((await second.exited) !== 0) throw new Error('the restarted sending process failed')
  const store = openNodeStore(file)
  const [pending] = await store.db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending'))
  store.close()
  const uuids = fake.messages.map((m) => m.uuid)
  const result = {
    sentBeforeKill: sentBeforeRestart,
    delivered: new Set(uuids).size,
    doubled: uuids.length - new Set(uuids).size,
    lost: N - new Set(uuids).size,
    pending: pending?.n ?? 0,
    resentAndDeduped: fake.requests.filter((r) => r.startsWith('POST')).length - fake.messages.length,
  }
  await fake.close()
  return result
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 })

console.log(
  `fan-out of ${fmt(N)} messages (${GROUPS} groups, ${GROUPS} secretaries, ${fmt(MEMBERS)} members)${QUICK ? ' [quick]' : ''}`,
)
const limited: Outcome[] = []
for (let r = 0; r < ROUNDS; r++) limited.push(await run(true))
const ideal = idealSchedule(N, LIMIT.perSecond, LIMIT.perMinute)
const idealDrain = ideal[N - 1] as number
const drain = median(limited.map((o) => o.drainMs))
const steady = median(limited.map((o) => o.middleMs))
console.log(
  `limited (scale ${SCALE}: ${LIMIT.perSecond}/s, ${fmt(LIMIT.perMinute)}/min; bot scale ${BOT_SCALE}): drain ${(drain / 1000).toFixed(2)} s ` +
    `vs ${(idealDrain / 1000).toFixed(2)} s the limits allow (ratio ${(idealDrain / drain).toFixed(3)}); ` +
    `${fmt(median(limited.map((o) => o.perSecond)))} msg/s overall; 10–90 % of the messages in ${(steady / 1000).toFixed(2)} s ` +
    `vs ${(middle(ideal) / 1000).toFixed(2)} s (ratio ${(middle(ideal) / steady).toFixed(3)}); ` +
    `refused by the fake: ${median(limited.map((o) => o.refused))}; delivered ${median(limited.map((o) => o.delivered))}/${N}`,
)
const lifted: Outcome[] = []
for (let r = 0; r < ROUNDS; r++) lifted.push(await run(false))
console.log(
  `lifted (scale 1000, fake unlimited): drain ${(median(lifted.map((o) => o.drainMs)) / 1000).toFixed(2)} s, ` +
    `${fmt(median(lifted.map((o) => o.perSecond)))} msg/s; delivered ${median(lifted.map((o) => o.delivered))}/${N}`,
)
const raw: number[] = []
for (let r = 0; r < ROUNDS; r++) raw.push(await rawRun())
console.log(
  `baseline (bare fetch, 16 in flight, no database, no limit): ${fmt((N * 1_000) / median(raw))} msg/s; ` +
    `lifted reaches ${(median(lifted.map((o) => o.perSecond)) / ((N * 1_000) / median(raw))).toFixed(2)} of it`,
)
const killed = await killedRun()
console.log(
  `killed at ${fmt(killed.sentBeforeKill)} sent (SIGKILL) and restarted: delivered ${fmt(killed.delivered)}/${fmt(N)}, ` +
    `lost ${killed.lost}, doubled ${killed.doubled}, still pending ${killed.pending}, ` +
    `extra POSTs (429 refusals, and resends Feishu's uuid absorbed) ${killed.resentAndDeduped}`,
)
