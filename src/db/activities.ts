import { and, desc, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm'
import type { AttendanceRecord, Person } from '../domain/checkin'
import { perDb } from './prepared'
import {
  activities,
  activityWindows,
  checkins,
  identities,
  members,
  orgUnits,
  pointsLedger,
  roleAssignments,
} from './schema'
import type { Db } from './store'

/** Units are at most a few levels deep; the lineage query pads to this many ids so it can stay prepared. */
const MAX_DEPTH = 6

/** The check-in path's reads, prepared once per database: a morning burst runs them thousands of times. */
function preparedFor(db: Db) {
  const units = Array.from({ length: MAX_DEPTH }, (_, i) => sql.placeholder(`u${i}`))
  return {
    parent: db
      .select({ parentId: orgUnits.parentId })
      .from(orgUnits)
      .where(eq(orgUnits.id, sql.placeholder('id')))
      .prepare(),
    open: db
      .select({
        id: activities.id,
        unitId: activities.unitId,
        title: activities.title,
        code: activities.code,
        opensAt: activities.opensAt,
        closesAt: activities.closesAt,
        lateUntil: activities.lateUntil,
      })
      .from(activities)
      .where(
        and(
          inArray(activities.unitId, units),
          lte(activities.opensAt, sql.placeholder('now')),
          gt(activities.lateUntil, sql.placeholder('now')),
        ),
      )
      .prepare(),
    mine: db
      .select({ id: checkins.id, kind: checkins.kind, status: checkins.status, at: checkins.at })
      .from(checkins)
      .where(
        and(
          eq(checkins.activityId, sql.placeholder('activityId')),
          eq(checkins.memberId, sql.placeholder('memberId')),
        ),
      )
      .orderBy(desc(checkins.id))
      .prepare(),
    earnedToday: db
      .select({ points: sql<number>`coalesce(sum(${pointsLedger.points}), 0)` })
      .from(pointsLedger)
      .where(
        and(
          eq(pointsLedger.memberId, sql.placeholder('memberId')),
          eq(pointsLedger.day, sql.placeholder('day')),
          inArray(pointsLedger.rule, ['checkin', 'checkinLate']),
        ),
      )
      .prepare(),
  }
}

const q = perDb(preparedFor)

/** The unit and its ancestors, nearest first. */
export async function lineageOf(db: Db, unitId: number): Promise<number[]> {
  const path = [unitId]
  for (let id: number | null = unitId; path.length < MAX_DEPTH; ) {
    const [row] = await q(db).parent.all({ id })
    id = row?.parentId ?? null
    if (id === null || path.includes(id)) break
    path.push(id)
  }
  return path
}

export type OpenActivityRow = Awaited<ReturnType<typeof openActivities>>[number]

/** Activities of these units whose window (on time or late) contains `now`. */
export async function openActivities(db: Db, unitIds: number[], now: number) {
  const params: Record<string, number> = { now }
  for (let i = 0; i < MAX_DEPTH; i++) params[`u${i}`] = unitIds[i] ?? -1
  return q(db).open.all(params)
}

/** A member's records for one activity, newest first. */
export async function recordsOfMember(db: Db, activityId: number, memberId: number) {
  return q(db).mine.all({ activityId, memberId })
}

/** Points already earned from check-ins on a local day (the cap is per day). */
export async function checkinPointsOn(db: Db, memberId: number, day: string): Promise<number> {
  const [row] = await q(db).earnedToday.all({ memberId, day })
  return Number(row?.points ?? 0)
}

export async function activityById(db: Db, id: number) {
  const [row] = await db.select().from(activities).where(eq(activities.id, id))
  return row
}

export type ActivityRow = NonNullable<Awaited<ReturnType<typeof activityById>>>

/** The most recent activity already opened in these units, and the few before it. */
export async function recentActivities(db: Db, unitIds: number[], now: number, limit = 5) {
  if (unitIds.length === 0) return []
  return db
    .select()
    .from(activities)
    .where(and(inArray(activities.unitId, unitIds), lte(activities.opensAt, now)))
    .orderBy(desc(activities.opensAt), desc(activities.id))
    .limit(limit)
}

/** The next activity of these units that has not opened yet (for a leave asked in advance). */
export async function nextActivity(db: Db, unitIds: number[], now: number, within: number) {
  const [row] = await db
    .select()
    .from(activities)
    .where(
      and(
        inArray(activities.unitId, unitIds),
        gt(activities.opensAt, now),
        lte(activities.opensAt, now + within),
      ),
    )
    .orderBy(activities.opensAt)
    .limit(1)
  return row
}

/** The activity of these units that closed most recently, within `since` of now. */
export async function lastClosed(db: Db, unitIds: number[], now: number, since: number) {
  const [row] = await db
    .select()
    .from(activities)
    .where(
      and(
        inArray(activities.unitId, unitIds),
        lte(activities.lateUntil, now),
        gte(activities.lateUntil, now - since),
      ),
    )
    .orderBy(desc(activities.lateUntil))
    .limit(1)
  return row
}

/** Active members whose branch is one of `unitIds` (an activity's unit and the units below it). */
export async function membersOf(db: Db, unitIds: number[]): Promise<Person[]> {
  if (unitIds.length === 0) return []
  return db
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(and(inArray(members.branchId, unitIds), eq(members.active, true)))
    .orderBy(members.employeeNo)
}

export async function recordsOf(db: Db, activityId: number): Promise<AttendanceRecord[]> {
  return db
    .select({
      id: checkins.id,
      memberId: checkins.memberId,
      status: checkins.status,
      reason: checkins.reason,
      at: checkins.at,
    })
    .from(checkins)
    .where(eq(checkins.activityId, activityId))
}

export async function namesOf(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(inArray(members.id, ids))
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** Every chat account of these members: platform and user id, for private pushes. */
export async function accountsOf(db: Db, memberIds: number[]) {
  if (memberIds.length === 0) return []
  return db
    .select({
      memberId: identities.memberId,
      platform: identities.platform,
      userId: identities.platformUserId,
    })
    .from(identities)
    .where(inArray(identities.memberId, memberIds))
}

/** Members who hold `role` on exactly this unit. */
export async function holdersOf(db: Db, role: 'secretary' | 'leader', unitId: number): Promise<number[]> {
  const rows = await db
    .select({ memberId: roleAssignments.memberId })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.role, role), eq(roleAssignments.unitId, unitId)))
  return rows.map((r) => r.memberId)
}

