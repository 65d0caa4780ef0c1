import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { TaskStatus } from '../domain/tasks'
import { perDb } from './prepared'
import {
  identities,
  members,
  orgUnits,
  pointsLedger,
  roleAssignments,
  taskAssignees,
  taskHistory,
  taskProposals,
  tasks,
} from './schema'
import type { Db } from './store'

/**
 * Every assignee's name, joined, so a list of tasks is one query. The outer column is written out: drizzle
 * renders `${tasks.id}` unqualified in a select, which inside this subquery would bind to `m.id`.
 */
const assigneeNames = sql<string>`(SELECT group_concat(m.name, '、') FROM task_assignees a JOIN members m ON m.id = a.member_id WHERE a.task_id = "tasks"."id")`
/** Literal, not bound: SQLite then ranges over the (status, due_day) index once per status. */
const ACTIVE = sql`${tasks.status} IN ('open', 'progress')`
/** A variable-length id list as one bound JSON parameter, so the statement stays prepared. */
const inJson = (col: typeof tasks.branchId, name: string) =>
  sql`${col} IN (SELECT value FROM json_each(${sql.placeholder(name)}))`

/** The columns a task list shows, with its assignees' names (also the morning card's, todo-statements.ts). */
export const listed = {
  id: tasks.id,
  type: tasks.type,
  title: tasks.title,
  branchId: tasks.branchId,
  dueDay: tasks.dueDay,
  status: tasks.status,
  percent: tasks.percent,
  names: assigneeNames,
}

function preparedFor(db: Db) {
  const p = sql.placeholder
  return {
    maxId: db
      .select({ max: sql<number>`coalesce(max(${tasks.id}), 0)` })
      .from(tasks)
      .prepare(),
    byId: db
      .select()
      .from(tasks)
      .where(eq(tasks.id, p('id')))
      .prepare(),
    assignees: db
      .select({ id: members.id, name: members.name })
      .from(taskAssignees)
      .innerJoin(members, eq(members.id, taskAssignees.memberId))
      .where(eq(taskAssignees.taskId, p('id')))
      .orderBy(members.id)
      .prepare(),
    mine: db
      .select(listed)
      .from(taskAssignees)
      .innerJoin(tasks, eq(tasks.id, taskAssignees.taskId))
      .where(
        and(
          eq(taskAssignees.memberId, p('memberId')),
          sql`${tasks.status} IN ('open', 'progress', 'submitted')`,
        ),
      )
      .orderBy(asc(tasks.dueDay), asc(tasks.id))
      .prepare(),
    topics: db
      .select(listed)
      .from(tasks)
      .where(and(eq(tasks.branchId, p('branchId')), eq(tasks.type, 'topic'), ACTIVE))
      .orderBy(asc(tasks.dueDay))
      .prepare(),
    history: db
      .select({
        seq: taskHistory.seq,
        kind: taskHistory.kind,
        name: members.name,
        percent: taskHistory.percent,
        note: taskHistory.note,
        at: taskHistory.at,
      })
      .from(taskHistory)
      .innerJoin(members, eq(members.id, taskHistory.actorId))
      .where(eq(taskHistory.taskId, p('id')))
      .orderBy(asc(taskHistory.seq))
      .prepare(),
    proposals: db
      .select({
        no: taskProposals.no,
        memberId: taskProposals.memberId,
        name: members.name,
        text: taskProposals.text,
        adoptedAt: taskProposals.adoptedAt,
      })
      .from(taskProposals)
      .innerJoin(members, eq(members.id, taskProposals.memberId))
      .where(eq(taskProposals.taskId, p('id')))
      .orderBy(asc(taskProposals.no))
      .prepare(),
    /** A branch's active tasks due by `soon` (overdue included) and those awaiting confirmation. */
    branchDue: db
      .select(listed)
      .from(tasks)
      .where(
        and(
          eq(tasks.branchId, p('branchId')),
          sql`((${ACTIVE} AND ${tasks.dueDay} <= ${p('soon')}) OR ${tasks.status} = 'submitted')`,
        ),
      )
      .orderBy(asc(tasks.dueDay), asc(tasks.id))
      .prepare(),
    /**
     * Per branch: overdue, due soon and awaiting confirmation. Counted branch by branch with index ranges on
     * (branch_id, status, due_day): one grouped scan of the open tasks sorts ~25k rows and is 9× slower.
     */
    counts: db
      .select({
        branchId: orgUnits.id,
        overdue: sql<number>`(SELECT count(*) FROM tasks t WHERE t.branch_id = "org_units"."id" AND t.status IN ('open', 'progress') AND t.due_day < ${p('today')})`,
        soon: sql<number>`(SELECT count(*) FROM tasks t WHERE t.branch_id = "org_units"."id" AND t.status IN ('open', 'progress') AND t.due_day >= ${p('today')} AND t.due_day <= ${p('soon')})`,
        awaiting: sql<number>`(SELECT count(*) FROM tasks t WHERE t.branch_id = "org_units"."id" AND t.status = 'submitted')`,
      })
      .from(orgUnits)
      .where(eq(orgUnits.kind, 'branch'))
      .prepare(),
    /** Active tasks of these branches due before `before`, oldest first. */
    overdueIn: db
      .select(listed)
      .from(tasks)
      .where(and(ACTIVE, sql`${tasks.dueDay} < ${p('before')}`, inJson(tasks.branchId, 'branches')))
      .orderBy(asc(tasks.dueDay), asc(tasks.id))
      .limit(p('limit'))
      .prepare(),
    /** Active tasks due on one day (the assignee reminders). */
    dueOn: db
      .select({ id: tasks.id, dueDay: tasks.dueDay })
      .from(tasks)
      .where(and(ACTIVE, eq(tasks.dueDay, p('day'))))
      .prepare(),
    /** Branches with something for the daily digest: an index probe per branch, not a scan of open tasks. */
    digestBranches: db
      .select({ branchId: orgUnits.id, code: orgUnits.code, name: orgUnits.name })
      .from(orgUnits)
      .where(
        and(
          eq(orgUnits.kind, 'branch'),
          sql`(EXISTS (SELECT 1 FROM tasks t WHERE t.branch_id = "org_units"."id" AND t.status IN ('open', 'progress') AND t.due_day <= ${p('soon')}) OR EXISTS (SELECT 1 FROM tasks t WHERE t.branch_id = "org_units"."id" AND t.status = 'submitted'))`,
        ),
      )
      .prepare(),
    earnedToday: db
      .select({ points: sql<number>`coalesce(sum(${pointsLedger.points}), 0)` })
      .from(pointsLedger)
      .where(
        and(
          eq(pointsLedger.memberId, p('memberId')),
          eq(pointsLedger.day, p('day')),
          eq(pointsLedger.rule, p('rule')),
        ),
      )
      .prepare(),
    accounts: db
      .select({
        memberId: identities.memberId,
        platform: identities.platform,
        userId: identities.platformUserId,
      })
      .from(identities)
      .where(sql`${identities.memberId} IN (SELECT value FROM json_each(${p('ids')}))`)
      .orderBy(identities.memberId)
      .prepare(),
    holders: db
      .select({ memberId: roleAssignments.memberId, unitId: roleAssignments.unitId })
      .from(roleAssignments)
      .where(eq(roleAssignments.role, p('role')))
      .orderBy(desc(roleAssignments.unitId))
      .prepare(),
    holdersOn: db
      .select({ memberId: roleAssignments.memberId })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.role, p('role')), eq(roleAssignments.unitId, p('unitId'))))
      .orderBy(roleAssignments.memberId)
      .prepare(),
  }
}

