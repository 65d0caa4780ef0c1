import { z } from 'zod'
import { type BranchCompletion, studyStatusCard } from '../cards/study'
import { activeMembersOf, latestStudyFor, studyItemById, studyRecordsOf } from '../db/study'
import { loadUnits } from '../db/units'
import { holdsOver, lineage, subtree, type UnitNode } from '../domain/members'
import { type StudyCompletion, studyCompletion } from '../domain/study'
import { UserError } from '../errors'
import { card } from '../messages'
import { type Ctx, command, type Me, reply } from './command'
import { studyId } from './study'

const OVERSEERS = ['secretary', 'leader', 'admin'] as const

/** The unit whose members 学习情况 counts: this group's unit if the asker oversees it, else their own grant's. */
function statusScope(ctx: Ctx, me: Me, units: ReadonlyMap<number, UnitNode>): UnitNode {
  const oversees = (unitId: number) => OVERSEERS.some((role) => holdsOver(me, role, unitId, units))
  if (ctx.chat && oversees(ctx.chat.unitId)) return units.get(ctx.chat.unitId) as UnitNode
  const grant = me.grants.find((g) => (OVERSEERS as readonly string[]).includes(g.role))
  const unit = grant ? units.get(grant.unitId) : undefined
  if (!unit) throw new UserError('supervision.noScope', {})
  return unit
}

/** Studied / expected per branch, lowest completion first: where a leader should look. */
function branchTable(
  expected: { id: number; branchId: number }[],
  completion: StudyCompletion,
  units: ReadonlyMap<number, UnitNode>,
): BranchCompletion[] {
  const studied = new Set(completion.studied.map((p) => p.id))
  const rows = new Map<number, BranchCompletion>()
  for (const m of expected) {
    const row = rows.get(m.branchId) ?? { name: units.get(m.branchId)?.name ?? '', studied: 0, expected: 0 }
    row.expected += 1
    if (studied.has(m.id)) row.studied += 1
    rows.set(m.branchId, row)
  }
  return [...rows.values()].sort((a, b) => a.studied / a.expected - b.studied / b.expected)
}

export const studyStatus = command({
  id: 'studystatus',
  names: ['学习情况'],
  aliases: ['studystatus'],
  who: ['secretary', 'leader', 'admin'],
  params: [{ name: 'id' }],
  args: z.object({ id: studyId.optional() }),
  async run(ctx, args) {
    const me = ctx.me as Me
    const units = await loadUnits(ctx.db)
    const scope = statusScope(ctx, me, units)
    const item =
      args.id === undefined
        ? await latestStudyFor(ctx.db, lineage(units, scope.id))
        : await studyItemById(ctx.db, args.id)
    if (!item)
      throw new UserError(args.id === undefined ? 'supervision.studyNoneIn' : 'supervision.studyUnknown', {
        id: args.id ?? 0,
        unit: scope.name,
      })
    // Count the narrower of the two: the asker's scope inside the item's audience, or the item's audience
    // inside the asker's scope; an item for a branch elsewhere is not the asker's to read.
    const counted = lineage(units, scope.id).includes(item.unitId)
      ? scope
      : lineage(units, item.unitId).includes(scope.id)
        ? (units.get(item.unitId) as UnitNode)
        : undefined
    if (!counted) throw new UserError('supervision.studyNotInScope', { id: item.id })
    const expected = await activeMembersOf(ctx.db, subtree(units, counted.id))
    const completion = studyCompletion(expected, await studyRecordsOf(ctx.db, item.id))
    const byBranch = counted.kind === 'branch' ? [] : branchTable(expected, completion, units)
    return reply(card(studyStatusCard(ctx.locale, item, counted.name, completion, ctx.timeZone, byBranch)))
  },
})
