import { type Placeholder, type SQL, sql } from 'drizzle-orm'

/**
 * The local days from `from` to `to` (YYYY-MM-DD, inclusive; none when `to` comes first), as a list for
 * `day IN …`. production_current is keyed by day first (migration 0016), so a few units' figures over a stretch
 * are a seek per day and unit, where a day range would read every team's figures of those days. `to` may be a
 * day past the month's end such as `2026-02-31`: the list stops at the last real day before it.
 */
export const daysFrom = (from: SQL | Placeholder, to: SQL | Placeholder): SQL =>
  sql`(WITH RECURSIVE d(day) AS (SELECT ${from} UNION ALL SELECT date(day, '+1 day') FROM d WHERE day < ${to}) SELECT day FROM d WHERE day <= ${to})`