/** Activities whose close (or nudge point) falls in [from, to]: the data behind the check-in jobs' slots. */
export async function activitiesClosingBetween(
  db: Db,
  column: 'closesAt' | 'lateUntil',
  from: number,
  to: number,
) {
  const col = activities[column]
  return db
    .select({
      id: activities.id,
      opensAt: activities.opensAt,
      closesAt: activities.closesAt,
      lateUntil: activities.lateUntil,
    })
    .from(activities)
    .where(and(gte(col, from), lte(col, to)))
}

/** The shift windows of an activity (none for an activity with a single window), earliest first. */
export const windowsOf = (db: Db, activityId: number) =>
  db
    .select({
      shift: activityWindows.shift,
      opensAt: activityWindows.opensAt,
      closesAt: activityWindows.closesAt,
      lateUntil: activityWindows.lateUntil,
    })
    .from(activityWindows)
    .where(eq(activityWindows.activityId, activityId))
    .orderBy(activityWindows.opensAt)

/** Shift windows whose close falls in [from, to]: the data behind the per-window reminder slots. */
export async function windowsClosingBetween(db: Db, from: number, to: number) {
  return db
    .select({
      activityId: activityWindows.activityId,
      shift: activityWindows.shift,
      opensAt: activityWindows.opensAt,
      closesAt: activityWindows.closesAt,
      lateUntil: activityWindows.lateUntil,
    })
    .from(activityWindows)
    .where(and(gte(activityWindows.closesAt, from), lte(activityWindows.closesAt, to)))
}

/** Which of these activities are held after each shift (have windows). */
export async function withWindows(db: Db, activityIds: number[]): Promise<Set<number>> {
  if (activityIds.length === 0) return new Set()
  const rows = await db
    .selectDistinct({ id: activityWindows.activityId })
    .from(activityWindows)
    .where(inArray(activityWindows.activityId, activityIds))
  return new Set(rows.map((r) => r.id))
}

/**
 * The activity of this title a unit opened since `since` that has shift windows: 发起签到 … 班次 中 after the 早班
 * window adds to it instead of opening a second activity.
 */
export async function windowedActivitySince(db: Db, unitId: number, title: string, since: number) {
  const [row] = await db
    .select({ id: activities.id, code: activities.code })
    .from(activities)
    .where(
      and(
        eq(activities.unitId, unitId),
        eq(activities.title, title),
        gte(activities.opensAt, since),
        sql`EXISTS (SELECT 1 FROM ${activityWindows} WHERE ${activityWindows.activityId} = ${activities.id})`,
      ),
    )
    .orderBy(desc(activities.opensAt))
    .limit(1)
  return row
}

/** The id a new activity with windows takes: its window rows must name it in the same batch (a race re-runs). */
export async function nextActivityId(db: Db): Promise<number> {
  const [row] = await db.select({ max: sql<number>`coalesce(max(${activities.id}), 0)` }).from(activities)
  return Number(row?.max ?? 0) + 1
}
