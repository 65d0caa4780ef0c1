/**
 * npm run bench:feishu — signed + encrypted `im.message.receive_v1` events posted over real HTTP on 127.0.0.1
 * (issue 3 "Benchmark", DESIGN §5) to our Node shell and to two baselines measured in the same run. Each
 * server runs in its own process (and process group), loaded one after another by autocannon from this one:
 *   A  bare Hono:    a Hono POST route on @hono/node-server that parses the JSON body and answers {}
 *   B  SDK adapter:  the official SDK's adaptDefault on node:http; decrypts and checks the signature, stores nothing
 *   ours:            src/node.ts against a fake Feishu Open API (its own process): verify, decrypt, dedupe,
 *                    accept into the SQLite inbox and answer; route, write, enqueue and send in the background
 * Every request to ours is a different event (own event_id and message_id), so the dedupe never short-cuts one;
 * the events are group messages from the demo organisation, whose members and branch groups are bound to Feishu
 * ids before ours starts, so commands run for real members. After each run the bench waits for our inbox (and
 * outbox) to drain, reading the SQLite file read-only, and checks that no accepted event was lost and that each
 * has exactly one reply in the outbox. Rounds run the three servers in turn; the table shows medians.
 *
 * Flags (after `npm run bench:feishu --`): --duration <s> (10)  --warmup <s> (2)  --connections <n> (50)
 *   --rounds <n> (3)  --quick (one round of 3 s after 1 s warm-up)  --events <n> (20000 made up front; ours'
 *   are topped up before each of its runs)  --only hono,sdk,ours  --profile (ours under --cpu-prof, summarised
 *   at the end)  --keep (keep the temp dir: logs, ours' database)
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import { eq } from 'drizzle-orm'
import { openNodeStore } from '../src/db/node-store'
import { chats, identities, members, orgUnits, settings } from '../src/db/schema'
import { prepareDatabase } from '../src/db/seed'
import { DEFAULT_SETTINGS_DOC } from '../src/domain/settings'
import { ENCRYPT_KEY, signedEvent, textMessage, VERIFICATION_TOKEN } from '../test/support/feishu-events'
import { summarizeProfile, type Window } from './cpu-profile'
import type { FakeStats } from './feishu-fake-server'

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    rounds: { type: 'string' },
    events: { type: 'string' },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
})
const num = (v: string | undefined, fallback: number) => {
  const n = v === undefined ? fallback : Number(v)
  if (!Number.isFinite(n) || n <= 0) throw new Error(`not a positive number: ${v}`)
  return n
}
const DURATION = num(flags.duration, flags.quick ? 3 : 10)
const WARMUP = num(flags.warmup, flags.quick ? 1 : 2)
const CONNECTIONS = num(flags.connections, 50)
const ROUNDS = num(flags.rounds, flags.quick ? 1 : 3)
const ONLY = new Set((flags.only ?? 'hono,sdk,ours').split(',').map((s) => s.trim()))
/** Events made up front (the baselines cycle through them); ours' share is topped up before each of its runs. */
const EVENTS = num(flags.events, 20_000)

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)))
const WEBHOOK = '/webhooks/feishu'
const DRAIN_TIMEOUT_MS = 10 * 60_000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const monotonicUs = () => Number(process.hrtime.bigint() / 1_000n)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ronghe-bench-feishu-'))
const progress = (line: string) => process.stderr.write(`· ${line}\n`)

// ---------------------------------------------------------------------------------------------- the events

/** The demo organisation's four branches; each gets a bound Feishu group, members x001–x008 bound, x009–x010 not. */
const BRANCHES = ['ZC01', 'JD01', 'TF01', 'JG01'] as const
const chatIdOf = (b: number) => `oc_bench_${BRANCHES[b]?.toLowerCase()}`
const TEXTS = ['积分规则', '@_user_1 帮助', '@_user_1 积分', '@_user_1 排行'] as const
const BOT_MENTION = { key: '@_user_1', openId: 'ou_fakebot', name: '融合助手' }
const RUN_TAG = Date.now().toString(36)
const EVENT_PREFIX = `ev_bench_${RUN_TAG}_`

type Posted = { body: Buffer; headers: Record<string, string> }

/**
 * Event i: branch i % 4, member ⌊i/4⌋ % 10 of it (20 % unbound), text ⌊i/40⌋ % 4 — the rules and help cards
 * for anyone, own points and the ranking for members (a bind hint for the unbound), all in the branch group.
 */
