import { sql } from 'drizzle-orm'
import type { CheckedFigure } from '../domain/production-batch'
import { knownSourceIds, seqsIn } from './production'
import { daysFrom } from './production-days'
import { productionCurrent, productionFigures, productionMonths } from './schema'
import type { Db, Store, Write } from './store'

const figureKey = (f: { unitId: number; metric: string; day: string }) => `${f.unitId}|${f.metric}|${f.day}`

/**
 * The history rows the same commit has just written, the last `count` of the table: ids only grow, and nothing
 * else writes between the statements of one commit (one transaction on Node, one D1 batch on Workers).
 */
const justWritten = (count: number) =>
  sql`(SELECT * FROM production_figures WHERE id > (SELECT max(id) FROM production_figures) - ${count}) h`

/** The current figure of a history row's unit, metric and day, as it was before this commit's rollups. */
const currentOfRow = sql.raw(
  'production_current c ON c.unit_id = h.unit_id AND c.metric = h.metric AND c.day = h.day',
)

/** A later report of the same unit, metric and day in the history: then the row is not the one that counts. */
const NEWER_REPORT = sql.raw(
  'EXISTS (SELECT 1 FROM production_figures n WHERE n.unit_id = h.unit_id AND n.metric = h.metric AND n.day = h.day AND n.seq > h.seq)',
)

/**
 * What the writer knows of its rows: whether a unit, metric and day comes twice among them, and whether one had
 * a figure stored before. A batch of new figures (the dispatch system's daily batch) skips the lookups that only
 * these need: a seq is the stored one plus one, and the unique index on seqs refuses the batch if another commit
 * stored one meanwhile, so a batch that commits is as its writer saw it.
 */
export type RowsShape = { repeats: boolean; corrects: boolean }
const ANY_ROWS: RowsShape = { repeats: true, corrects: true }

/**
 * The rollups' part of a commit that has just written `count` history rows (报产, the API, an import); read
 * from those rows, so the rollups follow the history exactly and a commit needs no figures read before it:
 * - production_months takes each row that is the newest report of its unit, metric and day and newer than the
 *   figure it replaces: the difference to that figure, the newest day and value, the newest day above zero
 *   (merged row by row by the upsert); totals are rounded to 6 places so corrections leave no binary residue;
 * - production_current takes each row unless it holds a newer report already (an older seq arriving later
 *   changes nothing);
 * - a month whose newest day above zero no longer has a figure above zero looks it up again.
 * Batch-shaped: no read between the statements, so it runs in one D1 batch.
 */
export function rollupWrites(db: Db, count: number, shape: RowsShape = ANY_ROWS): Write[] {
  const m = productionMonths
  const newest = shape.repeats ? sql`NOT ${NEWER_REPORT}` : sql`true`
  const changes = shape.corrects
    ? sql`SELECT h.unit_id, h.metric, substr(h.day, 1, 7), round(h.value - coalesce(c.value, 0), 6), c.seq IS NULL, h.day, h.value, CASE WHEN h.value > 0 THEN h.day END
        FROM ${justWritten(count)} LEFT JOIN ${currentOfRow}
        WHERE h.seq > coalesce(c.seq, 0) AND ${newest}`
    : sql`SELECT h.unit_id, h.metric, substr(h.day, 1, 7), round(h.value, 6), 1, h.day, h.value, CASE WHEN h.value > 0 THEN h.day END
        FROM ${justWritten(count)} WHERE ${newest}`
  const months = db
    .insert(m)
    .select(changes)
    .onConflictDoUpdate({
      target: [m.month, m.unitId, m.metric],
      set: {
        total: sql`round(${m.total} + excluded.total, 6)`,
        n: sql`${m.n} + excluded.n`,
        lastDay: sql`max(${m.lastDay}, excluded.last_day)`,
        lastValue: sql`CASE WHEN excluded.last_day >= ${m.lastDay} THEN excluded.last_value ELSE ${m.lastValue} END`,
        positiveDay: sql`CASE WHEN excluded.positive_day > coalesce(${m.positiveDay}, '') THEN excluded.positive_day ELSE ${m.positiveDay} END`,
      },
    })
  const current = db
    .insert(productionCurrent)
    .select(sql`SELECT h.unit_id, h.metric, h.day, h.value, h.seq FROM ${justWritten(count)} WHERE true`)
    .onConflictDoUpdate({
      target: [productionCurrent.unitId, productionCurrent.metric, productionCurrent.day],
      set: { value: sql`excluded.value`, seq: sql`excluded.seq` },
      setWhere: sql`excluded.seq > ${productionCurrent.seq}`,
    })
  // Only a figure going to zero or below can take away a month's newest day above zero, and only by replacing one.
  if (!shape.corrects) return [months, current] as unknown as Write[]
  const positiveAgain = db
    .update(m)
    .set({
      positiveDay: sql`(SELECT max(c.day) FROM production_current c WHERE c.day IN ${daysFrom(sql`${m.month} || '-01'`, sql`${m.month} || '-31'`)} AND c.unit_id = ${m.unitId} AND c.metric = ${m.metric} AND c.value > 0)`,
    })
    .where(
      sql`(${m.month}, ${m.unitId}, ${m.metric}) IN (SELECT substr(h.day, 1, 7), h.unit_id, h.metric FROM ${justWritten(count)} WHERE h.value <= 0)
        AND (SELECT c.value FROM production_current c WHERE c.unit_id = ${m.unitId} AND c.metric = ${m.metric} AND c.day = ${m.positiveDay}) <= 0`,
    )
  return [months, current, positiveAgain] as unknown as Write[]
}

