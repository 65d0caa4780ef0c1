import type { Me, Role, RoleGrant } from '../commands/command'

export type UnitNode = { id: number; parentId: number | null; code: string; name: string; kind: string }

/** The unit and its ancestors, nearest first. */
export function lineage(units: ReadonlyMap<number, UnitNode>, unitId: number): number[] {
  const path: number[] = []
  let cur = units.get(unitId)
  while (cur && !path.includes(cur.id)) {
    path.push(cur.id)
    cur = cur.parentId === null ? undefined : units.get(cur.parentId)
  }
  return path
}

/** Roles a member holds anywhere; every bound member is a `member`. */
export function rolesOf(me: Me | undefined): Role[] {
  if (!me) return []
  return ['member', ...new Set(me.grants.map((g) => g.role))]
}

/** Whether `me` holds `role` over `unitId`: on that unit or on one of its ancestors. */
export function holdsOver(
  me: Me,
  role: RoleGrant['role'],
  unitId: number,
  units: ReadonlyMap<number, UnitNode>,
): boolean {
  const path = lineage(units, unitId)
  return me.grants.some((g) => g.role === role && path.includes(g.unitId))
}

/** The unit and every unit below it. */
export function subtree(units: ReadonlyMap<number, UnitNode>, rootId: number): number[] {
  return [...units.keys()].filter((id) => lineage(units, id).includes(rootId))
}

/** Whether `me` oversees `unitId`: as secretary of it, or as a leader of it or of a unit above it. */
export function oversees(me: Me, unitId: number, units: ReadonlyMap<number, UnitNode>): boolean {
  return holdsOver(me, 'secretary', unitId, units) || holdsOver(me, 'leader', unitId, units)
}

/** The unit a secretary's or leader's bare command is about: this group's unit, else the first unit they hold. */
export function defaultScope(me: Me, chatUnitId: number | undefined): number | undefined {
  return chatUnitId ?? me.grants.find((g) => g.role === 'secretary' || g.role === 'leader')?.unitId
}