function makeEvent(i: number, nowSec: number): Posted {
  const b = i % BRANCHES.length
  const text = TEXTS[Math.floor(i / 40) % TEXTS.length] as string
  const event = textMessage({
    text,
    chatId: chatIdOf(b),
    chatType: 'group',
    openId: `ou_${1001 + b * 10 + (Math.floor(i / 4) % 10)}`,
    mentions: text.startsWith(BOT_MENTION.key) ? [BOT_MENTION] : [],
    eventId: `${EVENT_PREFIX}${i}`,
    messageId: `om_bench_${RUN_TAG}_${i}`,
  })
  const { body, headers } = signedEvent(event, { timestampSec: nowSec })
  return { body: Buffer.from(body), headers }
}

class EventPool {
  readonly items: Posted[] = []
  madeDuringLoad = 0
  constructor(n: number) {
    this.ensure(n)
  }
  /** At least `n` events, the new ones stamped now (Feishu's timestamp is checked against the clock). */
  ensure(n: number) {
    const now = Math.floor(Date.now() / 1000)
    while (this.items.length < n) this.items.push(makeEvent(this.items.length, now))
  }
  /** Event i, made now if the pool is used up (ours must never see an event twice). */
  get(i: number): Posted {
    while (i >= this.items.length) {
      this.items.push(makeEvent(this.items.length, Math.floor(Date.now() / 1000)))
      this.madeDuringLoad++
    }
    return this.items[i] as Posted
  }
}

// ------------------------------------------------------------------------------------------------ the load

/**
 * CPU time (user + system) a process has used so far, all its threads or (`mainThread`) only its main thread
 * (the task whose id is the pid), from /proc (Linux); ms.
 */
function cpuMsOf(pid: number | undefined, mainThread = false): number {
  if (pid === undefined) return Number.NaN
  try {
    const stat = fs.readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8')
    // Fields after "pid (comm) ": state is field 3, utime 14, stime 15, in clock ticks (CLK_TCK = 100 on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return Number.NaN
  }
}
const ownCpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** Exact latency percentiles from every response's own hrtime (autocannon's histogram keeps whole ms). */
class Latencies {
  private values = new Float64Array(1 << 16)
  private n = 0
  add(ms: number) {
    if (this.n === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2)
      bigger.set(this.values)
      this.values = bigger
    }
    this.values[this.n++] = ms
  }
  percentiles(): { p50: number; p99: number; max: number } {
    const sorted = this.values.subarray(0, this.n).sort()
    const at = (p: number) =>
      sorted[Math.min(this.n - 1, Math.max(0, Math.ceil(p * this.n) - 1))] ?? Number.NaN
    return { p50: at(0.5), p99: at(0.99), max: at(1) }
  }
}

type Run = {
  rps: number
  p50: number
  p99: number
  max: number
  ok: number
  non2xx: number
  errors: number
  timeouts: number
  codes: string
  fromUs: number
  toUs: number
  /** CPU the server process used during the run (all threads, and its main thread), and this process
   * (autocannon), in ms. */
  serverCpuMs: number
  serverMainCpuMs: number
  loadCpuMs: number
  /** The slowest first answer on one of the run's new connections, ms. */
  firstMax: number
}

type Feed = { next(): { i: number; posted: Posted }; status?(i: number, status: number): void }

async function load(port: number, seconds: number, feed: Feed, serverPid?: number): Promise<Run> {
  const latencies = new Latencies()
  const cpu0 = cpuMsOf(serverPid)
  const main0 = cpuMsOf(serverPid, true)
  const own0 = ownCpuMs()
  const fromUs = monotonicUs()
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: WEBHOOK,
        // One connection has one request in flight; its context is fresh for every request.
        setupRequest: (req, context) => {
          const { i, posted } = feed.next()
          context.i = i
          return { ...req, method: 'POST', path: WEBHOOK, headers: { ...posted.headers }, body: posted.body }
        },
        onResponse: (status, _body, context) => feed.status?.(context.i as number, status),
      },
    ],
  })
  // autocannon opens all its connections at once; a busy Node server accepts one per event-loop turn
  // (libuv ≥ 1.45, libuv/libuv#3696), so the first answer on a late connection shows that ramp.
  const seen = new Set<unknown>()
  let firstMax = 0
  instance.on('response', (client, _status, _bytes, took) => {
    latencies.add(took)
    if (seen.has(client)) return
    seen.add(client)
    firstMax = Math.max(firstMax, took)
  })
  const r = await instance
  const toUs = monotonicUs()
  const serverCpuMs = cpuMsOf(serverPid) - cpu0
  const serverMainCpuMs = cpuMsOf(serverPid, true) - main0
  const loadCpuMs = ownCpuMs() - own0
  const codes = Object.entries(r.statusCodeStats)
    .map(([code, s]) => `${code}×${s.count}`)
    .join(' ')
  return {
    rps: r.requests.average,
    ...latencies.percentiles(),
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    codes,
    fromUs,
    toUs,
    serverCpuMs,
    serverMainCpuMs,
    loadCpuMs,
    firstMax,
  }
}

