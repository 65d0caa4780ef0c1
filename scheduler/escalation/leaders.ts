import { roleHolders } from '../../src/db/escalation'
import type { Db } from '../../src/db/store'
import { lineage, type UnitNode } from '../../src/domain/members'

/**
 * The leaders responsible for a unit: those holding the leader role on the nearest unit at or above it that has
 * any. Read once per use; the org chart is small (≈ 500 branches).
 */
export async function leadersFinder(db: Db, units: ReadonlyMap<number, UnitNode>) {
  const byUnit = new Map<number, number[]>()
  for (const h of await roleHolders(db, 'leader'))
    byUnit.set(h.unitId, [...(byUnit.get(h.unitId) ?? []), h.memberId])
  return (unitId: number): number[] => {
    for (const id of lineage(units, unitId)) {
      const found = byUnit.get(id)
      if (found?.length) return found
    }
    return []
  }
}

/** The secretaries of each unit, keyed by unit. */
export async function secretariesByUnit(db: Db): Promise<Map<number, number[]>> {
  const byUnit = new Map<number, number[]>()
  for (const h of await roleHolders(db, 'secretary'))
    byUnit.set(h.unitId, [...(byUnit.get(h.unitId) ?? []), h.memberId])
  return byUnit
}
