import { sql } from 'drizzle-orm'
import type { CheckedFigure } from '../domain/production-batch'
import { knownSourceIds, type StoredFigure, storedIn } from './production'
import { productionCurrent, productionFigures, productionMonths } from './schema'
import type { Db, Store, Write } from './store'

/** A figure with its place in the history of its unit, metric and day: the higher seq is the newer report. */
export type SeqFigure = { unitId: number; metric: string; day: string; value: number; seq: number }

/** The figure each `unit|metric|day` key holds before a commit (production_current), as read for it. */
export type Before = ReadonlyMap<string, StoredFigure>

export const figureKey = (f: { unitId: number; metric: string; day: string }) =>
  `${f.unitId}|${f.metric}|${f.day}`

/**
 * Rows go to SQLite as one JSON parameter, one statement whatever the batch size: D1 binds at most 100
 * parameters a statement, and a statement a row cost 0.7 ms each to build and bind. Reading the fields with
 * json_extract costs about what binding them does.
 */
const field = (i: number) => sql.raw(`json_extract(j.value, '$[${i}]')`)
const rowsOf = (rows: unknown[][]) => sql`json_each(${JSON.stringify(rows)}) j`

type MonthChange = {
  unitId: number
  metric: string
  month: string
  delta: number
  added: number
  lastDay: string
  lastValue: number
  positiveDay: string | null
  /** A day whose figure went from above zero to zero or below: the month's newest such day is looked up again. */
  cleared: boolean
}

/** What the figures (one a key) change in their months, against the figures they replace; older reports change nothing. */
function monthChanges(figures: readonly SeqFigure[], before: Before): MonthChange[] {
  const out = new Map<string, MonthChange>()
  for (const f of figures) {
    const old = before.get(figureKey(f))
    if (old && old.seq >= f.seq) continue
    const month = f.day.slice(0, 7)
    const key = `${f.unitId}|${f.metric}|${month}`
    const c = out.get(key) ?? {
      unitId: f.unitId,
      metric: f.metric,
      month,
      delta: 0,
      added: 0,
      lastDay: f.day,
      lastValue: f.value,
      positiveDay: null,
      cleared: false,
    }
    c.delta += f.value - (old?.value ?? 0)
    c.added += old ? 0 : 1
    if (f.day >= c.lastDay) Object.assign(c, { lastDay: f.day, lastValue: f.value })
    if (f.value > 0 && (c.positiveDay === null || f.day > c.positiveDay)) c.positiveDay = f.day
    if (old && old.value > 0 && f.value <= 0) c.cleared = true
    out.set(key, c)
  }
  return [...out.values()]
}

/**
 * The rollups' part of a commit that stores figures, with their history rows:
 * - production_current takes each figure unless it holds a newer report already (an older seq arriving later
 *   changes nothing);
 * - production_months takes the difference each figure makes to its month against `before`, the newest day and
 *   value, and the newest day above zero; totals are rounded to 6 places so corrections leave no binary residue;
 * - where a figure above zero went down to zero, its month's newest day above zero is looked up again.
 * `before` must be what production_current held when it was read: the caller's history row carries the next seq,
 * so a commit in between makes this one fail on production_figures_seq and it is rebuilt from a fresh read.
 * Batch-shaped: no read between the statements, so it runs in one D1 batch.
 */
