import { branchesUnder } from '../db/dispatch-facts'
import { holdsOver, subtree, type UnitNode } from '../domain/members'
import { UserError } from '../errors'
import type { Ctx, Me } from './command'

export type SummaryScope = { root: UnitNode; branches: UnitNode[] }

const ALL = ['全部', 'all']

/** Whether `me` may see the summary of `unit`: a leader of it or above, or the secretary of that very branch. */
export function maySee(me: Me, unit: UnitNode, units: ReadonlyMap<number, UnitNode>): boolean {
  if (holdsOver(me, 'leader', unit.id, units)) return true
  return unit.kind === 'branch' && me.grants.some((g) => g.role === 'secretary' && g.unitId === unit.id)
}

/** The widest unit `me` leads, if any. */
function ledUnit(me: Me, units: ReadonlyMap<number, UnitNode>): UnitNode | undefined {
  const led = me.grants
    .filter((g) => g.role === 'leader' && units.has(g.unitId))
    .sort((a, b) => subtree(units, b.unitId).length - subtree(units, a.unitId).length)[0]
  return led ? units.get(led.unitId) : undefined
}

/**
 * Which unit a 汇总 is about: a code as typed, 全部 (the unit the leader leads), or by default this group's unit
 * when the asker may see it, else the unit they lead, else the branch they are secretary of.
 */
export function summaryScope(
  ctx: Pick<Ctx, 'chat'>,
  me: Me,
  units: ReadonlyMap<number, UnitNode>,
  scope: string | undefined,
): SummaryScope {
  let root: UnitNode | undefined
  if (scope !== undefined && ALL.includes(scope.toLowerCase())) {
    root = ledUnit(me, units)
    if (!root) throw new UserError('summary.allNeedsLeader')
  } else if (scope !== undefined) {
    root = [...units.values()].find((u) => u.code.toLowerCase() === scope.toLowerCase())
    if (!root) throw new UserError('summary.noUnit', { code: scope })
    if (root.kind === 'group') throw new UserError('summary.notBranch', { code: root.code })
  } else {
    const chatUnit = ctx.chat ? units.get(ctx.chat.unitId) : undefined
    root =
      (chatUnit && chatUnit.kind !== 'group' && maySee(me, chatUnit, units) ? chatUnit : undefined) ??
      ledUnit(me, units) ??
      units.get(
        me.grants.find((g) => g.role === 'secretary' && units.get(g.unitId)?.kind === 'branch')?.unitId ?? -1,
      )
    if (!root) throw new UserError('summary.notYours', { unit: ctx.chat?.unitName ?? '' })
  }
  if (!maySee(me, root, units)) throw new UserError('summary.notYours', { unit: root.name })
  return { root, branches: branchesUnder(root, units) }
}
