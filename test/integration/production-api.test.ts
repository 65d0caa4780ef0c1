import { asc, eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { orgUnits, productionFigures } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

const TOKEN = 'dispatch-secret-0123456789'
let bot: Bot
afterEach(() => bot.close())

const send = (body: unknown, auth = `Bearer ${TOKEN}`) =>
  bot.app.request('/api/production', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

const stored = () =>
  bot.store.db
    .select({
      unit: orgUnits.code,
      metric: productionFigures.metric,
      day: productionFigures.day,
      value: productionFigures.value,
      seq: productionFigures.seq,
      sourceId: productionFigures.sourceId,
    })
    .from(productionFigures)
    .innerJoin(orgUnits, eq(orgUnits.id, productionFigures.unitId))
    .orderBy(asc(productionFigures.id))

const BATCH = {
  rows: [
    { team: 'ZC01', metric: 'coal', date: '2026-11-24', value: 3150.5, sourceId: 'ds-1' },
    { team: '综采一队早班', metric: '进尺', date: '2026-11-24', value: 6, sourceId: 'ds-2' },
    { team: 'JD01', metric: 'violations', date: '2026-11-25', value: 1, sourceId: 'ds-3' },
  ],
}

describe('POST /api/production', () => {
  it('is off without PRODUCTION_API_TOKEN', async () => {
    bot = await startBot()
    expect((await send(BATCH)).status).toBe(404)
  })

  it('stores a batch once however often it is sent, by unit code or production team', async () => {
    bot = await startBot({ env: { PRODUCTION_API_TOKEN: TOKEN } })
    for (const expected of [
      { ok: true, inserted: 3, duplicates: 0 },
      { ok: true, inserted: 0, duplicates: 3 },
      { ok: true, inserted: 0, duplicates: 3 },
    ]) {
      const res = await send(BATCH)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual(expected)
    }
    expect(await stored()).toEqual([
      { unit: 'ZC01', metric: 'coal', day: '2026-11-24', value: 3150.5, seq: 1, sourceId: 'ds-1' },
      { unit: 'ZC01-1', metric: 'footage', day: '2026-11-24', value: 6, seq: 1, sourceId: 'ds-2' },
      { unit: 'JD01', metric: 'violations', day: '2026-11-25', value: 1, seq: 1, sourceId: 'ds-3' },
    ])
    const correction = { team: 'ZC01', metric: 'coal', date: '2026-11-24', value: 3200, sourceId: 'ds-4' }
    expect(await (await send({ rows: [correction] })).json()).toEqual({
      ok: true,
      inserted: 1,
      duplicates: 0,
    })
    expect((await stored())[3]).toEqual({
      unit: 'ZC01',
      metric: 'coal',
      day: '2026-11-24',
      value: 3200,
      seq: 2,
      sourceId: 'ds-4',
    })
  })

  it('answers 401 without the token or with a wrong one, and writes nothing', async () => {
    bot = await startBot({ env: { PRODUCTION_API_TOKEN: TOKEN } })
    expect((await send(BATCH, '')).status).toBe(401)
    expect((await send(BATCH, `Bearer ${TOKEN}x`)).status).toBe(401)
    expect((await send(BATCH, TOKEN)).status).toBe(401)
    expect((await send(BATCH, 'Bearer dispatch-secret-012345678')).status).toBe(401)
    expect(await stored()).toEqual([])
  })

  it('names every bad row with a 400 and writes nothing', async () => {
    bot = await startBot({ env: { PRODUCTION_API_TOKEN: TOKEN } })
    const res = await send({
      rows: [
        BATCH.rows[0],
        { team: 'XX99', metric: 'coal', date: '2026-11-24', value: 1, sourceId: 'b-1' },
        { team: 'ZC01', metric: '精煤', date: '2026-11-24', value: 1, sourceId: 'b-2' },
        { team: 'ZC01', metric: 'coal', date: '2026-11-31', value: 1, sourceId: 'b-3' },
        { team: 'ZC01', metric: 'coal', date: '2026-11-26', value: 1, sourceId: 'b-4' },
        { team: 'ZC01', metric: 'violations', date: '2026-11-24', value: -1, sourceId: 'b-5' },
        { team: 'ZC01', metric: 'coal', date: '2026-11-24', value: 1, sourceId: 'ds-1' },
      ],
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: 'bad rows',
      rows: [
        { row: 2, field: 'team', sourceId: 'b-1', message: '没有「XX99」这个班组或支部编码。' },
        {
          row: 3,
          field: 'metric',
          sourceId: 'b-2',
          message:
            '没有「精煤」这个指标。可报的指标：coal, footage, safeDays, violations, hazardFix, accidents',
        },
        { row: 4, field: 'date', sourceId: 'b-3', message: '日期应为 YYYY-MM-DD 的实际日期。' },
        { row: 5, field: 'date', sourceId: 'b-4', message: '2026-11-26 还没到，不能提前报产。' },
        { row: 6, field: 'value', sourceId: 'b-5', message: '「三违」不能是负数。' },
        { row: 7, field: 'sourceId', sourceId: 'ds-1', message: 'sourceId「ds-1」在本批中出现了不止一次。' },
      ],
    })
    const shape = await send({ rows: [{ team: 'ZC01', metric: 'coal', date: '2026-11-24', value: '3200' }] })
    expect(shape.status).toBe(400)
    expect(((await shape.json()) as { rows: { field: string }[] }).rows.map((r) => r.field)).toEqual([
      'value',
      'sourceId',
    ])
    expect((await send('{"rows": [')).status).toBe(400)
    expect(await stored()).toEqual([])
  })

  it('answers 413 over the row limit or the body limit', async () => {
    bot = await startBot({ env: { PRODUCTION_API_TOKEN: TOKEN } })
    const row = (i: number) => ({
      team: 'ZC01',
      metric: 'coal',
      date: '2026-11-24',
      value: i,
      sourceId: `s${i}`,
    })
    expect((await send({ rows: Array.from({ length: 5001 }, (_, i) => row(i)) })).status).toBe(413)
    expect((await send({ rows: [row(1)], pad: 'x'.repeat(1024 * 1024) })).status).toBe(413)
    expect(await stored()).toEqual([])
  })

  it('stores one record per source id when two batches race, and corrections in order', async () => {
    bot = await startBot({ env: { PRODUCTION_API_TOKEN: TOKEN } })
    const a = { rows: [{ team: 'ZC01', metric: 'coal', date: '2026-11-25', value: 100, sourceId: 'a' }] }
    const b = { rows: [{ team: 'ZC01', metric: 'coal', date: '2026-11-25', value: 200, sourceId: 'b' }] }
    const answers = await Promise.all([send(a), send(a), send(b), send(b)])
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200])
    const rows = await stored()
    expect(rows.map((r) => r.seq)).toEqual([1, 2])
    expect(rows.map((r) => r.sourceId).sort()).toEqual(['a', 'b'])
  })
})
