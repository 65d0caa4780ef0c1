import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { figureHistory, unitTotals } from '../../src/db/dispatch'
import { figuresIn } from '../../src/db/production'
import { orgUnits } from '../../src/db/schema'
import { summaryQueries } from '../../src/db/summary'
import { type Bot, startBot } from '../support/bot'

const TOKEN = 'dispatch-secret-0123456789'
let bot: Bot
beforeEach(async () => {
  bot = await startBot({ env: { PRODUCTION_API_TOKEN: TOKEN } })
})
afterEach(() => bot.close())

let sent = 0
const post = async (rows: [string, string, string, number][]) => {
  const res = await bot.app.request('/api/production', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({
      rows: rows.map(([team, metric, date, value]) => ({
        team,
        metric,
        date,
        value,
        sourceId: `r-${++sent}`,
      })),
    }),
  })
  expect(res.status).toBe(200)
}

type Figure = { unitId: number; metric: string; day: string; value: number }
/** The figure that counts per unit, metric and day, straight from the history: the highest seq. */
const newestInHistory = (): Figure[] =>
  bot.store.sqlite
    .prepare(
      `SELECT unit_id AS unitId, metric, day, value FROM production_figures f
       WHERE seq = (SELECT max(seq) FROM production_figures n WHERE n.unit_id = f.unit_id AND n.metric = f.metric AND n.day = f.day)`,
    )
    .all() as Figure[]
const round = (x: number) => Math.round(x * 1e6) / 1e6
const byKey = (a: { unitId: number; metric: string; day?: string }, b: typeof a) =>
  a.unitId - b.unitId || a.metric.localeCompare(b.metric) || (a.day ?? '').localeCompare(b.day ?? '')

/** A span's figures added up per unit and metric from the history's newest reports, with the newest day's value. */
function plainTotals(figures: Figure[], from: string, to: string) {
  const out = new Map<
    string,
    { unitId: number; metric: string; total: number; n: number; lastDay: string; lastValue: number }
  >()
  for (const f of figures.filter((x) => x.day >= from && x.day <= to).sort(byKey)) {
    const had = out.get(`${f.unitId}|${f.metric}`)
    out.set(`${f.unitId}|${f.metric}`, {
      unitId: f.unitId,
      metric: f.metric,
      total: round((had?.total ?? 0) + f.value),
      n: (had?.n ?? 0) + 1,
      lastDay: f.day,
      lastValue: f.value,
    })
  }
  return [...out.values()]
}

/** Per unit and metric up to a day: the newest figure and the newest above zero. */
function plainHistory(figures: Figure[], to: string) {
  const upTo = figures.filter((f) => f.day <= to).sort(byKey)
  const keep = new Set<Figure>()
  for (const key of new Set(upTo.map((f) => `${f.unitId}|${f.metric}`))) {
    const mine = upTo.filter((f) => `${f.unitId}|${f.metric}` === key)
    keep.add(mine.at(-1) as Figure)
    const positive = mine.filter((f) => f.value > 0).at(-1)
    if (positive) keep.add(positive)
  }
  return [...keep].sort(byKey)
}

