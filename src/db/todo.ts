import { and, type Column, desc, eq, gte, like, lte, type SQL, sql } from 'drizzle-orm'
import { perDb } from './prepared'
import {
  activities,
  bindRequests,
  checkins,
  escalationSteps,
  jobRuns,
  makeupRequests,
  members,
  pointsRequests,
  quizSets,
  taskAssignees,
} from './schema'
import type { Db } from './store'

/**
 * The morning card's reads, prepared once per database: 500 cards at once each run about a dozen of them, and
 * building a statement costs more than running it (bench/todo.ts). Id lists go in as one bound JSON parameter:
 * a leader's subtree can hold hundreds of units, and D1 binds at most 100 parameters a statement.
 */
const inJson = (col: Column | SQL, name: string) =>
  sql`${col} IN (SELECT value FROM json_each(${sql.placeholder(name)}))`

/** The job-run keys of the card's 催办: one nudge per task and local day. */
export const NUDGE_JOB = 'todo-nudge'
export const nudgeSlot = (taskId: number, day: string) => `task:${taskId}@${day}`

/** The job-run key that lets a bind request be decided from the card once, even under a double tap. */
export const BIND_JOB = 'todo-bind'
export const bindSlot = (requestId: number) => `request:${requestId}`

/** The job-run key of a leader's 再次催办 of an escalated item: once per item and local day. */
export const ESCALATED_JOB = 'todo-escalated'
export const escalatedSlot = (kind: string, key: string, day: string) => `${kind}:${key}@${day}`

/** Every statement of the card. The bench builds them per call as its baseline; the app keeps them (todoQueries). */
export function buildTodoQueries(db: Db) {
  const p = sql.placeholder
  return {
    activitiesOpened: db
      .select()
      .from(activities)
      .where(
        and(
          inJson(activities.unitId, 'units'),
          gte(activities.opensAt, p('from')),
          lte(activities.opensAt, p('now')),
        ),
      )
      .orderBy(desc(activities.opensAt), desc(activities.id))
      .prepare(),
    /** The active members of the scope's branches in roster order: who each activity expects. */
    scopeMembers: db
      .select({ id: members.id, name: members.name, branchId: members.branchId })
      .from(members)
      .where(and(eq(members.active, true), inJson(members.branchId, 'branches')))
      .orderBy(members.employeeNo)
      .prepare(),
    /** Every record of these activities: attendance takes each member's latest. */
    records: db
      .select({
        activityId: checkins.activityId,
        id: checkins.id,
        memberId: checkins.memberId,
        status: checkins.status,
        reason: checkins.reason,
        at: checkins.at,
      })
      .from(checkins)
      .where(inJson(checkins.activityId, 'ids'))
      .prepare(),
    names: db
      .select({ id: members.id, name: members.name })
      .from(members)
      .where(inJson(members.id, 'ids'))
      .prepare(),
    /** 加分 / 扣分 waiting for a leader (manual-points.ts pendingRequests, prepared for the card). */
    pendingPoints: db
      .select({
        memberId: pointsRequests.memberId,
        name: members.name,
        branchId: members.branchId,
        points: pointsRequests.points,
        reason: pointsRequests.reason,
        day: pointsRequests.day,
        nth: pointsRequests.nth,
      })
      .from(pointsRequests)
      .innerJoin(members, eq(members.id, pointsRequests.memberId))
      .where(and(eq(pointsRequests.status, 'pending'), inJson(members.branchId, 'branches')))
      .orderBy(pointsRequests.id)
      .prepare(),
    pendingBinds: db
      .select({
        id: bindRequests.id,
        user: sql<string>`coalesce(${bindRequests.userName}, ${bindRequests.platformUserId})`,
        name: members.name,
        employeeNo: members.employeeNo,
        branchId: members.branchId,
      })
      .from(bindRequests)
      .innerJoin(members, eq(members.id, bindRequests.memberId))
      .where(and(eq(bindRequests.status, 'pending'), inJson(members.branchId, 'branches')))
      .orderBy(bindRequests.id)
      .prepare(),
    pendingMakeups: db
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
      .where(and(eq(makeupRequests.status, 'pending'), inJson(members.branchId, 'branches')))
      .orderBy(makeupRequests.id)
      .prepare(),
    quizTurnout: db
      .select({
        unitId: quizSets.unitId,
        expected: sql<number>`(SELECT count(*) FROM members m WHERE m.branch_id = "quiz_sets"."unit_id" AND m.active = 1)`,
        answered: sql<number>`(SELECT count(DISTINCT a.member_id) FROM quiz_answers a WHERE a.unit_id = "quiz_sets"."unit_id" AND a.day = "quiz_sets"."day" AND a.mode = 'daily')`,
      })
      .from(quizSets)
      .where(and(eq(quizSets.day, p('day')), inJson(quizSets.unitId, 'branches')))
      .prepare(),
    slotsLike: db
      .select({ slot: jobRuns.slot })
      .from(jobRuns)
      .where(and(eq(jobRuns.job, p('job')), like(jobRuns.slot, p('pattern'))))
      .prepare(),
    ranAt: db
      .select({ slot: jobRuns.slot, ranAt: jobRuns.ranAt })
      .from(jobRuns)
      .where(and(eq(jobRuns.job, p('job')), inJson(jobRuns.slot, 'slots')))
      .prepare(),
    assignees: db
      .select({ taskId: taskAssignees.taskId, memberId: taskAssignees.memberId })
      .from(taskAssignees)
      .where(inJson(taskAssignees.taskId, 'ids'))
      .prepare(),
    /**
     * Leader-card steps of the ladder whose item may still be open. An overdue task closed since (or outside the
     * scope) is left out here, the kind decides for the rest (scheduler/escalation); `ref` is the row's rowid,
     * short enough for a button's value on Telegram.
     */
    leaderSteps: db
      .select({
        ref: sql<number>`"escalation_steps".rowid`,
        kind: escalationSteps.kind,
        itemKey: escalationSteps.itemKey,
        firedAt: escalationSteps.firedAt,
      })
      .from(escalationSteps)
      .where(
        sql`${escalationSteps.action} = 'leaderCard' AND ${escalationSteps.status} = 'sent' AND (${escalationSteps.kind} <> 'taskOverdue' OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = CAST("escalation_steps"."item_key" AS INTEGER) AND t.status IN ('open', 'progress') AND ${inJson(sql`t.branch_id`, 'branches')}))`,
      )
      .orderBy(escalationSteps.firedAt)
      .prepare(),
    stepByRef: db
      .select({
        kind: escalationSteps.kind,
        itemKey: escalationSteps.itemKey,
        action: escalationSteps.action,
      })
      .from(escalationSteps)
      .where(sql`"escalation_steps".rowid = ${p('ref')}`)
      .prepare(),
    /** An item's steps that fired (or wait to press): the highest is the step it reached. */
    stepsOf: db
      .select({ step: escalationSteps.step, action: escalationSteps.action })
      .from(escalationSteps)
      .where(
        and(
          eq(escalationSteps.kind, p('kind')),
          eq(escalationSteps.itemKey, p('key')),
          sql`${escalationSteps.status} IN ('sent', 'pending', 'done')`,
        ),
      )
      .orderBy(desc(escalationSteps.step))
      .limit(1)
      .prepare(),
  }
}

