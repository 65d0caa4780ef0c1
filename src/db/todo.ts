import type { AttendanceStatus } from '../domain/checkin'
import type { TaskListRow } from './tasks'
import type { TodoQueries } from './todo-statements'

export { type TodoQueries, todoQueries, todoQueriesPerCall } from './todo-statements'

/** The job-run keys of the card's 催办: one nudge per task and local day. */
export const NUDGE_JOB = 'todo-nudge'
export const nudgeSlot = (taskId: number, day: string) => `task:${taskId}@${day}`

/** The job-run key that lets a bind request be decided from the card once, even under a double tap. */
export const BIND_JOB = 'todo-bind'
export const bindSlot = (requestId: number) => `request:${requestId}`

/** The job-run key of a leader's 再次催办 of an escalated item: once per item and local day. */
export const ESCALATED_JOB = 'todo-escalated'
export const escalatedSlot = (kind: string, key: string, day: string) => `${kind}:${key}@${day}`

/** Activities of these units opened in [from, now], newest first. */
export const activitiesOpenedSince = (q: TodoQueries, unitIds: number[], from: number, now: number) =>
  q.activitiesOpened.all({ units: JSON.stringify(unitIds), from, now })

export type OpenedActivity = Awaited<ReturnType<typeof activitiesOpenedSince>>[number]

/** Active members of these branches, in roster order, mapped by hand from raw rows like the records. */
export async function scopeMembers(q: TodoQueries, branchIds: number[]) {
  const rows = (await q.scopeMembers.values({ branches: JSON.stringify(branchIds) })) as [
    number,
    string,
    number,
  ][]
  return rows.map(([id, name, branchId]) => ({ id, name, branchId }))
}

export type ActivityRecord = { activityId: number; id: number; memberId: number; status: AttendanceStatus }

/** The check-in records of these activities, mapped by hand from raw rows: a leader's card reads thousands. */
export async function recordsOfActivities(q: TodoQueries, ids: number[]): Promise<ActivityRecord[]> {
  if (ids.length === 0) return []
  const rows = (await q.records.values({ ids: JSON.stringify(ids) })) as [
    number,
    number,
    number,
    AttendanceStatus,
  ][]
  return rows.map(([activityId, id, memberId, status]) => ({ activityId, id, memberId, status }))
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

/** Active tasks of these branches due before `before`, oldest first. */
export const dueTasks = (q: TodoQueries, branchIds: number[], before: string) =>
  q.dueTasks.all({ branches: JSON.stringify(branchIds), before }) as Promise<TaskListRow[]>

/** Per branch with a daily quiz set on `day`: its active members and how many of them answered. */
export async function quizTurnout(q: TodoQueries, branchIds: number[], day: string) {
  const rows = await q.quizTurnout.all({ branches: JSON.stringify(branchIds), day })
  return rows.map((r) => ({ unitId: r.unitId, expected: Number(r.expected), answered: Number(r.answered) }))
}

/** The figures that count for these units from `from` to `to`. */
export const figuresOf = (q: TodoQueries, unitIds: number[], from: string, to: string) =>
  q.figures.all({ units: JSON.stringify(unitIds), from, to })

/** The tasks already nudged from the card on `day`. */
export async function nudgedOn(q: TodoQueries, day: string): Promise<Set<number>> {
  const rows = await q.taskSlotsOn.all({ job: NUDGE_JOB, day })
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

export const stepByRef = async (q: TodoQueries, ref: number) => q.stepByRef.get({ ref })

/** The highest step each of these items reached, keyed `kind|key`; an item with none is absent. */
export async function stepsReached(q: TodoQueries, items: { kind: string; key: string }[]) {
  const rows = items.length
    ? await q.stepsOf.all({ items: JSON.stringify(items.map((i) => [i.kind, i.key])) })
    : []
  const reached = new Map<string, (typeof rows)[number]>()
  for (const s of rows) {
    const key = `${s.kind}|${s.itemKey}`
    if ((reached.get(key)?.step ?? -1) < s.step) reached.set(key, s)
  }
  return reached
}
