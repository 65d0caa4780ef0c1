import { z } from 'zod'
import { evaluationCard } from '../cards/evaluation'
import { type BranchEvaluation, evaluationFacts } from '../db/evaluation-facts'
import { loadUnits } from '../db/units'
import { subtree, type UnitNode } from '../domain/members'
import { localDay } from '../domain/time'
import { UserError } from '../errors'
import { card } from '../messages'
import { year } from './assessment'
import { command, type Me, type Outcome } from './command'

/** Every branch under the units where `me` is a leader or admin. */
export function branchesOverseen(me: Me, units: ReadonlyMap<number, UnitNode>): UnitNode[] {
  const roots = me.grants.filter((g) => g.role === 'leader' || g.role === 'admin').map((g) => g.unitId)
  const ids = new Set(roots.flatMap((id) => subtree(units, id)))
  return [...ids].map((id) => units.get(id) as UnitNode).filter((u) => u.kind === 'branch')
}

/** `考评 [年份]`: both grades of every branch in the leader's scope, 双评双优 violations first. */
export const evaluationCmd = command({
  id: 'evaluation',
  names: ['考评'],
  aliases: ['evaluation'],
  who: ['leader', 'admin'],
  params: [{ name: 'year' }],
  args: z.object({ year: year.optional() }),
  async run(ctx, args): Promise<Outcome> {
    const me = ctx.me as Me
    const units = await loadUnits(ctx.db)
    const branches = branchesOverseen(me, units)
    if (branches.length === 0) throw new UserError('evaluation.noScope')
    const y = args.year ?? Number(localDay(ctx.now, ctx.timeZone).slice(0, 4))
    const facts = await evaluationFacts(
      ctx.db,
      branches.map((b) => b.id),
      y,
    )
    const rows = branches.map((branch) => ({ branch, evaluation: facts.get(branch.id) as BranchEvaluation }))
    return { writes: [], replies: [card(evaluationCard(ctx.locale, y, rows))] }
  },
})
