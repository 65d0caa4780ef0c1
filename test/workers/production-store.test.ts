import { env } from 'cloudflare:workers'
import { asc } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { openD1Store } from '../../src/db/d1-store'
import { storeFigures } from '../../src/db/production-writes'
import { productionCurrent, productionMonths } from '../../src/db/schema'

const store = openD1Store(env.DB)
const figure = (day: string, value: number, sourceId: string) => ({
  unitId: 9101,
  metric: 'accidents',
  day,
  value,
  sourceId,
})

describe('production figures on D1', () => {
  it('store a batch with its rollups in one D1 batch, skip a resent one and take a correction', async () => {
    await env.DB.prepare(
      `INSERT INTO org_units (id, code, name, kind) VALUES (9101, 'D1P', 'D1 生产支部', 'branch')`,
    ).run()
    const batch = [
      figure('2026-11-05', 1, 'd1-1'),
      figure('2026-11-20', 1, 'd1-2'),
      figure('2026-11-20', 2, 'd1-3'),
    ]
    expect(await storeFigures(store, batch, 'api', 0)).toEqual({ inserted: 3, duplicates: 0 })
    // The resend fails on the unique source ids first, then is read again and skipped.
    expect(await storeFigures(store, batch, 'api', 0)).toEqual({ inserted: 0, duplicates: 3 })
    expect(
      await storeFigures(store, [figure('2026-11-20', 0, 'd1-4'), figure('2026-11-21', 0, 'd1-5')], 'api', 0),
    ).toEqual({ inserted: 2, duplicates: 0 })

    const current = await store.db
      .select({ day: productionCurrent.day, value: productionCurrent.value, seq: productionCurrent.seq })
      .from(productionCurrent)
      .orderBy(asc(productionCurrent.day))
    expect(current).toEqual([
      { day: '2026-11-05', value: 1, seq: 1 },
      { day: '2026-11-20', value: 0, seq: 3 },
      { day: '2026-11-21', value: 0, seq: 1 },
    ])
    const [month] = await store.db.select().from(productionMonths)
    expect(month).toEqual({
      unitId: 9101,
      metric: 'accidents',
      month: '2026-11',
      total: 1,
      n: 3,
      lastDay: '2026-11-21',
      lastValue: 0,
      positiveDay: '2026-11-05',
    })
  })
})
