import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { build } from 'esbuild'
import { openNodeStore } from '../../src/db/node-store'
import { chats, identities, members, orgUnits, settings } from '../../src/db/schema'
import { prepareDatabase } from '../../src/db/seed'
import { DEFAULT_SETTINGS_DOC } from '../../src/domain/settings'
import { type FakeFeishu, startFakeFeishu } from './fake-feishu'
import { ENCRYPT_KEY, signedEvent, textMessage, VERIFICATION_TOKEN } from './feishu-events'

/** ZC01's members, bound on Feishu as ou_<employee no.>; the group oc_zc01 is bound to ZC01. */
export const PEOPLE = ['1002', '1003', '1004', '1005', '1006', '1007', '1008']

/** The test's own environment minus anything that would configure the bot differently. */
const inherited = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !/^(FEISHU|TELEGRAM|WECOM|DINGTALK|DATABASE|PORT|HOST|DEV_CHAT|SEED)/.test(k),
  ),
)

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

/** Resolves once the process is gone; a signal leaves exitCode null, so signalCode is checked too. */
export const exited = (proc: ChildProcess) =>
  new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null)
      resolve({ code: proc.exitCode, signal: proc.signalCode })
    else proc.once('exit', (code, signal) => resolve({ code, signal }))
  })

/** A group text event from a ZC01 member, with ids that name it. */
export const groupEvent = (i: number, text: string) =>
  textMessage({
    text,
    chatId: 'oc_zc01',
    chatType: 'group',
    openId: `ou_${PEOPLE[i % PEOPLE.length]}`,
    eventId: `ev_proc_${i}`,
    messageId: `om_proc_${i}`,
  })

/**
 * The real server as a child process over a SQLite file, talking to a fake Feishu: for the tests that kill
 * or stop it. The server is bundled once with esbuild, so each start takes a fraction of a second instead of
 * compiling every module again; the bundle sits inside the project so its packages resolve.
 */
export async function serverHarness() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ronghe-proc-'))
  const file = path.join(dir, 'bot.db')
  const bundleDir = path.resolve(`node_modules/.cache/ronghe-server-${process.pid}`)
  const fake: FakeFeishu = await startFakeFeishu()

  const seed = async () => {
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
    // Seven people send hundreds of commands within seconds here, far past the per-person limit a real
    // member meets: a settings version lifts it, as an operator could.
    const doc = { ...DEFAULT_SETTINGS_DOC, commandRate: { commands: 1000, seconds: 1 } }
    await db
      .insert(settings)
      .values({ version: 2, doc: JSON.stringify(doc), createdAt: Date.now(), createdBy: 'test' })
    store.close()
  }
  const bundle = async () => {
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
  await Promise.all([seed(), bundle()])

  /** Starts the server and waits until it answers; stdout and stderr are kept for the test to read. */
  const start = async (port: number, env: Record<string, string> = {}) => {
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
        // Every answer goes to one group, which Feishu allows 5 messages a second: lifted so tests are short.
        OUTBOX_RATE_SCALE: '100',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const output = { text: '' }
    const keep = (d: Buffer) => {
      output.text = (output.text + d.toString()).slice(-500_000)
    }
    proc.stdout?.on('data', keep)
    proc.stderr?.on('data', keep)
    for (let i = 0; i < 600; i++) {
      const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
      if (up) return { proc, output }
      if (proc.exitCode !== null)
        throw new Error(`the server exited with ${proc.exitCode} before it was up: ${output.text}`)
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`the server did not come up in 30 s: ${output.text}`)
  }

  /** Posts one event as Feishu does; the HTTP status, or 0 when the connection failed. */
  const deliver = async (port: number, event: object): Promise<number> => {
    const { body, headers } = signedEvent(event, { timestampSec: Math.floor(Date.now() / 1000) })
    try {
      return (await fetch(`http://127.0.0.1:${port}/webhooks/feishu`, { method: 'POST', headers, body }))
        .status
    } catch {
      return 0
    }
  }

  /** How many answers the fake received per event message id, for the events of this harness. */
  const answersPerEvent = () => {
    const per = new Map<string, number>()
    for (const m of fake.messages)
      if (m.replyTo?.startsWith('om_proc_')) per.set(m.replyTo, (per.get(m.replyTo) ?? 0) + 1)
    return per
  }

  const close = async () => {
    await fake.close()
    fs.rmSync(dir, { recursive: true, force: true })
    fs.rmSync(bundleDir, { recursive: true, force: true })
  }
  return { file, fake, start, deliver, answersPerEvent, close }
}
