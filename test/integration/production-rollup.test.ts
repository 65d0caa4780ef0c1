import fs from 'node:fs'
import path from 'node:path'
import { asc, eq, sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { figureHistory, unitTotals } from '../../src/db/dispatch'
import { figuresIn } from '../../src/db/production'
import { rollupWrites } from '../../src/db/production-writes'
import { orgUnits, productionCurrent, productionFigures, productionMonths } from '../../src/db/schema'
import { importProduction } from '../../src/import/production-import'
import { parseCsv } from '../../src/import/read-table'
import { type Bot, startBot } from '../support/bot'

const TOKEN = 'dispatch-secret-0123456789'
const NOW = Date.parse('2026-11-25T10:00:00+08:00')
let bot: Bot
beforeEach(async () => {
  bot = await startBot({ env: { PRODUCTION_API_TOKEN: TOKEN } })
})
afterEach(() => bot.close())

const post = (rows: unknown[]) =>
  bot.app.request('/api/production', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ rows }),
  })
const row = (team: string, metric: string, date: string, value: number, sourceId: string) => ({
  team,
  metric,
  date,
  value,
  sourceId,
})
const unitId = async (code: string) =>
  (await bot.store.db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, code)))[0]
    ?.id as number

/** production_current as unit code, metric, day, value, seq. */
const current = () =>
  bot.store.db
    .select({
      unit: orgUnits.code,
      metric: productionCurrent.metric,
      day: productionCurrent.day,
      value: productionCurrent.value,
      seq: productionCurrent.seq,
    })
    .from(productionCurrent)
    .innerJoin(orgUnits, eq(orgUnits.id, productionCurrent.unitId))
    .orderBy(asc(orgUnits.code), asc(productionCurrent.metric), asc(productionCurrent.day))

/** The newest report of each unit, metric and day straight from the history, the way readers did before. */
const newestInHistory = () =>
  bot.store.db
    .select({
      unit: orgUnits.code,
      metric: productionFigures.metric,
      day: productionFigures.day,
      value: productionFigures.value,
      seq: productionFigures.seq,
    })
    .from(productionFigures)
    .innerJoin(orgUnits, eq(orgUnits.id, productionFigures.unitId))
    .where(
      sql`NOT EXISTS (SELECT 1 FROM production_figures n WHERE n.unit_id = "production_figures"."unit_id" AND n.metric = "production_figures"."metric" AND n.day = "production_figures"."day" AND n.seq > "production_figures"."seq")`,
    )
    .orderBy(asc(orgUnits.code), asc(productionFigures.metric), asc(productionFigures.day))

const months = () =>
  bot.store.db
    .select({
      unit: orgUnits.code,
      metric: productionMonths.metric,
      month: productionMonths.month,
      total: productionMonths.total,
      n: productionMonths.n,
      lastDay: productionMonths.lastDay,
      lastValue: productionMonths.lastValue,
      positiveDay: productionMonths.positiveDay,
    })
    .from(productionMonths)
    .innerJoin(orgUnits, eq(orgUnits.id, productionMonths.unitId))
    .orderBy(asc(orgUnits.code), asc(productionMonths.metric), asc(productionMonths.month))

