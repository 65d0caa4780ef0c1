import type { UnitNode } from '../domain/members'
import { orgUnits } from './schema'
import type { Db } from './store'

/** The whole organisation tree keyed by id (a few thousand rows at most). */
export async function loadUnits(db: Db): Promise<Map<number, UnitNode>> {
  const rows = await db
    .select({
      id: orgUnits.id,
      parentId: orgUnits.parentId,
      code: orgUnits.code,
      name: orgUnits.name,
      kind: orgUnits.kind,
    })
    .from(orgUnits)
  return new Map(rows.map((r) => [r.id, r]))
}
