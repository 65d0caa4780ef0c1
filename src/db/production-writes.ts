import type { CheckedFigure } from '../domain/production-batch'
import { knownSourceIds, maxSeqsIn } from './production'
import { productionFigures } from './schema'
import type { Store, Write } from './store'

/** A batch that lost a race is built again from a fresh read; this many tries is plenty for two senders. */
const MAX_TRIES = 5

export type StoredBatch = { inserted: number; duplicates: number }

/**
 * Stores checked figures from a system (the API, an import) in one commit. A source id already stored is a
 * second delivery and is skipped; a figure for a unit, metric and day that has one gets the next seq (a
 * correction). Two batches racing on one key collide on a unique index, and the loser is rebuilt and retried.
 */
export async function storeFigures(
  store: Store,
  figures: readonly CheckedFigure[],
  source: 'api' | 'import',
  now: number,
): Promise<StoredBatch> {
  for (let attempt = 1; ; attempt++) {
    const known = await knownSourceIds(
      store.db,
      figures.map((f) => f.sourceId),
    )
    const fresh = figures.filter((f) => !known.has(f.sourceId))
    const days = fresh.map((f) => f.day).sort()
    // One read for the whole batch: a query a row would be thousands of D1 round trips.
    const stored =
      fresh.length === 0
        ? new Map<string, number>()
        : await maxSeqsIn(
            store.db,
            [...new Set(fresh.map((f) => f.unitId))],
            days[0] as string,
            days[days.length - 1] as string,
          )
    const writes: Write[] = []
    for (const f of fresh) {
      const key = `${f.unitId}|${f.metric}|${f.day}`
      const seq = (stored.get(key) ?? 0) + 1
      stored.set(key, seq)
      writes.push(store.db.insert(productionFigures).values({ ...f, seq, source, at: now }))
    }
    try {
      if (writes.length > 0) await store.commit(writes)
      return { inserted: writes.length, duplicates: figures.length - writes.length }
    } catch (err) {
      if (attempt >= MAX_TRIES || !store.isUniqueViolation(err)) throw err
    }
  }
}
