import cron from 'node-cron'
import type { TickDeps } from './tick'
import { tick } from './tick'

/**
 * On Node, node-cron runs the tick every minute in the bot's time zone; a tick never overlaps the last one. The
 * tick reads `now`, the core's clock, not the wall clock: the simulator's clock may have been moved forward.
 */
export function startNodeScheduler(deps: TickDeps, onQueued: () => void, now: () => number) {
  return cron.schedule(
    '* * * * *',
    async () => {
      try {
        const reports = await tick(deps, now())
        if (reports.some((r) => r.status === 'queued')) onQueued()
      } catch (err) {
        deps.log(`scheduler tick failed: ${err instanceof Error ? err.message : String(err)}`)
      }
    },
    { timezone: deps.timeZone, name: 'ronghe-tick', noOverlap: true },
  )
}
