import type { Core } from '../src/core'
import { JOBS } from './jobs'
import type { TickDeps } from './tick'

/** The scheduler's view of a built core: same store, settings, ids and log as the request path. */
export function tickDepsFor(core: Core): TickDeps {
  return {
    store: core.store,
    jobs: JOBS,
    timeZone: core.config.timeZone,
    defaultLocale: core.config.locale,
    settings: core.process.settings,
    newId: core.process.newId,
    log: (msg) => core.process.log(msg),
  }
}
