import { and, type Column, desc, eq, gte, like, lte, type SQL, sql } from 'drizzle-orm'
import { activities, bindRequests, jobRuns, makeupRequests, members, quizSets, taskAssignees } from './schema'
import type { Db } from './store'

/**
 * The morning card's reads. Id lists go in as one bound JSON parameter: a leader's subtree can hold hundreds
 * of units, and D1 binds at most 100 parameters a statement.
 */
const inJson = (col: Column | SQL, ids: (number | string)[]) =>
  sql`${col} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`

/** The job-run keys of the card's 催办: one nudge per task and local day. */
export const NUDGE_JOB = 'todo-nudge'
export const nudgeSlot = (taskId: number, day: string) => `task:${taskId}@${day}`

/** The job-run key that lets a bind request be decided from the card once, even under a double tap. */
export const BIND_JOB = 'todo-bind'
export const bindSlot = (requestId: number) => `request:${requestId}`

/** Activities of these units opened in [from, now], newest first. */
export async function activitiesOpenedSince(db: Db, unitIds: number[], from: number, now: number) {
  return db
    .select()
    .from(activities)
    .where(
      and(inJson(activities.unitId, unitIds), gte(activities.opensAt, from), lte(activities.opensAt, now)),
    )
    .orderBy(desc(activities.opensAt), desc(activities.id))
}

/** Bind requests still waiting, of members in these branches, oldest first. */
export async function pendingBinds(db: Db, branchIds: number[]) {
  return db
    .select({
      id: bindRequests.id,
      user: sql<string>`coalesce(${bindRequests.userName}, ${bindRequests.platformUserId})`,
      name: members.name,
      employeeNo: members.employeeNo,
      branchId: members.branchId,
    })
    .from(bindRequests)
    .innerJoin(members, eq(members.id, bindRequests.memberId))
    .where(and(eq(bindRequests.status, 'pending'), inJson(members.branchId, branchIds)))
    .orderBy(bindRequests.id)
}

/** 补签 requests still waiting, of members in these branches, oldest first. */
export async function pendingMakeups(db: Db, branchIds: number[]) {
  return db
    .select({
      id: makeupRequests.id,
      name: members.name,
      branchId: members.branchId,
      title: activities.title,
      reason: makeupRequests.reason,
    })
    .from(makeupRequests)
    .innerJoin(members, eq(members.id, makeupRequests.memberId))
    .innerJoin(activities, eq(activities.id, makeupRequests.activityId))
    .where(and(eq(makeupRequests.status, 'pending'), inJson(members.branchId, branchIds)))
    .orderBy(makeupRequests.id)
}

/** Per branch with a daily quiz set on `day`: its active members and how many of them answered. */
export async function quizTurnout(db: Db, branchIds: number[], day: string) {
  const rows = await db
    .select({
      unitId: quizSets.unitId,
      expected: sql<number>`(SELECT count(*) FROM members m WHERE m.branch_id = "quiz_sets"."unit_id" AND m.active = 1)`,
      answered: sql<number>`(SELECT count(DISTINCT a.member_id) FROM quiz_answers a WHERE a.unit_id = "quiz_sets"."unit_id" AND a.day = "quiz_sets"."day" AND a.mode = 'daily')`,
    })
    .from(quizSets)
    .where(and(eq(quizSets.day, day), inJson(quizSets.unitId, branchIds)))
  return rows.map((r) => ({ unitId: r.unitId, expected: Number(r.expected), answered: Number(r.answered) }))
}

/** The tasks already nudged from the card on `day`. */
export async function nudgedOn(db: Db, day: string): Promise<Set<number>> {
  const rows = await db
    .select({ slot: jobRuns.slot })
    .from(jobRuns)
    .where(and(eq(jobRuns.job, NUDGE_JOB), like(jobRuns.slot, `task:%@${day}`)))
  return new Set(rows.map((r) => Number(r.slot.slice('task:'.length, r.slot.indexOf('@')))))
}

/** When each of these activities' missing members were reminded (by the job or a button), if they were. */
export async function remindedAtOf(db: Db, job: string, slots: Map<string, number>) {
  if (slots.size === 0) return new Map<number, number>()
  const rows = await db
    .select({ slot: jobRuns.slot, ranAt: jobRuns.ranAt })
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), inJson(jobRuns.slot, [...slots.keys()])))
  return new Map(rows.map((r) => [slots.get(r.slot) as number, r.ranAt]))
}

/** The assignees of these tasks. */
export async function assigneesOfTasks(db: Db, taskIds: number[]) {
  if (taskIds.length === 0) return []
  return db
    .select({ taskId: taskAssignees.taskId, memberId: taskAssignees.memberId })
    .from(taskAssignees)
    .where(inJson(taskAssignees.taskId, taskIds))
}
