import { REMIND_JOB, remindSlot } from '../commands/checkin-remind'
import type { Person } from '../domain/checkin'
import { timing } from '../domain/checkin'
import { shiftDay } from '../domain/dates'
import type { UnitNode } from '../domain/members'
import { localDay, previousDay, zonedTime } from '../domain/time'
import type { TodoScope } from '../domain/todo'
import { loadAttendance } from './attendance'
import { pendingRequests } from './manual-points'
import type { Db } from './store'
import { dueCounts, overdueIn, type TaskListRow } from './tasks'
import {
  activitiesOpenedSince,
  nudgedOn,
  pendingBinds,
  pendingMakeups,
  quizTurnout,
  remindedAtOf,
} from './todo'

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
}

const unitName = (units: ReadonlyMap<number, UnitNode>, id: number) => units.get(id)?.name ?? ''

/** Everything the 待办 card shows for one scope at `now`: read only, so the job and the buttons share it. */
export async function loadTodo(
  db: Db,
  scope: TodoScope,
  units: ReadonlyMap<number, UnitNode>,
  now: number,
  timeZone: string,
): Promise<TodoFacts> {
  const day = localDay(now, timeZone)
  const opened = await activitiesOpenedSince(
    db,
    scope.units,
    zonedTime(previousDay(day), '00:00', timeZone),
    now,
  )
  const reminded = await remindedAtOf(db, REMIND_JOB, new Map(opened.map((a) => [remindSlot(a.id), a.id])))
  const checkins = await Promise.all(
    opened.map(async (a): Promise<TodoCheckin> => {
      const { attendance } = await loadAttendance(db, a)
      const when = timing(a, now)
      return {
        id: a.id,
        title: a.title,
        unit: unitName(units, a.unitId),
        opensAt: a.opensAt,
        open: when === 'onTime' || when === 'late',
        expected: attendance.expected,
        missing: attendance.missing,
        remindedAt: reminded.get(a.id),
      }
    }),
  )
  const binds = (await pendingBinds(db, scope.branches)).map((b) => ({
    ...b,
    branch: unitName(units, b.branchId),
  }))
  const makeups = (await pendingMakeups(db, scope.branches)).map((m) => ({
    ...m,
    branch: unitName(units, m.branchId),
  }))
  const pointRequests = (await pendingRequests(db, scope.branches)).map((r) => ({
    key: `${r.memberId}|${r.day}|${r.nth}`,
    name: r.name,
    points: r.points,
    reason: r.reason,
    branch: unitName(units, r.branchId),
  }))
  const inScope = new Set(scope.branches)
  const counts = (await dueCounts(db, day, day)).filter((c) => inScope.has(c.branchId))
  const overdue = await overdueIn(db, scope.branches, day, Number.MAX_SAFE_INTEGER)
  const dueToday = await overdueIn(db, scope.branches, shiftDay(day, 1), TASKS_LISTED)
  const fixes = (await overdueIn(db, scope.branches, shiftDay(day, 1), Number.MAX_SAFE_INTEGER))
    .filter((t) => t.type === 'fix')
    .map((t) => ({ ...t, unit: unitName(units, t.branchId) }))
  const nudged = await nudgedOn(db, day)
  const nudgedHere = overdue.filter((t) => nudged.has(t.id)).length
  const quiz = (await quizTurnout(db, scope.branches, day)).map((q) => ({
    ...q,
    unit: unitName(units, q.unitId),
  }))
  return {
    scope,
    day,
    checkins,
    binds,
    makeups,
    pointRequests,
    tasks: {
      overdue: counts.reduce((n, c) => n + c.overdue, 0),
      today: counts.reduce((n, c) => n + c.soon, 0),
      listed: dueToday.map((t) => ({ ...t, unit: unitName(units, t.branchId) })),
      fixes,
      toNudge: overdue.length - nudgedHere,
      nudged: nudgedHere,
    },
    quiz,
  }
}

/** The overdue tasks of a scope not yet nudged on `day`: what one 催办 tap covers. */
export async function tasksToNudge(db: Db, scope: TodoScope, day: string) {
  const nudged = await nudgedOn(db, day)
  return (await overdueIn(db, scope.branches, day, Number.MAX_SAFE_INTEGER)).filter((t) => !nudged.has(t.id))
}
