import { and, asc, count, eq, inArray, sql } from 'drizzle-orm'
import { members, pointsLedger, pointsRequests, roleAssignments } from './schema'
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

/** How many point requests a member already has on a day (the next one is numbered one more). */
export async function requestsOn(db: Db, memberId: number, day: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(pointsRequests)
    .where(and(eq(pointsRequests.memberId, memberId), eq(pointsRequests.day, day)))
  return row?.n ?? 0
}

/** The leaders holding any of these units (a branch's lineage): who may approve a request for it. */
export async function leadersOn(db: Db, unitIds: number[]) {
  if (unitIds.length === 0) return []
  return db
    .selectDistinct({ id: members.id, name: members.name })
    .from(roleAssignments)
    .innerJoin(members, eq(members.id, roleAssignments.memberId))
    .where(and(eq(roleAssignments.role, 'leader'), inArray(roleAssignments.unitId, unitIds)))
    .orderBy(asc(members.id))
}

const requestFields = {
  id: pointsRequests.id,
  memberId: pointsRequests.memberId,
  name: members.name,
  branchId: members.branchId,
  points: pointsRequests.points,
  reason: pointsRequests.reason,
  requestedBy: pointsRequests.requestedBy,
  day: pointsRequests.day,
  nth: pointsRequests.nth,
  status: pointsRequests.status,
  decidedBy: pointsRequests.decidedBy,
  settingsVersion: pointsRequests.settingsVersion,
}

export type PointsRequest = Awaited<ReturnType<typeof requestByKey>>

/** One request by the key its buttons carry (member, day, nth), with the member's name and branch. */
export async function requestByKey(db: Db, memberId: number, day: string, nth: number) {
  const [row] = await db
    .select(requestFields)
    .from(pointsRequests)
    .innerJoin(members, eq(members.id, pointsRequests.memberId))
    .where(
      and(eq(pointsRequests.memberId, memberId), eq(pointsRequests.day, day), eq(pointsRequests.nth, nth)),
    )
  return row
}

/** Requests still waiting, of members of these branches, oldest first (the morning card's block). */
export async function pendingRequests(db: Db, branchIds: number[]) {
  if (branchIds.length === 0) return []
  return db
    .select(requestFields)
    .from(pointsRequests)
    .innerJoin(members, eq(members.id, pointsRequests.memberId))
    .where(and(eq(pointsRequests.status, 'pending'), inArray(members.branchId, branchIds)))
    .orderBy(asc(pointsRequests.id))
}