export function rollupWrites(db: Db, figures: readonly SeqFigure[], before: Before): Write[] {
  // A key reported twice in one batch counts once, as its highest seq.
  const newest = new Map<string, SeqFigure>()
  for (const f of figures) {
    const had = newest.get(figureKey(f))
    if (!had || f.seq > had.seq) newest.set(figureKey(f), f)
  }
  const changes = monthChanges([...newest.values()], before)
  if (changes.length === 0) return []
  const current = db
    .insert(productionCurrent)
    .select(
      sql`SELECT ${field(0)}, ${field(1)}, ${field(2)}, ${field(3)}, ${field(4)} FROM ${rowsOf(
        [...newest.values()].map((f) => [f.unitId, f.metric, f.day, f.value, f.seq]),
      )} WHERE true`,
    )
    .onConflictDoUpdate({
      target: [productionCurrent.unitId, productionCurrent.metric, productionCurrent.day],
      set: { value: sql`excluded.value`, seq: sql`excluded.seq` },
      setWhere: sql`excluded.seq > ${productionCurrent.seq}`,
    })
  const m = productionMonths
  const months = db
    .insert(m)
    .select(
      sql`SELECT ${field(0)}, ${field(1)}, ${field(2)}, round(${field(3)}, 6), ${field(4)}, ${field(5)}, ${field(6)}, ${field(7)} FROM ${rowsOf(
        changes.map((c) => [
          c.unitId,
          c.metric,
          c.month,
          c.delta,
          c.added,
          c.lastDay,
          c.lastValue,
          c.positiveDay,
        ]),
      )} WHERE true`,
    )
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
  const writes = [current as unknown as Write, months as unknown as Write]
  const cleared = changes.filter((c) => c.cleared)
  if (cleared.length > 0)
    writes.push(
      db
        .update(m)
        .set({
          positiveDay: sql`(SELECT max(c.day) FROM production_current c WHERE c.unit_id = ${m.unitId} AND c.metric = ${m.metric} AND c.day BETWEEN ${m.month} || '-01' AND ${m.month} || '-31' AND c.value > 0)`,
        })
        .where(
          sql`(${m.month}, ${m.unitId}, ${m.metric}) IN (SELECT ${field(2)}, ${field(0)}, ${field(1)} FROM ${rowsOf(
            cleared.map((c) => [c.unitId, c.metric, c.month]),
          )})`,
        ) as unknown as Write,
    )
  return writes
}

/** The history rows of a batch. The SELECT lists every column of the table in its order, so a column added later fails loudly here. */
function insertAll(
  db: Db,
  rows: readonly (SeqFigure & { sourceId: string })[],
  source: 'api' | 'import',
  now: number,
) {
  return db
    .insert(productionFigures)
    .select(
      sql`SELECT NULL, ${field(0)}, ${field(1)}, ${field(2)}, ${field(3)}, ${field(4)}, ${source}, ${field(5)}, NULL, NULL, ${now} FROM ${rowsOf(
        rows.map((f) => [f.unitId, f.metric, f.day, f.value, f.seq, f.sourceId]),
      )}`,
    ) as unknown as Write
}

/** A batch that lost a race is built again from a fresh read; this many tries is plenty for two senders. */
const MAX_TRIES = 5

export type StoredBatch = { inserted: number; duplicates: number }

/**
 * Stores checked figures from a system (the API, an import) in one commit with the rollups. A source id already
 * stored is a second delivery and is skipped; a figure for a unit, metric and day that has one gets the next seq
 * (a correction). Two batches racing on one key collide on a unique index, and the loser is rebuilt and retried.
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
    let first = ''
    let last = ''
    for (const f of fresh) {
      if (first === '' || f.day < first) first = f.day
      if (f.day > last) last = f.day
    }
    // One read for the whole batch: a query a row would be thousands of D1 round trips.
    const before =
      fresh.length === 0
        ? new Map<string, StoredFigure>()
        : await storedIn(store.db, [...new Set(fresh.map((f) => f.unitId))], first, last)
    const seqs = new Map<string, number>()
    const sequenced = fresh.map((f) => {
      const key = figureKey(f)
      const seq = (seqs.get(key) ?? before.get(key)?.seq ?? 0) + 1
      seqs.set(key, seq)
      return { ...f, seq }
    })
    try {
      if (sequenced.length > 0)
        await store.commit([
          insertAll(store.db, sequenced, source, now),
          ...rollupWrites(store.db, sequenced, before),
        ])
      return { inserted: sequenced.length, duplicates: figures.length - sequenced.length }
    } catch (err) {
      if (attempt >= MAX_TRIES || !store.isUniqueViolation(err)) throw err
    }
  }
}
