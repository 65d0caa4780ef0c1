/**
 * The sending side of bench/fanout.ts, in its own process so the benchmark can SIGKILL it mid-way: drains the
 * outbox of DATABASE_PATH to the fake Feishu at FEISHU_DOMAIN through the real dispatcher and Feishu outbound.
 */
import { count, eq } from 'drizzle-orm'
import { nodeCrypto } from '../adapters/feishu/crypto-node'
import { loadConfig } from '../src/config'
import { openNodeStore } from '../src/db/node-store'
import { outbox } from '../src/db/schema'
import type { Platform } from '../src/messages'
import { Dispatcher } from '../src/outbox/dispatcher'
import { platformsFor } from '../src/platforms'

const config = loadConfig(process.env)
const store = openNodeStore(config.databasePath)
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
const dispatcher = new Dispatcher({
  db: store.db,
  outbounds: new Map(platformsFor(config, nodeCrypto).outbounds.map((o) => [o.platform as Platform, o])),
  now: Date.now,
  sleep,
  rateScale: config.outboxRateScale,
  log: (msg) => console.error(msg),
})
const pending = async () =>
  (await store.db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending')))[0]?.n ?? 0

while ((await pending()) > 0) {
  const report = await dispatcher.drain(1_000)
  // Nothing due yet (a retry waits out its backoff): look again shortly.
  if (report.sent === 0) await sleep(20)
}
store.close()