/**
 * One event on its own before the load: ours learns the bot's open_id from the (fake) Open API on its first
 * event and, until that answer is in, cannot tell an @mention of itself from another (the event is chatter).
 */
async function prime(port: number, feed: Feed): Promise<void> {
  const { i, posted } = feed.next()
  const res = await fetch(`http://127.0.0.1:${port}${WEBHOOK}`, {
    method: 'POST',
    headers: posted.headers,
    body: posted.body.toString(),
  })
  await res.text()
  feed.status?.(i, res.status)
}

// ------------------------------------------------------------------------------------------- the processes

const children = new Set<ChildProcess>()
const killGroup = (p: ChildProcess, signal: NodeJS.Signals) => {
  try {
    if (p.pid) process.kill(-p.pid, signal)
  } catch {
    // already gone
  }
}
process.on('exit', () => {
  for (const c of children) killGroup(c, 'SIGKILL')
})
process.on('SIGINT', () => process.exit(130))
process.on('SIGTERM', () => process.exit(143))

type Child = { name: string; proc: ChildProcess; log: string }

/** `node --import tsx <file>` in its own process group (STACK.md "Processes"), output to a log file. */
function startChild(
  name: string,
  file: string,
  env: NodeJS.ProcessEnv,
  opts: { ipc?: boolean; nodeArgs?: string[] } = {},
): Child {
  const log = path.join(dir, `${name}.log`)
  const fd = fs.openSync(log, 'w')
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', file], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: opts.ipc ? ['ignore', fd, fd, 'ipc'] : ['ignore', fd, fd],
  })
  fs.closeSync(fd)
  children.add(proc)
  proc.once('exit', () => children.delete(proc))
  return { name, proc, log }
}

const exited = (p: ChildProcess) => p.exitCode !== null || p.signalCode !== null
const logTail = (c: Child) => fs.readFileSync(c.log, 'utf8').split('\n').slice(-15).join('\n')

async function stopChild(c: Child): Promise<void> {
  if (exited(c.proc)) return
  const gone = once(c.proc, 'exit')
  killGroup(c.proc, 'SIGTERM')
  const timer = setTimeout(() => killGroup(c.proc, 'SIGKILL'), 8_000)
  await gone
  clearTimeout(timer)
}

async function freePort(): Promise<number> {
  const s = net.createServer()
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const { port } = s.address() as net.AddressInfo
  await new Promise((resolve) => s.close(resolve))
  return port
}

async function waitForPort(c: Child, port: number): Promise<void> {
  const deadline = Date.now() + 60_000
  for (;;) {
    if (exited(c.proc)) throw new Error(`${c.name} exited before listening:\n${logTail(c)}`)
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1')
      s.once('connect', () => {
        s.destroy()
        resolve(true)
      })
      s.once('error', () => resolve(false))
    })
    if (open) return
    if (Date.now() > deadline) throw new Error(`${c.name} did not listen on ${port}:\n${logTail(c)}`)
    await sleep(100)
  }
}

