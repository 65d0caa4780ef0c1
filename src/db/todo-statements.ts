import { and, type Column, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm'
import { perDb } from './prepared'
import { daysFrom } from './production-days'
import {
  activities,
  bindRequests,
  checkins,
  escalationSteps,
  jobRuns,
  makeupRequests,
  members,
  pointsRequests,
  productionCurrent,
  quizSets,
  taskAssignees,
  tasks,
} from './schema'
import type { Db } from './store'
import { listed } from './tasks'

/**
 * The morning card's reads. 500 cards at once each run about a dozen of them, and building a statement costs
 * more than running it (bench/todo.ts). Id lists go in as one bound JSON parameter: a leader's subtree can hold
 * hundreds of units, and D1 binds at most 100 parameters a statement.
 */
const inJson = (col: Column | SQL, name: string) =>
  sql`${col} IN (SELECT value FROM json_each(${sql.placeholder(name)}))`
const p = sql.placeholder

/**
 * Every statement of the card, one builder each: the app prepares each once per database (todoQueries), the
 * bench's baseline builds and prepares one again at each use (todoQueriesPerCall), with the same SQL text.
 */
const STATEMENTS = {
  /** What the card shows of an activity and needs for its window (timing). */
  activitiesOpened: (db: Db) =>
    db
      .select({
        id: activities.id,
        unitId: activities.unitId,
        title: activities.title,
        opensAt: activities.opensAt,
        closesAt: activities.closesAt,
        lateUntil: activities.lateUntil,
      })
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
  /**
   * The active members of the scope's branches in roster order: who each activity expects (members_roster covers
   * it). The columns' order is scopeMembers' too.
   */
  scopeMembers: (db: Db) =>
    db
      .select({ id: members.id, name: members.name, branchId: members.branchId })
      .from(members)
      .where(and(eq(members.active, true), inJson(members.branchId, 'branches')))
      .orderBy(members.employeeNo)
      .prepare(),
  /** Every record of these activities, as much as telling the missing needs: each member's latest status. The
   * columns' order is recordsOfActivities' too. */
  records: (db: Db) =>
    db
      .select({
        activityId: checkins.activityId,
        id: checkins.id,
        memberId: checkins.memberId,
        status: checkins.status,
      })
      .from(checkins)
      .where(inJson(checkins.activityId, 'ids'))
      .prepare(),
  /** 加分 / 扣分 waiting for a leader (manual-points.ts pendingRequests, prepared for the card). */
  pendingPoints: (db: Db) =>
    db
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
  /** The status is literal so SQLite may read the pending rows through bind_requests_one_pending, not the history. */
  pendingBinds: (db: Db) =>
    db
      .select({
        id: bindRequests.id,
        user: sql<string>`coalesce(${bindRequests.userName}, ${bindRequests.platformUserId})`,
        name: members.name,
        employeeNo: members.employeeNo,
        branchId: members.branchId,
      })
      .from(bindRequests)
      .innerJoin(members, eq(members.id, bindRequests.memberId))
      .where(and(sql`${bindRequests.status} = 'pending'`, inJson(members.branchId, 'branches')))
      .orderBy(bindRequests.id)
      .prepare(),
  /** Driven by makeup_requests_status: without it SQLite walked every activity for the few pending requests. */
  pendingMakeups: (db: Db) =>
    db
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
  /** Active tasks of these branches due before `before`, oldest first, with their assignees' names (tasks.ts overdueIn). */
  dueTasks: (db: Db) =>
    db
      .select(listed)
      .from(tasks)
      .where(
        and(
          sql`${tasks.status} IN ('open', 'progress')`,
          sql`${tasks.dueDay} < ${p('before')}`,
          inJson(tasks.branchId, 'branches'),
        ),
      )
      .orderBy(tasks.dueDay, tasks.id)
      .prepare(),
  quizTurnout: (db: Db) =>
    db
      .select({
        unitId: quizSets.unitId,
        expected: sql<number>`(SELECT count(*) FROM members m WHERE m.branch_id = "quiz_sets"."unit_id" AND m.active = 1)`,
        answered: sql<number>`(SELECT count(DISTINCT a.member_id) FROM quiz_answers a WHERE a.unit_id = "quiz_sets"."unit_id" AND a.day = "quiz_sets"."day" AND a.mode = 'daily')`,
      })
      .from(quizSets)
      .where(and(eq(quizSets.day, p('day')), inJson(quizSets.unitId, 'branches')))
      .prepare(),
  /** The figures that count for these units between two days (production.ts figuresIn). */
  figures: (db: Db) =>
    db
      .select({
        unitId: productionCurrent.unitId,
        metric: productionCurrent.metric,
        day: productionCurrent.day,
        value: productionCurrent.value,
      })
      .from(productionCurrent)
      .where(
        and(
          sql`${productionCurrent.day} IN ${daysFrom(p('from'), p('to'))}`,
          inJson(productionCurrent.unitId, 'units'),
        ),
      )
      .prepare(),
  /**
   * A job's `task:<id>@<day>` slots of one day. Not `slot LIKE ?`: SQLite compiles a statement with a bound LIKE
   * pattern again at every run (the pattern may choose its plan), 26 µs instead of 4.
   */
  taskSlotsOn: (db: Db) =>
    db
      .select({ slot: jobRuns.slot })
      .from(jobRuns)
      .where(
        and(
          eq(jobRuns.job, p('job')),
          sql`${jobRuns.slot} LIKE 'task:%' AND substr(${jobRuns.slot}, instr(${jobRuns.slot}, '@') + 1) = ${p('day')}`,
        ),
      )
      .prepare(),
  ranAt: (db: Db) =>
    db
      .select({ slot: jobRuns.slot, ranAt: jobRuns.ranAt })
      .from(jobRuns)
      .where(and(eq(jobRuns.job, p('job')), inJson(jobRuns.slot, 'slots')))
      .prepare(),
  assignees: (db: Db) =>
    db
      .select({ taskId: taskAssignees.taskId, memberId: taskAssignees.memberId })
      .from(taskAssignees)
      .where(inJson(taskAssignees.taskId, 'ids'))
      .prepare(),
  /**
   * Leader-card steps of the ladder whose item may still be open. An overdue task closed since (or outside the
   * scope) is left out here, the kind decides for the rest (scheduler/escalation); `ref` is the row's rowid,
   * short enough for a button's value on Telegram.
   */
  leaderSteps: (db: Db) =>
    db
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
  stepByRef: (db: Db) =>
    db
      .select({
        kind: escalationSteps.kind,
        itemKey: escalationSteps.itemKey,
        action: escalationSteps.action,
      })
      .from(escalationSteps)
      .where(sql`"escalation_steps".rowid = ${p('ref')}`)
      .prepare(),
  /** The steps that fired (or wait to press) of these items, `[[kind, key], …]`, by the primary key. */
  stepsOf: (db: Db) =>
    db
      .select({
        kind: escalationSteps.kind,
        itemKey: escalationSteps.itemKey,
        step: escalationSteps.step,
        action: escalationSteps.action,
      })
      .from(escalationSteps)
      .where(
        sql`(${escalationSteps.kind}, ${escalationSteps.itemKey}) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(${p('items')})) AND ${escalationSteps.status} IN ('sent', 'pending', 'done')`,
      )
      .prepare(),
}

type Statements = typeof STATEMENTS
export type TodoQueries = { [K in keyof Statements]: ReturnType<Statements[K]> }

/** The card's statements of a database, prepared on first use and kept. */
export const todoQueries = perDb((db) => {
  const q: Partial<Record<keyof Statements, unknown>> = {}
  for (const [name, build] of Object.entries(STATEMENTS)) q[name as keyof Statements] = build(db)
  return q as TodoQueries
})

/** The bench's baseline: the same statements, each built and prepared again every time the card uses it. */
export function todoQueriesPerCall(db: Db): TodoQueries {
  const q = {}
  for (const [name, build] of Object.entries(STATEMENTS))
    Object.defineProperty(q, name, { get: () => build(db) })
  return q as TodoQueries
}
