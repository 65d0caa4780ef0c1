import { drizzle } from 'drizzle-orm/d1'
import * as schema from './schema'
import type { Db, Store, Write } from './store'

/** D1 reports constraint failures only in the message, e.g. "D1_ERROR: UNIQUE constraint failed: …". */
const UNIQUE = /UNIQUE constraint failed|PRIMARY KEY constraint failed|SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)/

/** The error and its causes: drizzle wraps a failed single query in DrizzleQueryError with the D1 error as cause. */
function* chain(err: unknown): Generator<Error> {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) yield e
}

/** A Store over a D1 binding: the same sqlite-core schema and migrations as Node. */
export function openD1Store(binding: D1Database): Store {
  const db = drizzle(binding, { schema })
  return {
    db: db as unknown as Db,
    async commit(writes: Write[]) {
      // D1 has no interactive transactions; one batch runs as one (DESIGN §1), all or nothing.
      if (writes.length > 0) await db.batch(writes as [Write, ...Write[]])
    },
    isUniqueViolation: (err) => [...chain(err)].some((e) => UNIQUE.test(e.message)),
  }
}
