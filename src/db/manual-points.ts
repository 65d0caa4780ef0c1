import { and, eq, sql } from 'drizzle-orm'
import { pointsLedger } from './schema'
import type { Db } from './store'

/** A member's manual point changes on a local day: how many rows, and how many points moved either way. */
export async function manualToday(db: Db, memberId: number, day: string) {
  const [row] = await db
    .select({
      rows: sql<number>`count(*)`,
      moved: sql<number>`coalesce(sum(abs(${pointsLedger.points})), 0)`,
    })
    .from(pointsLedger)
    .where(
      and(eq(pointsLedger.memberId, memberId), eq(pointsLedger.day, day), eq(pointsLedger.rule, 'manual')),
    )
  return { rows: Number(row?.rows ?? 0), moved: Number(row?.moved ?? 0) }
}