/**
 * The history rows of a batch, as one JSON parameter whatever the batch size: D1 binds at most 100 parameters a
 * statement, and a statement a row cost 0.7 ms each to build and bind. The SELECT lists every column of the table
 * in its order, so a column added later fails loudly here.
 */
function insertAll(db: Db, rowsJson: string, source: 'api' | 'import', now: number): Write {
  const field = (i: number) => sql.raw(`j.value ->> ${i}`)
  return db
    .insert(productionFigures)
    .select(
      sql`SELECT NULL, ${field(0)}, ${field(1)}, ${field(2)}, ${field(3)}, ${field(4)}, ${source}, ${field(5)}, NULL, NULL, ${now} FROM json_each(${rowsJson}) j`,
    ) as unknown as Write
}

/** A batch that lost a race is built again from a fresh read; this many tries is plenty for two senders. */
const MAX_TRIES = 5

export type StoredBatch = { inserted: number; duplicates: number }

/**
 * Stores checked figures from a system (the API, an import) in one commit with the rollups. A source id already
 * stored is a second delivery and is skipped; a figure for a unit, metric and day that has one gets the next seq
 * (a correction). The first try assumes every source id is new (a resend is the rare case, and the unique index
 * on source ids refuses it); a unique violation, a resent row or a batch racing on one key, makes the next try
 * read the stored source ids and seqs afresh.
 */
export async function storeFigures(
  store: Store,
  figures: readonly CheckedFigure[],
  source: 'api' | 'import',
  now: number,
): Promise<StoredBatch> {
  for (let attempt = 1; ; attempt++) {
    const known =
      attempt === 1
        ? new Set<string>()
        : await knownSourceIds(
            store.db,
            figures.map((f) => f.sourceId),
          )
    const fresh = known.size === 0 ? figures : figures.filter((f) => !known.has(f.sourceId))
    if (fresh.length === 0) return { inserted: 0, duplicates: figures.length }
    let first = fresh[0]?.day as string
    let last = first
    const units = new Set<number>()
    for (const f of fresh) {
      if (f.day < first) first = f.day
      if (f.day > last) last = f.day
      units.add(f.unitId)
    }
    // One read for the whole batch: a query a row would be thousands of D1 round trips.
    const stored = await seqsIn(store.db, [...units], first, last)
    const seqs = new Map<string, number>()
    const shape: RowsShape = { repeats: false, corrects: false }
    const rows = fresh.map((f) => {
      const key = figureKey(f)
      const before = seqs.get(key)
      const had = stored.get(key)
      if (before !== undefined) shape.repeats = true
      if (had !== undefined) shape.corrects = true
      const seq = (before ?? had ?? 0) + 1
      seqs.set(key, seq)
      return [f.unitId, f.metric, f.day, f.value, seq, f.sourceId]
    })
    try {
      await store.commit([
        insertAll(store.db, JSON.stringify(rows), source, now),
        ...rollupWrites(store.db, rows.length, shape),
      ])
      return { inserted: rows.length, duplicates: figures.length - rows.length }
    } catch (err) {
      if (attempt >= MAX_TRIES || !store.isUniqueViolation(err)) throw err
    }
  }
}
