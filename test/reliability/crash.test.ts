import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { eq } from 'drizzle-orm'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openNodeStore } from '../../src/db/node-store'
import { chats, identities, members, orgUnits } from '../../src/db/schema'
import { prepareDatabase } from '../../src/db/seed'
import { type FakeFeishu, startFakeFeishu } from '../support/fake-feishu'
import { ENCRYPT_KEY, signedEvent, textMessage, VERIFICATION_TOKEN } from '../support/feishu-events'

/**
 * DESIGN §5 under SIGKILL: the real server runs as a child process, takes a stream of signed Feishu events
 * and is killed at random moments, then started again. Feishu re-delivers whatever it saw no answer for (and
 * sometimes what it did), so the test does too. At the end every acknowledged event has exactly one answer
 * at the fake API and one processed inbox row.
 */
const EVENTS = 300
const KILLS = 20
const PEOPLE = ['1002', '1003', '1004', '1005', '1006', '1007', '1008']

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ronghe-crash-'))
const file = path.join(dir, 'bot.db')
let fake: FakeFeishu
let child: ChildProcess | undefined

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

async function seed() {
  const store = openNodeStore(file)
  await prepareDatabase(store, { seedDemo: true, now: Date.now() })
  const db = store.db
  const zc01 = (await db.select().from(orgUnits).where(eq(orgUnits.code, 'ZC01')))[0]
  for (const no of PEOPLE) {
    const m = (await db.select().from(members).where(eq(members.employeeNo, no)))[0]
    await db
      .insert(identities)
      .values({ platform: 'feishu', platformUserId: `ou_${no}`, memberId: m?.id ?? 0, boundAt: Date.now() })
  }
  await db
    .insert(chats)
    .values({ platform: 'feishu', chatId: 'oc_zc01', unitId: zc01?.id ?? 0, boundAt: Date.now() })
  store.close()
}

/** The test's own environment minus anything that would configure the bot differently. */
const inherited = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !/^(FEISHU|TELEGRAM|WECOM|DINGTALK|DATABASE|PORT|HOST|DEV_CHAT|SEED)/.test(k),
  ),
)

/**
 * The server bundled once with esbuild: starting it then takes a fraction of a second instead of compiling
 * every module again for each of the twenty starts. It sits inside the project so its packages resolve.
 */