describe('the production rollups', () => {
  it('hold the newest report of every figure after chat reports, corrections, the API and an import', async () => {
    await bot.read('u1001', '报产 原煤 2000吨', 'g-ZC01')
    await bot.read('u1001', '报产 原煤 2100吨', 'g-ZC01')
    await bot.read('u1001', '报产 原煤 1900吨 昨天', 'g-ZC01')
    expect(
      (
        await post([
          row('ZC01', 'coal', '2026-11-25', 2200, 'a-1'),
          row('ZC01', 'coal', '2026-10-31', 5000, 'a-2'),
          row('JD01', 'accidents', '2026-11-03', 1, 'a-3'),
          row('JD01', 'accidents', '2026-11-03', 0, 'a-4'),
        ])
      ).status,
    ).toBe(200)
    const file = parseCsv(
      new TextEncoder().encode(
        '班组,指标,日期,数值\nZC01,原煤,2026-11-24,1950\nZC01-1,进尺,2026-11-24,6.5\n',
      ),
    )
    expect(
      (await importProduction(bot.store, file, { dryRun: false, now: NOW, today: '2026-11-25' })).ok,
    ).toBe(true)

    expect(await current()).toEqual([
      { unit: 'JD01', metric: 'accidents', day: '2026-11-03', value: 0, seq: 2 },
      { unit: 'ZC01', metric: 'coal', day: '2026-10-31', value: 5000, seq: 1 },
      { unit: 'ZC01', metric: 'coal', day: '2026-11-24', value: 1950, seq: 2 },
      { unit: 'ZC01', metric: 'coal', day: '2026-11-25', value: 2200, seq: 3 },
      { unit: 'ZC01-1', metric: 'footage', day: '2026-11-24', value: 6.5, seq: 1 },
    ])
    expect(await current()).toEqual(await newestInHistory())
    expect(await months()).toEqual([
      {
        unit: 'JD01',
        metric: 'accidents',
        month: '2026-11',
        total: 0,
        n: 1,
        lastDay: '2026-11-03',
        lastValue: 0,
        positiveDay: null,
      },
      {
        unit: 'ZC01',
        metric: 'coal',
        month: '2026-10',
        total: 5000,
        n: 1,
        lastDay: '2026-10-31',
        lastValue: 5000,
        positiveDay: '2026-10-31',
      },
      {
        unit: 'ZC01',
        metric: 'coal',
        month: '2026-11',
        total: 4150,
        n: 2,
        lastDay: '2026-11-25',
        lastValue: 2200,
        positiveDay: '2026-11-25',
      },
      {
        unit: 'ZC01-1',
        metric: 'footage',
        month: '2026-11',
        total: 6.5,
        n: 1,
        lastDay: '2026-11-24',
        lastValue: 6.5,
        positiveDay: '2026-11-24',
      },
    ])
  })

  it('keep the newer report when an older seq arrives later', async () => {
    const zc01 = await unitId('ZC01')
    // History rows with the seqs given, then the rollups of those rows, in one commit.
    type Figure = { unitId: number; metric: string; day: string; value: number; seq: number }
    const store = async (...figures: Figure[]) => {
      await bot.store.commit([
        ...figures.map((f) => bot.store.db.insert(productionFigures).values({ ...f, source: 'chat', at: 0 })),
        ...rollupWrites(bot.store.db, figures.length),
      ])
    }
    await store({ unitId: zc01, metric: 'coal', day: '2026-11-20', value: 3000, seq: 3 })
    await store({ unitId: zc01, metric: 'coal', day: '2026-11-20', value: 1000, seq: 2 })
    await store({ unitId: zc01, metric: 'coal', day: '2026-11-21', value: 500, seq: 1 })
    expect(await current()).toEqual([
      { unit: 'ZC01', metric: 'coal', day: '2026-11-20', value: 3000, seq: 3 },
      { unit: 'ZC01', metric: 'coal', day: '2026-11-21', value: 500, seq: 1 },
    ])
    expect(await current()).toEqual(await newestInHistory())
    expect((await months())[0]).toMatchObject({ total: 3500, n: 2, lastDay: '2026-11-21', lastValue: 500 })
    // Within one batch, too, the highest seq of a key wins whatever its place.
    await store(
      { unitId: zc01, metric: 'coal', day: '2026-11-21', value: 800, seq: 5 },
      { unitId: zc01, metric: 'coal', day: '2026-11-21', value: 700, seq: 4 },
    )
    expect((await current())[1]).toEqual({
      unit: 'ZC01',
      metric: 'coal',
      day: '2026-11-21',
      value: 800,
      seq: 5,
    })
    expect(await current()).toEqual(await newestInHistory())
    expect((await months())[0]).toMatchObject({ total: 3800, n: 2, lastDay: '2026-11-21', lastValue: 800 })
  })

  it('find the accident before when the newest one is corrected to none', async () => {
    expect(
      (
        await post([
          row('JD01', 'accidents', '2026-11-10', 1, 'x-1'),
          row('JD01', 'accidents', '2026-11-20', 2, 'x-2'),
          row('JD01', 'accidents', '2026-11-22', 0, 'x-3'),
        ])
      ).status,
    ).toBe(200)
    expect((await months())[0]).toMatchObject({ total: 3, n: 3, positiveDay: '2026-11-20', lastValue: 0 })
    expect((await post([row('JD01', 'accidents', '2026-11-20', 0, 'x-4')])).status).toBe(200)
    expect((await months())[0]).toMatchObject({
      total: 1,
      n: 3,
      positiveDay: '2026-11-10',
      lastDay: '2026-11-22',
    })
    const jd01 = await unitId('JD01')
    expect(await figureHistory(bot.store.db, [jd01], ['accidents'], '2026-11-25')).toEqual(
      expect.arrayContaining([
        { unitId: jd01, metric: 'accidents', day: '2026-11-10', value: 1 },
        { unitId: jd01, metric: 'accidents', day: '2026-11-22', value: 0 },
      ]),
    )
  })

  it('change nothing when the API sends the same batch again', async () => {
    const batch = [
      row('ZC01', 'coal', '2026-11-24', 3000, 's-1'),
      row('ZC01', 'footage', '2026-11-24', 12, 's-2'),
    ]
    for (let i = 0; i < 3; i++) expect((await post(batch)).status).toBe(200)
    expect(await current()).toEqual([
      { unit: 'ZC01', metric: 'coal', day: '2026-11-24', value: 3000, seq: 1 },
      { unit: 'ZC01', metric: 'footage', day: '2026-11-24', value: 12, seq: 1 },
    ])
    expect((await months()).map((m) => [m.metric, m.total, m.n])).toEqual([
      ['coal', 3000, 1],
      ['footage', 12, 1],
    ])
  })

  it('end on the newest report when two batches race on one key', async () => {
    const [a, b] = await Promise.all([
      post([row('ZC01', 'coal', '2026-11-24', 3000, 'r-a')]),
      post([row('ZC01', 'coal', '2026-11-24', 3300, 'r-b')]),
    ])
    expect([a?.status, b?.status]).toEqual([200, 200])
    const history = await newestInHistory()
    expect(history).toHaveLength(1)
    expect(history[0]?.seq).toBe(2)
    expect(await current()).toEqual(history)
    expect((await months())[0]).toMatchObject({ total: history[0]?.value, n: 1 })
  })

  it('add up a span from months less their last days, and find the newest accident months back', async () => {
    const rows = [
      row('ZC01', 'coal', '2026-09-10', 100, 'm-1'),
      row('ZC01', 'coal', '2026-10-01', 1000, 'm-2'),
      row('ZC01', 'coal', '2026-10-20', 2000, 'm-3'),
      row('ZC01', 'coal', '2026-10-30', 4000, 'm-4'),
      row('ZC01', 'coal', '2026-10-31', 8000, 'm-5'),
      row('ZC01', 'coal', '2026-11-02', 16000, 'm-6'),
      row('ZC01', 'safeDays', '2026-10-25', 300, 'm-7'),
      row('ZC01', 'safeDays', '2026-10-31', 306, 'm-8'),
      row('ZC01', 'accidents', '2026-09-15', 1, 'm-9'),
      row('ZC01', 'accidents', '2026-10-05', 0, 'm-10'),
      row('ZC01', 'accidents', '2026-11-20', 1, 'm-11'),
    ]
    expect((await post(rows)).status).toBe(200)
    const zc01 = await unitId('ZC01')
    const totals = async (from: string, to: string) =>
      (await unitTotals(bot.store.db, [zc01], from, to)).sort((x, y) => x.metric.localeCompare(y.metric))
    // October to the 25th: the month less its last six days (one figure of coal, none of safe days among them).
    expect(await totals('2026-10-01', '2026-10-25')).toEqual([
      { unitId: zc01, metric: 'accidents', total: 0, n: 1, lastDay: '2026-10-05', lastValue: 0 },
      { unitId: zc01, metric: 'coal', total: 3000, n: 2, lastDay: '2026-10-20', lastValue: 2000 },
      { unitId: zc01, metric: 'safeDays', total: 300, n: 1, lastDay: '2026-10-25', lastValue: 300 },
    ])
    // A whole month, a week across the month edge, and two months and a bit.
    expect((await totals('2026-10-01', '2026-10-31')).find((t) => t.metric === 'coal')).toEqual({
      unitId: zc01,
      metric: 'coal',
      total: 15000,
      n: 4,
      lastDay: '2026-10-31',
      lastValue: 8000,
    })
    expect((await totals('2026-10-29', '2026-11-04')).find((t) => t.metric === 'coal')).toMatchObject({
      total: 28000,
      n: 3,
      lastDay: '2026-11-02',
    })
    expect((await totals('2026-09-01', '2026-11-24')).find((t) => t.metric === 'coal')).toMatchObject({
      total: 31100,
      n: 6,
      lastDay: '2026-11-02',
    })
    // Safe days: the newest count and the newest accident up to a day, however many months back.
    const history = async (to: string) =>
      (await figureHistory(bot.store.db, [zc01], ['safeDays', 'accidents'], to))
        .map((r) => `${r.metric} ${r.day} ${r.value}`)
        .sort()
    expect(await history('2026-11-19')).toEqual([
      'accidents 2026-09-15 1',
      'accidents 2026-10-05 0',
      'safeDays 2026-10-31 306',
    ])
    expect(await history('2026-11-25')).toEqual(['accidents 2026-11-20 1', 'safeDays 2026-10-31 306'])
    expect(await history('2026-10-28')).toEqual([
      'accidents 2026-09-15 1',
      'accidents 2026-10-05 0',
      'safeDays 2026-10-25 300',
    ])
    expect(await figuresIn(bot.store.db, [zc01], '2026-10-30', '2026-11-02')).toHaveLength(4)
  })

  it('equal the raw computation after batches with repeats in one batch, corrections, zeros and month edges', async () => {
    const batches = [
      [
        row('ZC01', 'coal', '2026-10-31', 900, 'e-1'),
        row('ZC01', 'coal', '2026-11-01', 100, 'e-2'),
        row('ZC01', 'coal', '2026-11-01', 150, 'e-3'),
        row('ZC01', 'coal', '2026-11-02', 0.1, 'e-4'),
        row('JD01', 'accidents', '2026-11-05', 1, 'e-5'),
        row('JD01', 'accidents', '2026-11-20', 2, 'e-6'),
        row('JD01', 'accidents', '2026-11-21', 0, 'e-7'),
      ],
      [
        row('ZC01', 'coal', '2026-11-02', 0.2, 'e-8'),
        row('ZC01', 'coal', '2026-10-31', 0, 'e-9'),
        row('JD01', 'accidents', '2026-11-20', 0, 'e-10'),
        row('JD01', 'accidents', '2026-11-05', 0, 'e-11'),
        row('JD01', 'accidents', '2026-11-05', 3, 'e-12'),
        row('ZC01', 'coal', '2026-11-01', 100, 'e-2'),
      ],
      [row('JD01', 'accidents', '2026-11-05', 0, 'e-13'), row('ZC01', 'coal', '2026-11-03', 5, 'e-14')],
    ]
    for (const batch of batches) expect((await post(batch)).status).toBe(200)
    const newest = await newestInHistory()
    expect(await current()).toEqual(newest)
    // production_months as the raw rows give it: the newest reports added up per unit, metric and month (they come
    // in day order, so the last one seen is the month's newest day).
    const raw = new Map<string, Awaited<ReturnType<typeof months>>[number]>()
    for (const f of newest) {
      const month = f.day.slice(0, 7)
      const m = raw.get(`${f.unit}|${f.metric}|${month}`)
      raw.set(`${f.unit}|${f.metric}|${month}`, {
        unit: f.unit,
        metric: f.metric,
        month,
        total: Math.round(((m?.total ?? 0) + f.value) * 1e6) / 1e6,
        n: (m?.n ?? 0) + 1,
        lastDay: f.day,
        lastValue: f.value,
        positiveDay: f.value > 0 ? f.day : (m?.positiveDay ?? null),
      })
    }
    expect(await months()).toEqual([...raw.values()])
    expect(await months()).toEqual([
      {
        unit: 'JD01',
        metric: 'accidents',
        month: '2026-11',
        total: 0,
        n: 3,
        lastDay: '2026-11-21',
        lastValue: 0,
        positiveDay: null,
      },
      {
        unit: 'ZC01',
        metric: 'coal',
        month: '2026-10',
        total: 0,
        n: 1,
        lastDay: '2026-10-31',
        lastValue: 0,
        positiveDay: null,
      },
      {
        unit: 'ZC01',
        metric: 'coal',
        month: '2026-11',
        total: 155.2,
        n: 3,
        lastDay: '2026-11-03',
        lastValue: 5,
        positiveDay: '2026-11-03',
      },
    ])
  })

  it('are built from the history by the migration', async () => {
    await bot.read('u1001', '报产 原煤 2000吨', 'g-ZC01')
    await bot.read('u1001', '报产 原煤 2100吨', 'g-ZC01')
    expect((await post([row('JD01', 'accidents', '2026-10-03', 1, 'b-1')])).status).toBe(200)
    const before = { current: await current(), months: await months() }
    bot.store.sqlite.exec('DELETE FROM production_current; DELETE FROM production_months')
    // Whichever migration file holds the backfill (this session's migrations may be squashed into one).
    const dir = path.resolve(__dirname, '../../src/db/migrations')
    const migration = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .find((text) => text.includes('INSERT INTO `production_current`')) as string
    for (const statement of migration.split('--> statement-breakpoint'))
      if (/^\s*INSERT INTO `production_/.test(statement)) bot.store.sqlite.exec(statement)
    expect(await current()).toEqual(before.current)
    expect(await months()).toEqual(before.months)
    expect(before.current).toHaveLength(2)
  })
})
