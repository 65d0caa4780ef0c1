import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema'
import type { Db, Store, Write } from './store'

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url))

/** Distinct write statements kept prepared; a bulk insert of varying row counts could otherwise grow it without end. */
const MAX_CACHED_STATEMENTS = 256

export type NodeStore = Store &
  Required<Pick<Store, 'runInTransaction'>> & { sqlite: Database.Database; close(): void }

/**
 * Opens (creating and migrating) the SQLite file; `:memory:` for tests, or a database image (`serialize()` of
 * another store) opened as an in-memory copy: tests start from one seeded image instead of seeding each time.
 */
export function openNodeStore(file: string | Buffer): NodeStore {
  if (typeof file === 'string' && file !== ':memory:')
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new Database(file)
  // WAL + NORMAL survives a process crash; FULL costs 3.5× per event (STACK.md).
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = drizzle(sqlite, { schema })
  migrate(db, { migrationsFolder: MIGRATIONS_DIR })
  // A handler's writes have a handful of shapes (a check-in, a points row, an outbox row, the processed mark):
  // keyed by SQL text, each is prepared once instead of on every commit, which cost a third of a check-in.
  const statements = new Map<string, Database.Statement>()
  const statementFor = (text: string) => {
    let stmt = statements.get(text)
    if (!stmt) {
      if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear()
      stmt = sqlite.prepare(text)
      statements.set(text, stmt)
    }
    return stmt
  }
  const runAll = sqlite.transaction((writes: Write[]) => {
    for (const w of writes) {
      const query = (w as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL()
      statementFor(query.sql).run(...query.params)
    }
  })
  // One wrapper for every call: building it per call showed in the webhook's profile under load.
  const inTransaction = sqlite.transaction((fn: () => unknown) => fn())
  return {
    sqlite,
    db: db as unknown as Db,
    async commit(writes) {
      if (writes.length > 0) runAll(writes)
    },
    isUniqueViolation: (err) =>
      err instanceof Error &&
      ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' ||
        (err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY'),
    runInTransaction: <T>(fn: () => T) => inTransaction(fn) as T,
    ...(sqlite.memory ? {} : { file: sqlite.name }),
    close: () => sqlite.close(),
  }
}
