import type { RoleGrant } from '../commands/command'
import { lineage, subtree, type UnitNode } from './members'

/** Whose work a 待办 card shows: a secretary's branch, or a leader's subtree branch by branch. */
export type TodoScope = {
  unit: UnitNode
  role: 'secretary' | 'leader'
  /** The unit and every unit below it (activities may belong to a committee as well as a branch). */
  units: number[]
  /** The branches among `units` (tasks, binds and quizzes are per branch). */
  branches: number[]
}

function scopeFor(unit: UnitNode, role: TodoScope['role'], units: ReadonlyMap<number, UnitNode>): TodoScope {
  const all = subtree(units, unit.id)
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
