import type { Db } from './store'

/**
 * Builds something once per database and keeps it: prepared statements belong to one connection, and a
 * statement built per call costs 10× more than running it (STACK.md).
 */
export function perDb<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>()
  return (db) => {
    let value = cache.get(db)
    if (value === undefined) {
      value = build(db)
      cache.set(db, value)
    }
    return value
  }
}