export type TodoQueries = ReturnType<typeof buildTodoQueries>

/** The card's statements of a database, built on first use. */
export const todoQueries = perDb(buildTodoQueries)

/** Activities of these units opened in [from, now], newest first. */
export const activitiesOpenedSince = (q: TodoQueries, unitIds: number[], from: number, now: number) =>
  q.activitiesOpened.all({ units: JSON.stringify(unitIds), from, now })

/** Active members of these branches, in roster order. */
export const scopeMembers = (q: TodoQueries, branchIds: number[]) =>
  q.scopeMembers.all({ branches: JSON.stringify(branchIds) })

/** The check-in records of these activities. */
export const recordsOfActivities = (q: TodoQueries, ids: number[]) =>
  ids.length ? q.records.all({ ids: JSON.stringify(ids) }) : Promise.resolve([])

/** Names of these members by id. */
export async function namesOfMembers(q: TodoQueries, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  return new Map((await q.names.all({ ids: JSON.stringify(ids) })).map((r) => [r.id, r.name]))
}

/** 加分 / 扣分 requests still waiting, of members in these branches, oldest first. */
export const pendingPoints = (q: TodoQueries, branchIds: number[]) =>
  q.pendingPoints.all({ branches: JSON.stringify(branchIds) })

/** Bind requests still waiting, of members in these branches, oldest first. */
export const pendingBinds = (q: TodoQueries, branchIds: number[]) =>
  q.pendingBinds.all({ branches: JSON.stringify(branchIds) })

/** 补签 requests still waiting, of members in these branches, oldest first. */
export const pendingMakeups = (q: TodoQueries, branchIds: number[]) =>
  q.pendingMakeups.all({ branches: JSON.stringify(branchIds) })

/** Per branch with a daily quiz set on `day`: its active members and how many of them answered. */
export async function quizTurnout(q: TodoQueries, branchIds: number[], day: string) {
  const rows = await q.quizTurnout.all({ branches: JSON.stringify(branchIds), day })
  return rows.map((r) => ({ unitId: r.unitId, expected: Number(r.expected), answered: Number(r.answered) }))
}

/** The tasks already nudged from the card on `day`. */
export async function nudgedOn(q: TodoQueries, day: string): Promise<Set<number>> {
  const rows = await q.slotsLike.all({ job: NUDGE_JOB, pattern: `task:%@${day}` })
  return new Set(rows.map((r) => Number(r.slot.slice('task:'.length, r.slot.indexOf('@')))))
}

/** When each of these slots (mapped to an id) ran under `job`, if it did: reminders, nudges. */
export async function ranAtOf(q: TodoQueries, job: string, slots: Map<string, number>) {
  if (slots.size === 0) return new Map<number, number>()
  const rows = await q.ranAt.all({ job, slots: JSON.stringify([...slots.keys()]) })
  return new Map(rows.map((r) => [slots.get(r.slot) as number, r.ranAt]))
}

/** The assignees of these tasks. */
export async function assigneesOfTasks(q: TodoQueries, taskIds: number[]) {
  if (taskIds.length === 0) return []
  return q.assignees.all({ ids: JSON.stringify(taskIds) })
}

/** Leader-card steps whose item may still be open (see the statement). */
export const leaderSteps = (q: TodoQueries, branchIds: number[]) =>
  q.leaderSteps.all({ branches: JSON.stringify(branchIds) })

export async function stepByRef(q: TodoQueries, ref: number) {
  const [row] = await q.stepByRef.all({ ref })
  return row
}

/** The highest step an item reached, if any. */
export async function stepReached(q: TodoQueries, kind: string, key: string) {
  const [row] = await q.stepsOf.all({ kind, key })
  return row
}
