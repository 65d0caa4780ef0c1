import { and, desc, eq, gte, inArray, lte, max, sql } from 'drizzle-orm'
import { activities, checkins, makeupRequests, pointsLedger } from './schema'
import type { Db } from './store'

/** Activities of these units whose late window ended in [now - grace, now], newest first. */
export async function closedWithin(db: Db, unitIds: number[], now: number, graceMs: number) {
  if (unitIds.length === 0) return []
  return db
    .select({ id: activities.id, title: activities.title, lateUntil: activities.lateUntil })
    .from(activities)
    .where(
      and(
        inArray(activities.unitId, unitIds),
        lte(activities.lateUntil, now),
        gte(activities.lateUntil, now - graceMs),
      ),
    )
    .orderBy(desc(activities.lateUntil), desc(activities.id))
    .limit(10)
}

/** Of these activities, the ones the member has any attendance record for. */
export async function recordedOf(db: Db, activityIds: number[], memberId: number): Promise<Set<number>> {
  if (activityIds.length === 0) return new Set()
  const rows = await db
    .selectDistinct({ id: checkins.activityId })
    .from(checkins)
    .where(and(inArray(checkins.activityId, activityIds), eq(checkins.memberId, memberId)))
  return new Set(rows.map((r) => r.id))
}

/** The member's make-up requests for these activities. */
export async function requestsOf(db: Db, activityIds: number[], memberId: number) {
  if (activityIds.length === 0) return []
  return db
    .select()
    .from(makeupRequests)
    .where(and(inArray(makeupRequests.activityId, activityIds), eq(makeupRequests.memberId, memberId)))
}

export async function makeupById(db: Db, id: number) {
  const [row] = await db.select().from(makeupRequests).where(eq(makeupRequests.id, id))
  return row
}

/** The next request number; two asks racing for one number meet the primary key, and the loser is re-run. */
export async function nextMakeupId(db: Db): Promise<number> {
  const [row] = await db.select({ top: max(makeupRequests.id) }).from(makeupRequests)
  return (row?.top ?? 0) + 1
}

/** Points make-ups earned a member on a local day (their rule's cap is per day). */
export async function makeupPointsOn(db: Db, memberId: number, day: string): Promise<number> {
  const [row] = await db
    .select({ points: sql<number>`coalesce(sum(${pointsLedger.points}), 0)` })
    .from(pointsLedger)
    .where(
      and(eq(pointsLedger.memberId, memberId), eq(pointsLedger.day, day), eq(pointsLedger.rule, 'makeup')),
    )
  return Number(row?.points ?? 0)
}
