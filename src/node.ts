import { shiftableClock } from '../adapters/console/clock'
import { startDingtalkStream } from '../adapters/dingtalk/stream'
import { nodeCrypto } from '../adapters/feishu/crypto-node'
import { feishuNodeListener } from '../adapters/feishu/node-listener'
import { startFeishuLongConnection } from '../adapters/feishu/ws'
import { startTelegramPolling } from '../adapters/telegram/polling'
import { tickDepsFor } from '../scheduler/deps'
import { startNodeScheduler } from '../scheduler/node'
import { buildApp } from './app'
import { nodeTables } from './attachments/tables-node'
import { buildCommandIndex, cardActions } from './commands/table'
import { type Config, ConfigError, loadConfig } from './config'
import { buildCore, flush, recover } from './core'
import { startCheckpointer } from './db/checkpointer'
import { openNodeStore } from './db/node-store'
import { startReadPool } from './db/read-pool'
import { prepareDatabase } from './db/seed'
import { xlsxBook } from './export/book-xlsx'
import { nodeLogger } from './logger'
import { nodeServer } from './node-server'
import { platformsFor } from './platforms'

const DRAIN_EVERY_MS = 1_000

function configOrExit(): Config {
  try {
    return loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`ronghe-bot: ${err.message}`)
      process.exit(1)
    }
    throw err
  }
}

/** The Node shell: SQLite file, the outbox drained in-process, the simulator when no platform is set. */
async function main() {
  const config = configOrExit()
  const store = openNodeStore(config.databasePath)
  await prepareDatabase(store, { seedDemo: config.seedDemo, now: Date.now() })
  const readPool = startReadPool(store, config.databasePath)
  const checkpointer = startCheckpointer(store, config.databasePath)
  const platforms = platformsFor(config, nodeCrypto, fetch, store.db)
  const index = buildCommandIndex()
  // JSON lines for the operator's log shipper; the start and stop banners below stay plain for people.
  const logger = nodeLogger(config.logLevel)
  // The simulator's clock can be moved forward from its page (/dev/clock); a real deployment keeps the wall clock.
  const clock = config.devChat ? shiftableClock().now : Date.now
  const core = buildCore({
    config,
    clock,
    store,
    index,
    actions: cardActions,
    outbounds: platforms.outbounds,
    log: logger.error,
    logEvent: logger.event,
    files: { fetchers: platforms.fetchers(store.db), readTable: nodeTables, writeBook: xlsxBook },
    answersBeforeBacklog: true,
  })
  const longConnection =
    config.feishu?.mode === 'ws'
      ? startFeishuLongConnection(core, config.feishu, platforms.feishuBotOpenId(core))
      : undefined
  const telegramDoor = platforms.telegramDoor(core)
  const polling =
    config.telegram?.mode === 'polling' && telegramDoor
      ? startTelegramPolling(telegramDoor, { log: core.process.log })
      : undefined
  const dingtalkDoor = platforms.dingtalkDoor(core)
  const dingtalkStream =
    config.dingtalk?.mode === 'stream' && dingtalkDoor
      ? startDingtalkStream(dingtalkDoor, config.dingtalk)
      : undefined
  void platforms.announce(core, index)
  const recovered = await recover(core)
  if (recovered) console.log(`ronghe-bot: processed ${recovered} event(s) left from the last run`)
  const timer = setInterval(core.kick, DRAIN_EVERY_MS)
  const scheduler = startNodeScheduler(tickDepsFor(core), core.kick, core.clock)
  const feishuHook = platforms.feishuWebhook(core)
  const server = nodeServer(
    buildApp(core, platforms.mounts(core)),
    feishuHook && feishuNodeListener(feishuHook, core.process.log),
  )
  server.listen(config.port, config.host, () => {
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    const where = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`
    console.log(`ronghe-bot listening on ${where} (database ${config.databasePath})`)
    if (config.devChat) console.log(`chat simulator: open ${where}/ or POST ${where}/dev/chat`)
  })
  // SIGTERM (DESIGN §5): refuse new work, let the requests in flight finish, send what can go within the grace
  // period, exit. What must wait (a retry, a rate window, a rest hold) stays queued for the next start.
  const stop = async () => {
    if (core.draining) return
    core.draining = true
    console.log('ronghe-bot: shutting down, sending what is queued…')
    clearInterval(timer)
    scheduler.stop()
    longConnection?.close()
    dingtalkStream?.close()
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    await polling?.stop()
    const deadline = Date.now() + config.shutdownGraceMs
    const left = await flush(core, deadline)
    await Promise.race([closed, new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))])
    await readPool.close()
    await checkpointer.close()
    store.close()
    // Written to a pipe, stdout is asynchronous: exit once the last line is out, not before.
    process.stdout.write(`ronghe-bot: stopped; ${left} message(s) left queued for the next start\n`, () =>
      process.exit(0),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

await main()
