import { webCrypto } from '../adapters/feishu/crypto-web'
import { tickDepsFor } from '../scheduler/deps'
import { tick } from '../scheduler/tick'
import { buildApp } from './app'
import { webTables } from './attachments/tables-web'
import { buildCommandIndex, cardActions } from './commands/table'
import { type Config, ConfigError, loadConfig } from './config'
import { buildCore, type Core, recover } from './core'
import { openD1Store } from './db/d1-store'
import { prepareDatabase } from './db/seed'
import type { Store } from './db/store'
import { platformsFor } from './platforms'

/**
 * Sends per drain pass (DESIGN §6 "Workers fan-out"). On the Free plan an invocation may make 50 subrequests
 * and 50 D1 queries; a send costs one or two fetches (a token renewal, the message) and one D1 update, so a
 * pass stays well under both. What is left waits for the next invocation or the cron sweep a minute later.
 * https://developers.cloudflare.com/workers/platform/limits/ https://developers.cloudflare.com/d1/platform/limits/
 */
const SEND_BATCH = 20
/** Inbox rows one pass processes: each costs a few D1 queries, counted per invocation like subrequests. */
const INBOX_BATCH = 10

/** What one isolate keeps between requests: the parsed config, the drizzle db, the senders and their token cache. */
type Shell = {
  config: Config
  store: Store
  platforms: ReturnType<typeof platformsFor>
  index: ReturnType<typeof buildCommandIndex>
  ready?: Promise<void>
  /** Set once this isolate has registered the platforms' start-up state (Telegram's command menu). */
  announced?: boolean
}

const shells = new WeakMap<Env, Shell>()

/** Vars and secrets arrive beside the bindings; only the strings are configuration (same names as Node). */
const variables = (env: Env) =>
  Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'))

async function shellFor(env: Env): Promise<Shell> {
  let shell = shells.get(env)
  if (!shell) {
    const config = loadConfig(variables(env))
    const store = openD1Store(env.DB)
    shell = {
      config,
      store,
      platforms: platformsFor(config, webCrypto, fetch, store.db),
      index: buildCommandIndex(),
    }
    shells.set(env, shell)
  }
  const { store, config } = shell
  // Once per isolate; both writes ignore what is there, so isolates starting together do no harm.
  shell.ready ??= (async () => {
    await prepareDatabase(store, { seedDemo: config.seedDemo, now: Date.now() })
  })().catch((err) => {
    if (shell) shell.ready = undefined
    throw err
  })
  await shell.ready
  return shell
}

/** A core per invocation: its background work belongs to this invocation's `waitUntil`. */
function coreFor(shell: Shell, ctx: ExecutionContext, clock?: () => number): Core {
  return buildCore({
    config: shell.config,
    store: shell.store,
    index: shell.index,
    actions: cardActions,
    outbounds: shell.platforms.outbounds,
    // CSV only: exceljs does not run on Workers (DESIGN §6).
    files: { fetchers: shell.platforms.fetchers(shell.store.db), readTable: webTables },
    clock,
    schedule: (task) =>
      ctx.waitUntil(task().catch((err: unknown) => console.error('ronghe-bot: background task failed', err))),
    batch: { outbox: SEND_BATCH, inbox: INBOX_BATCH },
    sharedOutbox: true,
  })
}

export default {
  async fetch(request, env, ctx): Promise<Response> {
    let shell: Shell
    try {
      shell = await shellFor(env)
    } catch (err) {
      if (err instanceof ConfigError) {
        // The message may quote a secret's value: it goes to the Worker's log, not to the caller.
        console.error(`ronghe-bot: ${err.message}`)
        return Response.json(
          { error: 'configuration error: see the Worker logs (wrangler tail)' },
          { status: 500 },
        )
      }
      console.error('ronghe-bot: could not prepare the database', err)
      const reason = err instanceof Error ? err.message : String(err)
      const error = `database not ready (${reason}): run wrangler d1 migrations apply`
      return Response.json({ ok: false, error }, { status: 503 })
    }
    const core = coreFor(shell, ctx)
    if (!shell.announced) {
      shell.announced = true
      ctx.waitUntil(shell.platforms.announce(core, shell.index))
    }
    return buildApp(core, shell.platforms.mounts(core)).fetch(request, env, ctx)
  },

  /** Every minute: the scheduler's tick, then the inbox rows and outbox rows earlier invocations left. */
  async scheduled(controller, env, ctx): Promise<void> {
    const shell = await shellFor(env)
    // Never behind the slot being run: what the tick queues as at `scheduledTime` is due in this sweep.
    const core = coreFor(shell, ctx, () => Math.max(Date.now(), controller.scheduledTime))
    try {
      await tick(tickDepsFor(core), controller.scheduledTime)
    } finally {
      // A failing job must not stall the sweep: leftover events and messages go on, then the error is reported.
      await recover(core, INBOX_BATCH)
    }
  },
} satisfies ExportedHandler<Env>
