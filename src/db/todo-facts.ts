import { REMIND_JOB, remindSlot } from '../commands/checkin-remind'
import type { Person } from '../domain/checkin'
import { timing } from '../domain/checkin'
import type { UnitNode } from '../domain/members'
import type { ProductionSettings } from '../domain/production-settings'
import { cardDays, missingOf, type TodoScope, unitsUnder } from '../domain/todo'
import type { Db } from './store'
import type { TaskListRow } from './tasks'
import {
  type ActivityRecord,
  activitiesOpenedSince,
  dueTasks,
  nudgedOn,
  type OpenedActivity,
  pendingBinds,
  pendingMakeups,
  pendingPoints,
  quizTurnout,
  ranAtOf,
  recordsOfActivities,
  scopeMembers,
  type TodoQueries,
  todoQueries,
} from './todo'
import { loadEscalated, type TodoEscalated } from './todo-escalated'
import { loadProduction, type TodoProduction } from './todo-production'

/** How many tasks the card lists at most, even in its full view (a card has a size limit). */
export const TASKS_LISTED = 50

export type TodoCheckin = {
  id: number
  title: string
  unit: string
  opensAt: number
  /** Still taking check-ins (on time or late), so a reminder makes sense. */
  open: boolean
  expected: number
  missing: Person[]
  remindedAt?: number
}

export type TodoFacts = {
  scope: TodoScope
  day: string
  checkins: TodoCheckin[]
  binds: { id: number; user: string; name: string; employeeNo: string; branch: string }[]
  /** 补签 waiting for the branch secretary. */
  makeups: { id: number; name: string; title: string; reason: string; branch: string }[]
  /** 加分 / 扣分 above the threshold waiting for a leader; `key` is what the buttons carry. */
  pointRequests: { key: string; name: string; points: number; reason: string; branch: string }[]
  tasks: {
    overdue: number
    today: number
    listed: (TaskListRow & { unit: string })[]
    /** 整改 tasks (type `fix`) due today or overdue, longest overdue first. */
    fixes: (TaskListRow & { unit: string })[]
    /** Overdue tasks not yet nudged today: what 催办 would nudge. */
    toNudge: number
    nudged: number
  }
  quiz: { unitId: number; unit: string; expected: number; answered: number }[]
  /** Yesterday's figures against plan; undefined when nothing was reported. */
  production?: TodoProduction
  /** Items of the 逐级催办 ladder that reached this leader and are still open (a leader's card only). */
  escalated: TodoEscalated[]
}

/** Who is looking (the leader an escalated item went to), the production settings, and the statements to use. */
export type TodoReader = {
  viewer: number | undefined
  production: Pick<ProductionSettings, 'metrics' | 'plans'>
  /** The bench's baseline passes statements built per use (todoQueriesPerCall); everyone else the prepared ones. */
  queries?: TodoQueries
}

const unitName = (units: ReadonlyMap<number, UnitNode>, id: number) => units.get(id)?.name ?? ''