/** The environment without any of the bot's own variables, so nothing of the caller's leaks in. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env))
    if (
      !/^(FEISHU_|TELEGRAM_|DATABASE_PATH|PORT|HOST|SEED_DEMO|DEV_CHAT|OUTBOX_|PRODUCTION_|BOT_)/.test(k) &&
      k !== 'NODE_OPTIONS'
    )
      env[k] = v
  return { ...env, ...extra }
}

function fakeStats(fake: ChildProcess): Promise<FakeStats> {
  return new Promise((resolve) => {
    const on = (m: { type?: string; stats?: FakeStats }) => {
      if (m.type !== 'stats' || !m.stats) return
      fake.off('message', on)
      resolve(m.stats)
    }
    fake.on('message', on)
    fake.send({ type: 'stats' })
  })
}

// -------------------------------------------------------------------------------------- ours: the database

/** The demo organisation plus Feishu identities and one bound group per branch, written before ours starts. */
async function prepareBenchDatabase(file: string): Promise<void> {
  const store = openNodeStore(file)
  const now = Date.now()
  await prepareDatabase(store, { seedDemo: true, now })
  for (const [b, code] of BRANCHES.entries()) {
    const [unit] = await store.db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, code))
    if (!unit) throw new Error(`demo unit ${code} is missing`)
    await store.db
      .insert(chats)
      .values({ platform: 'feishu', chatId: chatIdOf(b), unitId: unit.id, title: code, boundAt: now })
    for (let k = 0; k < 8; k++) {
      const no = String(1001 + b * 10 + k)
      const [m] = await store.db.select({ id: members.id }).from(members).where(eq(members.employeeNo, no))
      if (!m) throw new Error(`demo member ${no} is missing`)
      await store.db
        .insert(identities)
        .values({ platform: 'feishu', platformUserId: `ou_${no}`, memberId: m.id, boundAt: now })
    }
  }
  // Forty people send thousands of commands a second here, far past the per-person limit a real member meets;
  // a settings version lifts it, as an operator could, so every event is a command that runs.
  const doc = { ...DEFAULT_SETTINGS_DOC, commandRate: { commands: 1000, seconds: 1 } }
  await store.db
    .insert(settings)
    .values({ version: 2, doc: JSON.stringify(doc), createdAt: now, createdBy: 'bench' })
  store.close()
}

/** Read-only view of ours' SQLite file (WAL: readers never block the server's writer). */
class OursDb {
  private readonly db: Database.Database
  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true })
  }
  private scalar(sql: string): number {
    return Number(this.db.prepare(sql).pluck().get())
  }
  inboxRows = () => this.scalar('SELECT count(*) FROM inbox')
  unprocessed = () => this.scalar('SELECT count(*) FROM inbox WHERE processed_at IS NULL')
  pendingSends = () => this.scalar("SELECT count(*) FROM outbox WHERE status = 'pending'")
  eventIds = () => this.db.prepare('SELECT event_id FROM inbox').pluck().all() as string[]
  groups(sql: string): string {
    const rows = this.db.prepare(sql).raw().all() as [string | null, number][]
    return rows.map(([k, n]) => `${k ?? 'null'} ${n}`).join(', ')
  }
  /** Inbox rows without a reply in their chat, and outcomes whose events got different numbers of replies
   * (a command answers with a fixed number of messages, so an event answered twice stands out). */
  replies() {
    return {
      none: this.scalar(
        "SELECT count(*) FROM inbox i WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.source = 'inbox:' || i.id AND o.target_kind = 'chat')",
      ),
      uneven: this.scalar(
        "SELECT count(*) FROM (SELECT i.outcome FROM inbox i JOIN (SELECT source, count(*) AS n FROM outbox WHERE target_kind = 'chat' GROUP BY source) o ON o.source = 'inbox:' || i.id GROUP BY i.outcome HAVING count(DISTINCT o.n) > 1)",
      ),
      perOutcome: this.groups(
        "SELECT i.outcome, max(o.n) FROM inbox i JOIN (SELECT source, count(*) AS n FROM outbox WHERE target_kind = 'chat' GROUP BY source) o ON o.source = 'inbox:' || i.id GROUP BY i.outcome",
      ),
      rows: this.scalar("SELECT count(*) FROM outbox WHERE source LIKE 'inbox:%'"),
      sent: this.scalar("SELECT count(*) FROM outbox WHERE status = 'sent'"),
    }
  }
  close = () => {
    if (this.db.open) this.db.close()
  }
}

/** Polls until `read` gives 0; how long that took and what it read first. */
async function drained(read: () => number): Promise<{ first: number; seconds: number; timedOut: boolean }> {
  const start = performance.now()
  const first = read()
  for (let n = first; n > 0; n = read()) {
    if (performance.now() - start > DRAIN_TIMEOUT_MS)
      return { first, seconds: (performance.now() - start) / 1000, timedOut: true }
    await sleep(20)
  }
  return { first, seconds: (performance.now() - start) / 1000, timedOut: false }
}

// ------------------------------------------------------------------------------------------------ the bench

