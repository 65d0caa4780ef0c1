import type { RoleGrant } from '../commands/command'
import type { AttendanceStatus, Person } from './checkin'
import { shiftDay } from './dates'
import { lineage, type UnitNode } from './members'
import { localDay, previousDay, zonedTime } from './time'

/** Whose work a 待办 card shows: a secretary's branch, or a leader's subtree branch by branch. */
export type TodoScope = {
  unit: UnitNode
  role: 'secretary' | 'leader'
  /** The unit and every unit below it (activities may belong to a committee as well as a branch). */
  units: number[]
  /** The branches among `units` (tasks, binds and quizzes are per branch). */
  branches: number[]
}

/** The days a card is about, at one instant: today, the day the check-ins start from and the figures' days. */
export type CardDays = {
  day: string
  /** The instant the day before began: the card shows yesterday's and today's check-ins. */
  since: number
  tomorrow: string
  yesterday: string
  dayBefore: string
}
let last: { now: number; timeZone: string; days: CardDays } | undefined

/**
 * The card's days at `now`: the same for every card of a morning's job, so worked out once (each Intl call costs
 * tens of µs, and there are 500 cards).
 */
export function cardDays(now: number, timeZone: string): CardDays {
  if (last?.now !== now || last.timeZone !== timeZone) {
    const day = localDay(now, timeZone)
    const days = {
      day,
      since: zonedTime(previousDay(day), '00:00', timeZone),
      tomorrow: shiftDay(day, 1),
      yesterday: shiftDay(day, -1),
      dayBefore: shiftDay(day, -2),
    }
    last = { now, timeZone, days }
  }
  return last.days
}

type Tree = { order: Map<number, number>; children: Map<number, number[]> }
const trees = new WeakMap<ReadonlyMap<number, UnitNode>, Tree>()

/**
 * The unit and every unit below it, in the tree's own order (as members.ts subtree gives it). The children are
 * indexed once per tree: the 500 cards of a morning share one tree, and walking all of it per card showed in
 * bench:todo's profile. A tree is not changed once read (loadUnits reads a new one).
 */
export function unitsUnder(units: ReadonlyMap<number, UnitNode>, rootId: number): number[] {
  let tree = trees.get(units)
  if (!tree) {
    tree = { order: new Map(), children: new Map() }
    for (const u of units.values()) {
      tree.order.set(u.id, tree.order.size)
      if (u.parentId !== null && u.parentId !== u.id) {
        const siblings = tree.children.get(u.parentId)
        if (siblings) siblings.push(u.id)
        else tree.children.set(u.parentId, [u.id])
      }
    }
    trees.set(units, tree)
  }
  if (!units.has(rootId)) return []
  const found: number[] = []
  const stack = [rootId]
  const seen = new Set<number>()
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue
    seen.add(id)
    found.push(id)
    stack.push(...(tree.children.get(id) ?? []))
  }
  const { order } = tree
  return found.length === 1 ? found : found.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
}

/**
 * Who of `expected` an activity still misses, as the attendance card counts it (domain/checkin.ts attendance):
 * a member whose latest record (highest id) is absent, or who has none. `records` are one activity's.
 */
export function missingOf(
  expected: Person[],
  records: { id: number; memberId: number; status: AttendanceStatus }[],
): Person[] {
  const latest = new Map<number, { id: number; status: AttendanceStatus }>()
  for (const r of records) {
    const seen = latest.get(r.memberId)
    if (!seen || seen.id < r.id) latest.set(r.memberId, r)
  }
  return expected.filter((p) => {
    const r = latest.get(p.id)
    return !r || r.status === 'absent'
  })
}

function scopeFor(unit: UnitNode, role: TodoScope['role'], units: ReadonlyMap<number, UnitNode>): TodoScope {
  const all = unitsUnder(units, unit.id)
  return { unit, role, units: all, branches: all.filter((id) => units.get(id)?.kind === 'branch') }
}

/**
 * The scope of a card: the chat's unit when the asker is its secretary or leader; otherwise a leader's unit
 * (the wider view), else a secretary's branch. Undefined for anyone who holds neither role.
 */
export function todoScope(
  grants: RoleGrant[],
  units: ReadonlyMap<number, UnitNode>,
  chatUnitId?: number,
): TodoScope | undefined {
  const holds = (role: TodoScope['role'], unitId: number) =>
    grants.some((g) => g.role === role && lineage(units, unitId).includes(g.unitId))
  const chatUnit = chatUnitId === undefined ? undefined : units.get(chatUnitId)
  if (chatUnit) {
    if (holds('secretary', chatUnit.id)) return scopeFor(chatUnit, 'secretary', units)
    if (holds('leader', chatUnit.id)) return scopeFor(chatUnit, 'leader', units)
  }
  for (const role of ['leader', 'secretary'] as const) {
    const unit = units.get(grants.find((g) => g.role === role && units.has(g.unitId))?.unitId ?? -1)
    if (unit) return scopeFor(unit, role, units)
  }
  return undefined
}