describe('production figures read by day (production_current keyed by day first)', () => {
  it('equal a plain computation from the history across month edges and late corrections', async () => {
    await post([
      ['ZC01', 'coal', '2026-09-28', 100],
      ['ZC01', 'coal', '2026-09-30', 200],
      ['ZC01', 'coal', '2026-10-01', 300],
      ['ZC01', 'coal', '2026-10-15', 400],
      ['ZC01', 'coal', '2026-10-31', 500],
      ['ZC01-1', 'coal', '2026-10-31', 50],
      ['ZC01', 'safeDays', '2026-09-30', 90],
      ['ZC01', 'safeDays', '2026-10-31', 121],
      ['JD01', 'accidents', '2026-09-29', 1],
      ['JD01', 'accidents', '2026-10-15', 1],
      ['JD01', 'accidents', '2026-10-31', 0],
    ])
    await post([
      ['ZC01', 'coal', '2026-11-01', 600],
      ['ZC01', 'coal', '2026-11-02', 700.25],
      ['ZC01', 'coal', '2026-11-20', 800],
      ['ZC01', 'safeDays', '2026-11-20', 141],
      ['JD01', 'accidents', '2026-11-02', 0],
    ])
    // Late corrections once November has figures: October's last day, an accident taken back, a zero day raised.
    await post([
      ['ZC01', 'coal', '2026-10-31', 550.5],
      ['JD01', 'accidents', '2026-10-15', 0],
      ['ZC01', 'coal', '2026-11-02', 0],
      ['JD01', 'accidents', '2026-11-02', 2],
    ])
    const unit = async (code: string) =>
      (await bot.store.db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, code)))[0]
        ?.id as number
    const units = [await unit('ZC01'), await unit('ZC01-1'), await unit('JD01')]
    const figures = newestInHistory()
    expect(
      figures.filter((f) => f.unitId === units[0] && f.day === '2026-10-31' && f.metric === 'coal'),
    ).toEqual([{ unitId: units[0], metric: 'coal', day: '2026-10-31', value: 550.5 }])

    const spans = [
      ['2026-09-01', '2026-09-30'],
      ['2026-10-01', '2026-10-25'],
      ['2026-10-01', '2026-10-31'],
      ['2026-10-29', '2026-11-04'],
      ['2026-10-31', '2026-10-31'],
      ['2026-09-15', '2026-11-24'],
      ['2026-11-01', '2026-11-25'],
      ['2026-11-03', '2026-11-19'],
    ] as const
    for (const [from, to] of spans) {
      const totals = (await unitTotals(bot.store.db, units, from, to))
        .map((t) => ({ ...t, total: round(t.total) }))
        .sort(byKey)
      expect(totals, `${from}..${to}`).toEqual(plainTotals(figures, from, to))
      expect((await figuresIn(bot.store.db, units, from, to)).sort(byKey), `${from}..${to}`).toEqual(
        figures.filter((f) => f.day >= from && f.day <= to).sort(byKey),
      )
      // The summary's production figures (no rollup built: every month from production_months or day by day).
      const summed = await summaryQueries(bot.store.db).production.all({
        units: JSON.stringify(units),
        metrics: JSON.stringify(['coal', 'accidents']),
        from,
        to,
        through: '',
        productionMax: 0,
      })
      expect(
        summed.map((r) => ({ unitId: r.unitId, metric: r.metric, sum: round(r.sum), n: r.n })).sort(byKey),
        `summary ${from}..${to}`,
      ).toEqual(
        plainTotals(figures, from, to)
          .filter((t) => t.metric !== 'safeDays')
          .map((t) => ({ unitId: t.unitId, metric: t.metric, sum: t.total, n: t.n })),
      )
    }
    for (const to of [
      '2026-09-28',
      '2026-09-30',
      '2026-10-14',
      '2026-10-31',
      '2026-11-01',
      '2026-11-19',
      '2026-11-25',
    ]) {
      const history = await figureHistory(bot.store.db, units, ['safeDays', 'accidents', 'coal'], to)
      expect(history.sort(byKey), to).toEqual(plainHistory(figures, to))
    }
  })

  it('keep the rows of production_current through the migration that keys it by day', async () => {
    await post([
      ['ZC01', 'coal', '2026-10-31', 500],
      ['ZC01', 'coal', '2026-11-01', 600],
      ['JD01', 'accidents', '2026-11-02', 1],
    ])
    const { sqlite } = bot.store
    const rows = () => sqlite.prepare('SELECT * FROM production_current ORDER BY unit_id, metric, day').all()
    const before = rows()
    // The table as migration 0013 left it, then migration 0016's statements.
    sqlite.exec(`CREATE TABLE old_current AS SELECT * FROM production_current; DROP TABLE production_current;
      CREATE TABLE production_current (unit_id integer NOT NULL, metric text NOT NULL, day text NOT NULL, value real NOT NULL,
        seq integer NOT NULL, PRIMARY KEY(unit_id, metric, day)) WITHOUT ROWID;
      INSERT INTO production_current SELECT * FROM old_current; DROP TABLE old_current;`)
    const fs = await import('node:fs')
    const migration = fs.readFileSync(
      new URL('../../src/db/migrations/0016_production_by_day.sql', import.meta.url),
      'utf8',
    )
    for (const statement of migration.split('--> statement-breakpoint')) sqlite.exec(statement)
    expect(rows()).toEqual(before)
    expect(before).toHaveLength(3)
    const table = sqlite.prepare(`SELECT sql FROM sqlite_master WHERE name = 'production_current'`).get() as {
      sql: string
    }
    expect(table.sql).toMatch(/PRIMARY KEY\(`day`, `unit_id`, `metric`\)\s*\) WITHOUT ROWID/)
  })
})
