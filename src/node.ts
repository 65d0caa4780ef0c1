import { serve } from '@hono/node-server'
import { nodeCrypto } from '../adapters/feishu/crypto-node'
import { startFeishuLongConnection } from '../adapters/feishu/ws'
import { startTelegramPolling } from '../adapters/telegram/polling'
import { tickDepsFor } from '../scheduler/deps'
import { startNodeScheduler } from '../scheduler/node'
import { buildApp } from './app'
import { buildCommandIndex, cardActions } from './commands/table'
import { type Config, ConfigError, loadConfig } from './config'
import { buildCore, recover } from './core'
import { openNodeStore } from './db/node-store'
import { prepareDatabase } from './db/seed'
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
  const platforms = platformsFor(config, nodeCrypto)
  const index = buildCommandIndex()
  const core = buildCore({
    config,
    store,
    index,
    actions: cardActions,
    outbounds: platforms.outbounds,
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
  void platforms.announce(core, index)
  const recovered = await recover(core)
  if (recovered) console.log(`ronghe-bot: processed ${recovered} event(s) left from the last run`)
  const timer = setInterval(core.kick, DRAIN_EVERY_MS)
  const scheduler = startNodeScheduler(tickDepsFor(core), core.kick)
  const server = serve(
    { fetch: buildApp(core, platforms.mounts(core)).fetch, port: config.port, hostname: config.host },
    (info) => {
      const where = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${info.port}`
      console.log(`ronghe-bot listening on ${where} (database ${config.databasePath})`)
      if (config.devChat) console.log(`chat simulator: open ${where}/ or POST ${where}/dev/chat`)
    },
  )
  const stop = () => {
    clearInterval(timer)
    scheduler.stop()
    longConnection?.close()
    void polling?.stop()
    server.close(() => {
      store.close()
      process.exit(0)
    })
    setTimeout(() => process.exit(0), 3_000).unref()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

await main()
