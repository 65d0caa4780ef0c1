import { shiftableClock } from '../../adapters/console/clock'
import { nodeCrypto } from '../../adapters/feishu/crypto-node'
import { buildApp } from '../../src/app'
import { nodeTables } from '../../src/attachments/tables-node'
import { buildCommandIndex, cardActions } from '../../src/commands/table'
import { loadConfig } from '../../src/config'
import { buildCore } from '../../src/core'
import { platformsFor } from '../../src/platforms'
import { FIXED_NOW, openSeededStore } from './bot'

/**
 * The simulator as `npm start` builds it, with the clock the page can move (adapters/console/clock.ts): its "real"
 * time stands still at FIXED_NOW (2026-11-25 10:00 in Shanghai), so only the page's buttons move it. Background
 * work (drains, 加急 presses) runs by itself, as in the real server.
 */
export async function startSimBot() {
  const store = await openSeededStore()
  const config = loadConfig({ DATABASE_PATH: ':memory:' })
  const platforms = platformsFor(config, nodeCrypto, fetch, store.db)
  const clock = shiftableClock(() => FIXED_NOW)
  const core = buildCore({
    config,
    store,
    index: buildCommandIndex(),
    actions: cardActions,
    outbounds: platforms.outbounds,
    files: { fetchers: platforms.fetchers(store.db), readTable: nodeTables },
    clock: clock.now,
    log: () => {},
    rateLimitCommands: false,
  })
  const app = buildApp(core, platforms.mounts(core))
  const post = (path: string, body: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  return { store, core, app, post, clock, close: () => store.close() }
}

export type SimBot = Awaited<ReturnType<typeof startSimBot>>