const q = perDb(preparedFor)

export type TaskRow = typeof tasks.$inferSelect
export type TaskListRow = {
  id: number
  type: TaskRow['type']
  title: string
  branchId: number
  dueDay: string
  status: TaskStatus
  percent: number
  names: string | null
}

export async function nextTaskId(db: Db): Promise<number> {
  const [row] = await q(db).maxId.all()
  return Number(row?.max ?? 0) + 1
}

export async function taskById(db: Db, id: number): Promise<TaskRow | undefined> {
  const [row] = await q(db).byId.all({ id })
  return row
}

export const assigneesOf = (db: Db, id: number) => q(db).assignees.all({ id })
export const tasksOfMember = (db: Db, memberId: number) =>
  q(db).mine.all({ memberId }) as Promise<TaskListRow[]>
export const topicsOfBranch = (db: Db, branchId: number) =>
  q(db).topics.all({ branchId }) as Promise<TaskListRow[]>
export const historyOf = (db: Db, id: number) => q(db).history.all({ id })
export const proposalsOf = (db: Db, id: number) => q(db).proposals.all({ id })
export const branchDue = (db: Db, branchId: number, soon: string) =>
  q(db).branchDue.all({ branchId, soon }) as Promise<TaskListRow[]>
export const dueOn = (db: Db, day: string) => q(db).dueOn.all({ day })
export const digestBranches = (db: Db, soon: string) => q(db).digestBranches.all({ soon })

export async function dueCounts(db: Db, today: string, soon: string) {
  const rows = await q(db).counts.all({ today, soon })
  return rows
    .map((r) => ({
      branchId: r.branchId,
      overdue: Number(r.overdue),
      soon: Number(r.soon),
      awaiting: Number(r.awaiting),
    }))
    .filter((r) => r.overdue + r.soon + r.awaiting > 0)
}

/** Active tasks of `branchIds` due before `before`, oldest first, at most `limit`. */
export const overdueIn = (db: Db, branchIds: number[], before: string, limit: number) =>
  q(db).overdueIn.all({ branches: JSON.stringify(branchIds), before, limit }) as Promise<TaskListRow[]>

export async function earnedToday(db: Db, memberId: number, rule: string, day: string): Promise<number> {
  const [row] = await q(db).earnedToday.all({ memberId, day, rule })
  return Number(row?.points ?? 0)
}

/** Every chat account of these members, ordered by member. */
export const accountsOf = (db: Db, memberIds: number[]) =>
  q(db).accounts.all({ ids: JSON.stringify(memberIds) })

/** Who holds `role` on which unit (secretaries of branches, leaders of subtrees). */
export const holdersOf = (db: Db, role: 'secretary' | 'leader') => q(db).holders.all({ role })

/** The members holding `role` on exactly this unit. */
export async function holdersOn(db: Db, role: 'secretary' | 'leader', unitId: number): Promise<number[]> {
  return (await q(db).holdersOn.all({ role, unitId })).map((r) => r.memberId)
}
