import type { BatchItem } from 'drizzle-orm/batch'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type * as schema from './schema'

/** Drizzle over either driver: reads are awaited, so the same code runs on better-sqlite3 and D1. */
// biome-ignore lint/suspicious/noExplicitAny: the result type differs per driver and is not read
export type Db = BaseSQLiteDatabase<'sync' | 'async', any, typeof schema>

/** A statement built but not yet run; a handler returns these and the store commits them together. */
export type Write = BatchItem<'sqlite'>

export interface Store {
  readonly db: Db
  /** Runs every write in one atomic unit: a better-sqlite3 transaction on Node, one D1 batch on Workers. */
  commit(writes: Write[]): Promise<void>
  /** True when the error is a unique-constraint failure (the race guard fired). */
  isUniqueViolation(err: unknown): boolean
  /**
   * Node only: runs synchronous statements in one transaction. Present where the driver answers synchronously,
   * so that events arriving in one turn of the event loop share one commit (group commit).
   */
  runInTransaction?<T>(fn: () => T): T
  /** Node only: the SQLite file, which another thread may open too; absent for a database in memory. */
  readonly file?: string
}
