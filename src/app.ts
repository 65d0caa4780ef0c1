import { count, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { consoleRoutes } from '../adapters/console/routes'
import { productionApiRoutes } from '../adapters/dispatch-system/routes'
import type { Core } from './core'
import { calendarStatus, loadWorkdays } from './db/calendar'
import { outbox, settings } from './db/schema'
import { localDay } from './domain/time'
import type { Mount } from './platforms'

const MAX_BODY_BYTES = 1024 * 1024

/** The one Hono app both shells serve (DESIGN §1); everything it needs comes in through `core`. */
export function buildApp(core: Core, mounts: Mount[] = []): Hono {
  const app = new Hono()
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json({ error: 'body over 1 MiB' }, 413),
  })
  app.use('*', async (c, next) => {
    // A declared length is checked as a number; only a body of unknown length is counted as it streams.
    // Wrapping every body in a counting stream cost ~170 µs a request on Node (bench:feishu profile).
    const declared = c.req.header('content-length')
    if (declared !== undefined && /^\d+$/.test(declared) && !c.req.header('transfer-encoding')) {
      if (Number(declared) > MAX_BODY_BYTES) return c.json({ error: 'body over 1 MiB' }, 413)
      return next()
    }
    return limit(c, next)
  })

  app.get('/healthz', (c) => c.json({ ok: true }))

  app.get('/readyz', async (c) => {
    // A load balancer stops routing here; the process finishes its work and exits (DESIGN §5).
    if (core.draining) return c.json({ ok: false, draining: true }, 503)
    try {
      const db = core.store.db
      const [pending] = await db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending'))
      const [dead] = await db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'dead'))
      const [versions] = await db.select({ n: count() }).from(settings)
      const year = Number(localDay(core.clock(), core.config.timeZone).slice(0, 4))
      const calendar = calendarStatus(await loadWorkdays(db), year)
      return c.json({
        ok: true,
        database: 'migrated',
        settingsVersions: versions?.n ?? 0,
        outbox: { pending: pending?.n ?? 0, dead: dead?.n ?? 0 },
        calendar,
      })
    } catch (err) {
      return c.json({ ok: false, error: err instanceof Error ? err.message : String(err) }, 503)
    }
  })

  // While shutting down, a platform's event is refused rather than half-handled: the platform delivers it
  // again, to this process's successor.
  app.use('/webhooks/*', async (c, next) => {
    if (core.draining) return c.json({ error: 'shutting down, retry later' }, 503)
    await next()
  })
  for (const m of mounts) app.route(m.path, m.app)
  // Off unless a token is configured (DESIGN §3): no token, no way in.
  const productionToken = core.config.productionApiToken
  if (productionToken) app.route('/api/production', productionApiRoutes(core, productionToken))
  if (core.config.devChat) app.route('/', consoleRoutes(core))

  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404))
  app.onError((err, c) => {
    core.process.log(`${c.req.method} ${c.req.path} failed`, err)
    return c.json({ error: 'internal error' }, 500)
  })
  return app
}