/** Everything the 待办 card shows for one scope at `now`: read only, so the job and the buttons share it. */
export async function loadTodo(
  db: Db,
  scope: TodoScope,
  units: ReadonlyMap<number, UnitNode>,
  now: number,
  timeZone: string,
  reader: TodoReader,
): Promise<TodoFacts> {
  const q = reader.queries ?? todoQueries(db)
  const days = cardDays(now, timeZone)
  const { day, since } = days
  const opened = await activitiesOpenedSince(q, scope.units, since, now)
  const reminded = await ranAtOf(q, REMIND_JOB, new Map(opened.map((a) => [remindSlot(a.id), a.id])))
  const checkins = await attendanceOf(q, opened, units, scope.branches, now, reminded)
  const binds = (await pendingBinds(q, scope.branches)).map((b) => ({
    ...b,
    branch: unitName(units, b.branchId),
  }))
  const makeups = (await pendingMakeups(q, scope.branches)).map((m) => ({
    ...m,
    branch: unitName(units, m.branchId),
  }))
  const pointRequests = (await pendingPoints(q, scope.branches)).map((r) => ({
    key: `${r.memberId}|${r.day}|${r.nth}`,
    name: r.name,
    points: r.points,
    reason: r.reason,
    branch: unitName(units, r.branchId),
  }))
  // One read of the scope's active tasks due by today gives the counts, the list, the 整改 and the overdue.
  const due = (await dueTasks(q, scope.branches, days.tomorrow)).map((t) => ({
    ...t,
    unit: unitName(units, t.branchId),
  }))
  const overdue = due.filter((t) => t.dueDay < day)
  const nudged = await nudgedOn(q, day)
  const nudgedHere = overdue.filter((t) => nudged.has(t.id)).length
  const quiz = (await quizTurnout(q, scope.branches, day)).map((x) => ({
    ...x,
    unit: unitName(units, x.unitId),
  }))
  const where = { db, now, today: day, timeZone }
  return {
    scope,
    day,
    checkins,
    binds,
    makeups,
    pointRequests,
    tasks: {
      overdue: overdue.length,
      today: due.length - overdue.length,
      listed: due.slice(0, TASKS_LISTED),
      fixes: due.filter((t) => t.type === 'fix'),
      toNudge: overdue.length - nudgedHere,
      nudged: nudgedHere,
    },
    quiz,
    production: await loadProduction(q, scope, units, reader.production, days),
    escalated: await loadEscalated(where, q, scope, units, reader.viewer),
  }
}

/**
 * Attendance of the card's activities as the attendance card counts it (domain/checkin.ts), read in two statements
 * for all of them: the scope's members and the activities' records (a leader's card covers hundreds of activities).
 */
async function attendanceOf(
  q: TodoQueries,
  opened: OpenedActivity[],
  units: ReadonlyMap<number, UnitNode>,
  branches: number[],
  now: number,
  reminded: Map<number, number>,
): Promise<TodoCheckin[]> {
  if (opened.length === 0) return []
  const people = await scopeMembers(q, branches)
  const records = new Map<number, ActivityRecord[]>()
  for (const r of await recordsOfActivities(
    q,
    opened.map((a) => a.id),
  )) {
    const list = records.get(r.activityId)
    if (list) list.push(r)
    else records.set(r.activityId, [r])
  }
  // Who each unit's activities expect, worked out once per unit: a leader's card has a thousand activities.
  const byBranch = new Map<number, Person[]>()
  for (const p of people) {
    const list = byBranch.get(p.branchId)
    if (list) list.push(p)
    else byBranch.set(p.branchId, [p])
  }
  const expected = new Map<number, Person[]>()
  const expectedOf = (unitId: number): Person[] => {
    let found = expected.get(unitId)
    if (!found) {
      const under = unitsUnder(units, unitId).filter((id) => byBranch.has(id))
      // One branch keeps its roster order as it is; several are merged back into the roster's order.
      found =
        under.length === 1
          ? (byBranch.get(under[0] as number) as Person[])
          : people.filter((p) => under.includes(p.branchId))
      expected.set(unitId, found)
    }
    return found
  }
  return opened.map((a): TodoCheckin => {
    const everyone = expectedOf(a.unitId)
    const when = timing(a, now)
    return {
      id: a.id,
      title: a.title,
      unit: unitName(units, a.unitId),
      opensAt: a.opensAt,
      open: when === 'onTime' || when === 'late',
      expected: everyone.length,
      missing: missingOf(everyone, records.get(a.id) ?? []),
      remindedAt: reminded.get(a.id),
    }
  })
}

/** The overdue tasks of a scope not yet nudged on `day`: what one 催办 tap covers. */
export async function tasksToNudge(db: Db, scope: TodoScope, day: string) {
  const q = todoQueries(db)
  const nudged = await nudgedOn(q, day)
  return (await dueTasks(q, scope.branches, day)).filter((t) => !nudged.has(t.id))
}