type ServerKey = 'hono' | 'sdk' | 'ours'
type Server = {
  key: ServerKey
  label: string
  child: Child
  port: number
  runs: Run[]
  /** 2xx answers over every load including the warm-up, and how many loads (each may cut off one request
   * per connection at its end). */
  answered: number
  loads: number
}
type Drain = {
  accepted: number
  backlog: number
  seconds: number
  timedOut: boolean
  duringLoadPerSec: number
  runSeconds: number
  /** Ours' CPU over the run and the drain after it, and the fake Feishu's over both; ms. */
  cpuMs: number
  fakeCpuMs: number
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}
const int = (n: number) => Math.round(n).toLocaleString('en-US')
const ms = (n: number) => n.toFixed(2)

async function main() {
  const cpus = os.cpus()
  const loadBefore = os.loadavg()
  progress(`temp dir ${dir}`)
  const genStart = performance.now()
  const pool = new EventPool(EVENTS)
  progress(
    `${int(EVENTS)} signed + encrypted events in ${((performance.now() - genStart) / 1000).toFixed(1)} s ` +
      `(${((1000 * (performance.now() - genStart)) / EVENTS).toFixed(1)} µs each)`,
  )

  const servers: Server[] = []
  let fake: Child | undefined
  let oursDb: OursDb | undefined
  const dbFile = path.join(dir, 'ours.db')
  const profileDir = path.join(dir, 'cpu-profile')
  try {
    if (ONLY.has('hono')) {
      const port = await freePort()
      const child = startChild('bare-hono', 'bench/feishu-bare-hono.ts', cleanEnv({ PORT: String(port) }))
      servers.push({
        key: 'hono',
        label: 'A bare Hono POST + JSON.parse',
        child,
        port,
        runs: [],
        answered: 0,
        loads: 0,
      })
    }
    if (ONLY.has('sdk')) {
      const port = await freePort()
      const child = startChild(
        'sdk-adapter',
        'bench/feishu-sdk-adapter.ts',
        cleanEnv({
          PORT: String(port),
          FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
          FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
        }),
      )
      servers.push({
        key: 'sdk',
        label: 'B SDK adaptDefault (decrypt+sig)',
        child,
        port,
        runs: [],
        answered: 0,
        loads: 0,
      })
    }
    if (ONLY.has('ours')) {
      fake = startChild('fake-feishu', 'bench/feishu-fake-server.ts', cleanEnv({}), { ipc: true })
      const fakeChild = fake
      const [ready] = (await Promise.race([
        once(fakeChild.proc, 'message'),
        once(fakeChild.proc, 'exit').then(() => {
          throw new Error(`the fake Feishu exited:\n${logTail(fakeChild)}`)
        }),
      ])) as [{ url: string; appId: string; appSecret: string }]
      await prepareBenchDatabase(dbFile)
      const port = await freePort()
      const child = startChild(
        'ours',
        'src/node.ts',
        cleanEnv({
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_PATH: dbFile,
          FEISHU_APP_ID: ready.appId,
          FEISHU_APP_SECRET: ready.appSecret,
          FEISHU_DOMAIN: ready.url,
          FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
          FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
          DEV_CHAT: '0',
          SEED_DEMO: '1',
          OUTBOX_RATE_SCALE: '1000',
        }),
        { nodeArgs: flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] },
      )
      servers.push({
        key: 'ours',
        label: 'ours: node.ts, durable inbox',
        child,
        port,
        runs: [],
        answered: 0,
        loads: 0,
      })
    }
    for (const s of servers) await waitForPort(s.child, s.port)
    if (servers.some((s) => s.key === 'ours')) oursDb = new OursDb(dbFile)

    // Ours: a cursor that never goes back, and the answer to every event it was sent (0: none read).
    let next = 0
    const statuses: number[] = []
    const oursFeed: Feed = {
      next: () => {
        const i = next++
        statuses[i] = 0
        return { i, posted: pool.get(i) }
      },
      status: (i, status) => {
        statuses[i] = status
      },
    }
    const baselineFeed = (): Feed => {
      let k = 0
      return {
        next: () => {
          const i = k++ % pool.items.length
          return { i, posted: pool.items[i] as Posted }
        },
      }
    }
    const drains: Drain[] = []
    const windows: Window[] = []
    let oursRate = 0

    for (let round = 1; round <= ROUNDS; round++) {
      for (const s of servers) {
        const feed = s.key === 'ours' ? oursFeed : baselineFeed()
        // Ours never sees an event twice: enough fresh ones for its rate so far, made before the clock runs.
        const topUp = (seconds: number) => {
          if (s.key !== 'ours') return
          const need = next + Math.ceil(1.5 * Math.max(oursRate, 4_000) * seconds) + CONNECTIONS
          if (need > pool.items.length) progress(`making ${int(need - pool.items.length)} more events`)
          pool.ensure(need)
        }
        if (round === 1) {
          if (s.key === 'ours') await prime(s.port, feed)
          progress(`${s.label}: warm-up ${WARMUP} s`)
          topUp(WARMUP)
          const warm = await load(s.port, WARMUP, feed)
          s.answered += warm.ok
          s.loads++
          if (s.key === 'ours') oursRate = Math.max(oursRate, warm.rps)
          if (s.key === 'ours' && oursDb) await drained(oursDb.unprocessed)
        }
        progress(`${s.label}: round ${round}, ${DURATION} s × ${CONNECTIONS} connections`)
        topUp(DURATION)
        const before = oursDb && s.key === 'ours' ? oursDb.inboxRows() : 0
        const fakeCpu0 = cpuMsOf(fake?.proc.pid)
        const run = await load(s.port, DURATION, feed, s.child.proc.pid)
        s.runs.push(run)
        s.answered += run.ok
        s.loads++
        if (s.key === 'ours') oursRate = Math.max(oursRate, run.rps)
        if (s.key === 'ours' && oursDb) {
          const after = oursDb.inboxRows()
          const cpu0 = cpuMsOf(s.child.proc.pid)
          const d = await drained(oursDb.unprocessed)
          const runSeconds = (run.toUs - run.fromUs) / 1e6
          drains.push({
            accepted: after - before,
            backlog: d.first,
            seconds: d.seconds,
            timedOut: d.timedOut,
            duringLoadPerSec: (after - before - d.first) / runSeconds,
            runSeconds,
            cpuMs: run.serverCpuMs + cpuMsOf(s.child.proc.pid) - cpu0,
            fakeCpuMs: cpuMsOf(fake?.proc.pid) - fakeCpu0,
          })
          windows.push({ name: `round ${round}, under load`, fromUs: run.fromUs, toUs: run.toUs })
          windows.push({
            name: `round ${round}, draining the backlog after the load`,
            fromUs: run.toUs,
            toUs: run.toUs + d.seconds * 1e6,
          })
          progress(`ours: backlog of ${int(d.first)} drained in ${d.seconds.toFixed(1)} s`)
        }
      }
    }

    // ---------------------------------------------------------------------------------------- the report
    const load1 = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ')
    console.log(
      `\nronghe-bot Feishu webhook bench — node ${process.version}, ${os.platform()} ${os.arch()}, ` +
        `${cpus.length} × ${cpus[0]?.model ?? 'cpu'} shared by the server, the fake Feishu and autocannon; ` +
        `load average ${load1(loadBefore)} before, ${load1(os.loadavg())} after`,
    )
    console.log(
      `autocannon 8.0.0 on 127.0.0.1: ${CONNECTIONS} connections, ${DURATION} s per run after a ${WARMUP} s ` +
        `warm-up, ${ROUNDS} round(s)${ROUNDS > 1 ? ' (medians)' : ''}; each server in its own process; ` +
        `every event to ours distinct (${int(next)} sent, ${int(pool.madeDuringLoad)} made during the load)`,
    )
    console.log(
      `${'server'.padEnd(34)}${'req/s'.padStart(8)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(9)}` +
        `${'max ms'.padStart(9)}${'2xx'.padStart(9)}${'non-2xx'.padStart(8)}${'errors'.padStart(7)}` +
        `${'CPU µs/req'.padStart(11)}${'main'.padStart(6)}${'srv CPU'.padStart(8)}${'ac CPU'.padStart(7)}`,
    )
    const med = new Map<
      ServerKey,
      { rps: number; p50: number; p99: number; cpuUs: number; mainCpuUs: number }
    >()
    for (const s of servers) {
      const m = {
        rps: median(s.runs.map((r) => r.rps)),
        p50: median(s.runs.map((r) => r.p50)),
        p99: median(s.runs.map((r) => r.p99)),
        cpuUs: median(s.runs.map((r) => (1000 * r.serverCpuMs) / Math.max(1, r.ok + r.non2xx))),
        mainCpuUs: median(s.runs.map((r) => (1000 * r.serverMainCpuMs) / Math.max(1, r.ok + r.non2xx))),
      }
      med.set(s.key, m)
      const sum = (f: (r: Run) => number) => s.runs.reduce((a, r) => a + f(r), 0)
      const busy = (f: (r: Run) => number) =>
        `${Math.round(median(s.runs.map((r) => (100 * f(r) * 1000) / (r.toUs - r.fromUs))))}%`
      console.log(
        `${s.label.padEnd(34)}${int(m.rps).padStart(8)}${ms(m.p50).padStart(8)}${ms(m.p99).padStart(9)}` +
          `${ms(Math.max(...s.runs.map((r) => r.max))).padStart(9)}${int(sum((r) => r.ok)).padStart(9)}` +
          `${int(sum((r) => r.non2xx)).padStart(8)}${int(sum((r) => r.errors + r.timeouts)).padStart(7)}` +
          `${int(m.cpuUs).padStart(11)}${int(m.mainCpuUs).padStart(6)}${busy((r) => r.serverCpuMs).padStart(8)}` +
          `${busy((r) => r.loadCpuMs).padStart(7)}` +
          (ROUNDS > 1 ? `   req/s per round ${s.runs.map((r) => int(r.rps)).join(' / ')}` : '') +
          (s.runs.some((r) => r.non2xx) ? `   codes ${s.runs.map((r) => r.codes).join(' | ')}` : ''),
      )
    }
    console.log(
      "(CPU µs/req: the server process's user+system CPU during the run per answer, all threads and (main) its " +
        "main thread; srv / ac CPU: the server's " +
        "and autocannon's CPU as a share of one core over the run)",
    )
    console.log(
      `slowest first answer on a new connection (each run opens ${CONNECTIONS} at once; a busy Node server ` +
        `accepts one per event-loop turn): ${servers.map((s) => `${s.key} ${int(median(s.runs.map((r) => r.firstMax)))} ms`).join(', ')}`,
    )
    const ours = med.get('ours')
    const hono = med.get('hono')
    const sdk = med.get('sdk')
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS')
    if (ours) {
      const parts: string[] = []
      if (hono) parts.push(`ours / bare Hono ${(ours.rps / hono.rps).toFixed(2)}×`)
      if (sdk)
        parts.push(
          `ours / SDK adapter ${(ours.rps / sdk.rps).toFixed(2)}× (target ≥ 1.2×: ${verdict(ours.rps >= 1.2 * sdk.rps)})`,
        )
      if (sdk && hono) parts.push(`SDK / bare Hono ${(sdk.rps / hono.rps).toFixed(2)}×`)
      parts.push(`ours p99 ${ms(ours.p99)} ms (target < 25 ms: ${verdict(ours.p99 < 25)})`)
      console.log(`ratios: ${parts.join('   ')}`)
      if (sdk) console.log(`CPU per request: ours / SDK adapter ${(ours.cpuUs / sdk.cpuUs).toFixed(2)}×`)
    }
    const sdkServer = servers.find((s) => s.key === 'sdk')
    if (sdkServer) {
      const res = await fetch(`http://127.0.0.1:${sdkServer.port}/handled`)
      const handled = Number(await res.text())
      const slack = sdkServer.loads * CONNECTIONS
      const ok = handled >= sdkServer.answered && handled <= sdkServer.answered + slack
      console.log(
        `SDK adapter, events decrypted, signature-checked and handed to the handler: ${int(handled)} for ` +
          `${int(sdkServer.answered)} 2xx answers (+ ≤ ${slack} cut off at the ends of runs): ${verdict(ok)}`,
      )
    }

    if (oursDb && fake) {
      const d = {
        accepted: median(drains.map((x) => x.accepted)),
        backlog: median(drains.map((x) => x.backlog)),
        seconds: median(drains.map((x) => x.seconds)),
        during: median(drains.map((x) => x.duringLoadPerSec)),
        overall: median(drains.map((x) => x.accepted / (x.runSeconds + x.seconds))),
        cpuUs: median(drains.map((x) => (1000 * x.cpuMs) / Math.max(1, x.accepted))),
        fakeUs: median(drains.map((x) => (1000 * x.fakeCpuMs) / Math.max(1, x.accepted))),
      }
      console.log(
        `ours, background (route + write + enqueue): ${int(d.accepted)} accepted per run; processed ` +
          `${int(d.during)} events/s during the load; backlog of ${int(d.backlog)} at the end drained in ` +
          `${d.seconds.toFixed(1)} s (${int(d.backlog / Math.max(d.seconds, 1e-3))} events/s); ` +
          `accepted → processed overall ${int(d.overall)} events/s; CPU per event, answer + background: ` +
          `${int(d.cpuUs)} µs (the fake Feishu ${int(d.fakeUs)} µs more)` +
          (drains.some((x) => x.timedOut) ? `  — TIMED OUT after ${DRAIN_TIMEOUT_MS / 1000} s` : ''),
      )
      // Every event: its answer (statuses) against the inbox. An event whose answer was not read before
      // autocannon closed the sockets at the end of a run (≤ 1 per connection) may or may not be in.
      const inInbox = new Uint8Array(next)
      let foreign = 0
      for (const id of oursDb.eventIds()) {
        const i = id.startsWith(EVENT_PREFIX) ? Number(id.slice(EVENT_PREFIX.length)) : -1
        if (i >= 0 && i < next) inInbox[i] = 1
        else foreign++
      }
      let ok = 0
      let lost = 0
      let cutOff = 0
      let cutOffIn = 0
      let refusedButIn = 0
      for (let i = 0; i < next; i++) {
        const st = statuses[i] ?? 0
        if (st >= 200 && st < 300) {
          ok++
          if (!inInbox[i]) lost++
        } else if (st === 0) {
          cutOff++
          if (inInbox[i]) cutOffIn++
        } else if (inInbox[i]) refusedButIn++
      }
      const rows = oursDb.inboxRows()
      const sends = await drained(oursDb.pendingSends)
      const replies = oursDb.replies()
      const stats = await fakeStats(fake.proc)
      const noLoss = lost === 0 && refusedButIn === 0 && foreign === 0 && rows === ok + cutOffIn
      const oneReply = replies.none === 0 && replies.uneven === 0
      console.log(
        `ours, no event lost: ${verdict(noLoss)} — inbox rows ${int(rows)} = 2xx answers ${int(ok)} + ` +
          `${cutOffIn} of the ${cutOff} requests in flight when autocannon stopped; 2xx missing from the ` +
          `inbox ${lost}; refused but stored ${refusedButIn}; unknown rows ${foreign}`,
      )
      console.log(
        `ours, every event answered once: ${verdict(oneReply)} — outbox rows from the inbox ${int(replies.rows)}, ` +
          `events without a reply ${replies.none}, outcomes answered unevenly ${replies.uneven} ` +
          `(messages per event: ${replies.perOutcome}); outcomes: ` +
          oursDb.groups('SELECT outcome, count(*) FROM inbox GROUP BY outcome ORDER BY 2 DESC'),
      )
      console.log(
        `ours, sending to the fake Feishu: outbox ${oursDb.groups('SELECT status, count(*) FROM outbox GROUP BY status')}` +
          `; last sends done ${sends.seconds.toFixed(1)} s after the final drain` +
          `${sends.timedOut ? ' (TIMED OUT)' : ''}; the fake holds ${int(stats.messages)} messages ` +
          `(${int(stats.uuids)} distinct uuids) from ${int(stats.messageCalls)} message calls: ` +
          verdict(stats.messages === replies.sent && stats.uuids === stats.messages),
      )
    }

    oursDb?.close()
    // Stopped before the profile is read: node writes it on exit.
    for (const s of servers) await stopChild(s.child)
    if (fake) await stopChild(fake)
    if (flags.profile) {
      if (fs.existsSync(profileDir))
        fs.writeFileSync(path.join(profileDir, 'windows.json'), JSON.stringify(windows))
      // One profile per thread: the largest is the main thread's (tsx's loader thread idles).
      const files = fs.existsSync(profileDir)
        ? fs
            .readdirSync(profileDir)
            .filter((x) => x.endsWith('.cpuprofile'))
            .map((x) => path.join(profileDir, x))
        : []
      const mainThread = files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0]
      if (mainThread) {
        console.log(`\nCPU profile of ours: ${mainThread} (windows in ${profileDir}/windows.json)`)
        summarizeProfile(mainThread, windows)
      }
    }
  } catch (err) {
    for (const s of servers) console.error(`--- ${s.child.name} log:\n${logTail(s.child)}`)
    throw err
  } finally {
    oursDb?.close()
    for (const s of servers) await stopChild(s.child)
    if (fake) await stopChild(fake)
    if (!flags.keep && !flags.profile) fs.rmSync(dir, { recursive: true, force: true })
    else console.log(`\nkept ${dir}`)
  }
}

await main()
