import { and, asc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm'
import { activities, escalationSteps, members, outbox, roleAssignments, taskAssignees, tasks } from './schema'
import type { Db, Write } from './store'

/** What the 逐级催办 job and its 加急 sender read and write (scheduler/jobs/escalation.ts, scheduler/escalation/). */

export type StepRow = typeof escalationSteps.$inferInsert

export const recordStep = (db: Db, row: StepRow): Write => db.insert(escalationSteps).values(row)

/** Paid 加急 calls fired or waiting on a local day, counted by recipient (the daily budget). */
export async function paidCallsOn(db: Db, day: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${escalationSteps.recipients}), 0)` })
    .from(escalationSteps)
    .where(
      and(
        eq(escalationSteps.day, day),
        inArray(escalationSteps.action, ['sms', 'phone']),
        inArray(escalationSteps.status, ['pending', 'done']),
      ),
    )
  return Number(row?.n ?? 0)
}

/** 加急 steps waiting to be pressed whose time has come, oldest first. */
export const pendingPresses = (db: Db, now: number, limit: number) =>
  db
    .select()
    .from(escalationSteps)
    .where(and(sql`${escalationSteps.status} = 'pending'`, lte(escalationSteps.notBefore, now)))
    .orderBy(asc(escalationSteps.notBefore))
    .limit(limit)

/** The outbox rows of one nudge (its source is `job:escalation:<kind>:<key>#<step>:<platform>`). */
export const nudgeRows = (db: Db, sourcePrefix: string) =>
  db
    .select({
      platform: outbox.platform,
      targetKind: outbox.targetKind,
      targetId: outbox.targetId,
      status: outbox.status,
      platformMessageId: outbox.platformMessageId,
    })
    .from(outbox)
    .where(sql`${outbox.source} LIKE ${`${sourcePrefix.replace(/[\\%_]/g, '\\$&')}%`} ESCAPE '\\'`)

type StepKey = { kind: string; itemKey: string; step: number }
const stepIs = (k: StepKey) =>
  and(
    eq(escalationSteps.kind, k.kind),
    eq(escalationSteps.itemKey, k.itemKey),
    eq(escalationSteps.step, k.step),
  )

export const settleStep = (
  db: Db,
  k: StepKey,
  status: 'done' | 'skipped' | 'failed',
  detail: string | null,
  attempts: number,
) => db.update(escalationSteps).set({ status, detail, attempts }).where(stepIs(k))

export const retryStepAt = (db: Db, k: StepKey, notBefore: number, attempts: number, detail: string) =>
  db.update(escalationSteps).set({ notBefore, attempts, detail }).where(stepIs(k))

/** Open tasks (not yet reported done) whose due day lies in [since, before): the overdue-task kind's items. */
export const overdueTasksBetween = (db: Db, since: string, before: string) =>
  db
    .select({ id: tasks.id, title: tasks.title, branchId: tasks.branchId, dueDay: tasks.dueDay })
    .from(tasks)
    .where(
      and(inArray(tasks.status, ['open', 'progress']), gte(tasks.dueDay, since), lt(tasks.dueDay, before)),
    )
    .orderBy(asc(tasks.dueDay), asc(tasks.id))

/** These tasks as they stand now, in one statement: a leader's 待办 re-reads a hundred escalated ones. */
export const tasksState = (db: Db, ids: number[]) =>
  db
    .select({
      id: tasks.id,
      title: tasks.title,
      branchId: tasks.branchId,
      dueDay: tasks.dueDay,
      status: tasks.status,
    })
    .from(tasks)
    .where(sql`${tasks.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)
    .orderBy(asc(tasks.id))

/** Assignees of these tasks, as (task, member) pairs. */
export const assigneesOfTasks = (db: Db, ids: number[]) =>
  db
    .select({ taskId: taskAssignees.taskId, memberId: taskAssignees.memberId })
    .from(taskAssignees)
    // One bound JSON list: D1 allows 100 parameters a statement, and a week's overdue tasks may be more.
    .where(sql`${taskAssignees.taskId} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)

/** Who holds `role` on which unit: the ladder finds the nearest leader above an item's unit. */
export const roleHolders = (db: Db, role: 'secretary' | 'leader') =>
  db
    .select({ memberId: roleAssignments.memberId, unitId: roleAssignments.unitId })
    .from(roleAssignments)
    .where(eq(roleAssignments.role, role))

/** The latest activity of each type each unit opened since `since` (ms): a meeting held, even late, ends its ladder. */
export const activitiesSince = (db: Db, since: number) =>
  db
    .select({
      unitId: activities.unitId,
      type: activities.type,
      last: sql<number>`max(${activities.opensAt})`,
    })
    .from(activities)
    .where(gte(activities.opensAt, since))
    .groupBy(activities.unitId, activities.type)

/** Names of these members, in id order (the leader's card names who is responsible). */
export const memberNames = (db: Db, ids: number[]) =>
  db
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(sql`${members.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)
    .orderBy(asc(members.id))