const bundleDir = path.resolve('node_modules/.cache/ronghe-crash')
async function bundleServer() {
  fs.rmSync(bundleDir, { recursive: true, force: true })
  await build({
    entryPoints: ['src/node.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: path.join(bundleDir, 'node.mjs'),
    logLevel: 'error',
  })
  fs.cpSync('src/db/migrations', path.join(bundleDir, 'migrations'), { recursive: true })
}

async function startServer(port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [path.join(bundleDir, 'node.mjs')], {
    env: {
      ...inherited,
      DATABASE_PATH: file,
      PORT: String(port),
      HOST: '127.0.0.1',
      FEISHU_APP_ID: fake.appId,
      FEISHU_APP_SECRET: fake.appSecret,
      FEISHU_DOMAIN: fake.url,
      FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
      FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      SEED_DEMO: '0',
      // Every answer goes to one group, which Feishu allows 5 messages a second: lifted so the test is short.
      OUTBOX_RATE_SCALE: '100',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let errors = ''
  proc.stderr?.on('data', (d: Buffer) => {
    errors = (errors + d.toString()).slice(-2000)
  })
  for (let i = 0; i < 600; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (up) return proc
    if (proc.exitCode !== null)
      throw new Error(`the server exited with ${proc.exitCode} before it was up: ${errors}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`the server did not come up in 30 s: ${errors}`)
}

/** Resolves once the process is gone; a signal leaves exitCode null, so signalCode is checked too. */
const exited = (proc: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve()
    else proc.once('exit', () => resolve())
  })

const events = Array.from({ length: EVENTS }, (_, i) =>
  textMessage({
    text: i % 3 === 0 ? '积分' : i % 3 === 1 ? '帮助 签到' : '积分规则',
    chatId: 'oc_zc01',
    chatType: 'group',
    openId: `ou_${PEOPLE[i % PEOPLE.length]}`,
    eventId: `ev_crash_${i}`,
    messageId: `om_crash_${i}`,
  }),
)

/** Posts one event as Feishu does; true when the server answered 200 (Feishu would stop re-delivering it). */
async function deliver(port: number, i: number): Promise<boolean> {
  const { body, headers } = signedEvent(events[i] as object, { timestampSec: Math.floor(Date.now() / 1000) })
  try {
    const res = await fetch(`http://127.0.0.1:${port}/webhooks/feishu`, { method: 'POST', headers, body })
    return res.status === 200
  } catch {
    return false
  }
}

beforeAll(async () => {
  fake = await startFakeFeishu()
  await Promise.all([seed(), bundleServer()])
})
afterAll(async () => {
  child?.kill('SIGKILL')
  await fake.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('crash safety (SIGKILL at random moments)', () => {
  it(`${EVENTS} events across ${KILLS} kills: each acknowledged event answered exactly once, nothing lost`, async () => {
    const acked = new Set<number>()
    let random = 20261126
    const next = (n: number) => {
      random = (random * 1103515245 + 12345) % 2 ** 31
      return random % n
    }
    for (let kill = 0; kill < KILLS; kill++) {
      const port = await freePort()
      child = await startServer(port)
      const running = child
      // Kill somewhere in the middle of the burst, once the server is answering: during accept,
      // processing or sending.
      let killer: Promise<void> | undefined
      const killSoon = () => {
        killer ??= new Promise<void>((resolve) =>
          setTimeout(() => {
            running.kill('SIGKILL')
            resolve()
          }, next(150)),
        )
      }
      const pending = [...Array(EVENTS).keys()].filter((i) => !acked.has(i))
      // Feishu re-delivers some answered events too (a lost answer looks the same to it).
      const again = [...acked].filter(() => next(10) === 0)
      const batch = [...pending.slice(0, 40), ...again]
      await Promise.all(
        batch.map(async (i, k) => {
          await new Promise((r) => setTimeout(r, k * 3))
          if (await deliver(port, i)) {
            acked.add(i)
            killSoon()
          }
        }),
      )
      killSoon()
      await killer
      await exited(running)
    }
    // The last start: whatever is still unanswered is re-delivered, and the bot catches up on its own.
    const port = await freePort()
    child = await startServer(port)
    for (let round = 0; acked.size < EVENTS && round < 20; round++)
      await Promise.all(
        [...Array(EVENTS).keys()]
          .filter((i) => !acked.has(i))
          .map(async (i) => (await deliver(port, i)) && acked.add(i)),
      )
    expect(acked.size).toBe(EVENTS)
    const answered = () =>
      new Set(fake.messages.map((m) => m.replyTo).filter((r) => r?.startsWith('om_crash_')))
    for (let i = 0; i < 300 && answered().size < EVENTS; i++) await new Promise((r) => setTimeout(r, 100))
    child.kill('SIGTERM')
    await exited(child)

    const perEvent = new Map<string, number>()
    for (const m of fake.messages)
      if (m.replyTo?.startsWith('om_crash_')) perEvent.set(m.replyTo, (perEvent.get(m.replyTo) ?? 0) + 1)
    expect(perEvent.size).toBe(EVENTS)
    expect([...perEvent.values()].filter((n) => n !== 1)).toEqual([])

    const db = new Database(file, { readonly: true })
    const inbox = db
      .prepare("select count(*) as n, count(processed_at) as done from inbox where platform = 'feishu'")
      .get() as { n: number; done: number }
    const unsent = db.prepare("select count(*) as n from outbox where status != 'sent'").get() as {
      n: number
    }
    db.close()
    expect(inbox).toEqual({ n: EVENTS, done: EVENTS })
    expect(unsent.n).toBe(0)
  }, 300_000)
})
