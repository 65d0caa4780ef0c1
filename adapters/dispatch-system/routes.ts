import { Hono } from 'hono'
import { z } from 'zod'
import { failureMessage } from '../../src/commands/report'
import type { Core } from '../../src/core'
import { teamIndex } from '../../src/db/production'
import { storeFigures } from '../../src/db/production-writes'
import { currentSettings } from '../../src/db/settings'
import { checkBatch, type RowProblem } from '../../src/domain/production-batch'
import type { Metric } from '../../src/domain/production-settings'
import { localDay } from '../../src/domain/time'
import { type Locale, translate } from '../../src/i18n'
import { constantTimeEqual } from '../telegram/verify'

/** Rows in one request; a month of 500 teams goes in several batches. Over it the answer is 413. */
export const MAX_ROWS = 5000

const Row = z.object({
  team: z.string().min(1).max(60),
  metric: z.string().min(1).max(30),
  date: z.string().max(10),
  value: z.number(),
  sourceId: z.string().min(1).max(100),
})
const Body = z.object({ rows: z.array(z.unknown()).min(1) })
/** The rows checked in one call once their count is known: a call a row cost twice as much. */
const Rows = z.array(Row)

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The Authorization header carries exactly the configured token (compared in constant time). */
function authorized(header: string | undefined, token: string): boolean {
  const m = header?.match(/^Bearer (.+)$/)
  return m !== null && m !== undefined && constantTimeEqual(m[1] as string, token)
}

function describe(p: RowProblem, metrics: readonly Metric[], locale: Locale): string {
  switch (p.reason) {
    case 'unknownTeam':
      return translate(locale, 'production.apiUnknownTeam', { team: p.team })
    case 'unknownMetric':
      return translate(locale, 'production.unknownMetric', {
        word: p.word,
        names: metrics.map((m) => m.code).join(', '),
      })
    case 'badDate':
      return translate(locale, 'production.apiBadDate')
    case 'future':
      return translate(locale, 'production.future', { day: p.day })
    case 'duplicateSource':
      return translate(locale, 'production.apiDuplicateSource', { sourceId: p.sourceId })
    case 'value': {
      const { key, params } = failureMessage(p.failure, metrics)
      return translate(locale, key, params)
    }
  }
}

/**
 * `POST /api/production`: a batch of daily figures from the mine's dispatch system. All rows or none: a 400 names
 * every bad row (1-based `row`, `field`, `message`); a row whose sourceId is stored already is skipped, so a
 * resent batch changes nothing.
 */
export function productionApiRoutes(core: Core, token: string): Hono {
  const app = new Hono()
  app.post('/', async (c) => {
    if (!authorized(c.req.header('authorization'), token))
      return c.json({ error: 'missing or wrong Authorization: Bearer <PRODUCTION_API_TOKEN>' }, 401)
    const locale = core.config.locale
    const body = Body.safeParse(parseJson(await c.req.text()))
    if (!body.success)
      return c.json({ error: translate(locale, 'production.apiBadShape', { max: MAX_ROWS }) }, 400)
    if (body.data.rows.length > MAX_ROWS)
      return c.json({ error: translate(locale, 'production.apiBadShape', { max: MAX_ROWS }) }, 413)
    const settings = await currentSettings(core.store.db)
    const metrics = settings.production.metrics
    const shaped = Rows.safeParse(body.data.rows)
    if (!shaped.success)
      return c.json(
        {
          error: 'bad rows',
          rows: shaped.error.issues.map((issue) => ({
            row: Number(issue.path[0]) + 1,
            field: String(issue.path[1] ?? 'row'),
            message: issue.message,
          })),
        },
        400,
      )
    const rows = shaped.data
    const today = localDay(core.clock(), core.config.timeZone)
    const checked = checkBatch(rows, await teamIndex(core.store.db), metrics, today)
    if (!checked.ok)
      return c.json(
        {
          error: 'bad rows',
          rows: checked.problems.map((p) => ({
            row: p.row,
            field: p.field,
            sourceId: rows[p.row - 1]?.sourceId,
            message: describe(p, metrics, locale),
          })),
        },
        400,
      )
    const stored = await storeFigures(core.store, checked.figures, 'api', core.clock())
    return c.json({ ok: true, ...stored })
  })
  return app
}
