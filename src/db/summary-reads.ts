import type { Db } from './store'
import { summaryQueries } from './summary'

type Queries = ReturnType<typeof summaryQueries>
export type SummaryQuery = keyof Queries
export type RowsOf<K extends SummaryQuery> = Awaited<ReturnType<Queries[K]['all']>>
/** One statement of summary.ts by name and its parameters: what a reader in another thread can run too. */
export type SummaryRead = { query: SummaryQuery; params: Record<string, unknown> }
/** Runs a card's reads and gives their rows in the order asked. */
export type SummaryReader = (reads: SummaryRead[]) => Promise<unknown[][]>

/** The statements on this connection, side by side: D1 sends them together, better-sqlite3 runs them in turn. */
export const inThread =
  (db: Db): SummaryReader =>
  async (reads) => {
    const q = summaryQueries(db) as Record<SummaryQuery, { all(params: unknown): unknown }>
    return Promise.all(reads.map((r) => q[r.query].all(r.params) as Promise<unknown[]>))
  }

/** A reader other than the connection itself (the Node read pool, src/db/read-pool.ts), per database. */
const readers = new WeakMap<Db, SummaryReader>()

export function useSummaryReader(db: Db, reader: SummaryReader | undefined): void {
  if (reader) readers.set(db, reader)
  else readers.delete(db)
}

/**
 * One card's reads, gathered before any runs: `all` asks for a statement's rows, `run` then hands every read asked
 * for to the database's reader at once, so a pool can start its share in another thread before this one runs the
 * rest. Every promise `all` gave settles once `run` has been called.
 */
export type SummaryReads = {
  all<K extends SummaryQuery>(query: K, params: Record<string, unknown>): Promise<RowsOf<K>>
  run(): void
}

export function summaryReads(db: Db): SummaryReads {
  const reads: SummaryRead[] = []
  const waiting: { resolve(rows: unknown): void; reject(err: unknown): void }[] = []
  return {
    all(query, params) {
      reads.push({ query, params })
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }))
    },
    run() {
      const reader = readers.get(db) ?? inThread(db)
      reader(reads).then(
        (rows) => {
          for (const [i, w] of waiting.entries()) w.resolve(rows[i])
        },
        (err) => {
          for (const w of waiting) w.reject(err)
        },
      )
    },
  }
}
