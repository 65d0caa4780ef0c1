import type { BranchEvaluation } from '../domain/evaluation'
import type { UnitNode } from '../domain/members'
import {
  type BranchFacts,
  combineFacts,
  needingAttention,
  type Ranked,
  rankBranches,
  type SummaryPeriod,
} from '../domain/summary'
import { evaluationFacts } from './evaluation-facts'
import { rollupMark } from './rollup'
import {
  branchFacts,
  type FactsCtx,
  type SummaryCtx,
  shapeOf,
  type TopMember,
  type TrendPoint,
  topMembers,
  trendOf,
} from './summary-facts'
import { summaryReads } from './summary-reads'

const TOP_MEMBERS = 5

/** Everything the 汇总 card and its export show, for one unit (a branch or a committee's branches) and period. */
export type SummaryReport = {
  root: UnitNode
  /** A committee: the card ranks its branches. */
  org: boolean
  period: SummaryPeriod
  branches: UnitNode[]
  current: Map<number, BranchFacts>
  total: BranchFacts
  totalPrevious: BranchFacts
  ranked: Ranked[]
  previousIndex: Map<number, number | null>
  attention: Ranked[]
  top: TopMember[]
  trend: TrendPoint[]
  evaluation: Map<number, BranchEvaluation>
}

export async function loadSummary(
  ctx: SummaryCtx,
  root: UnitNode,
  branches: UnitNode[],
  units: ReadonlyMap<number, UnitNode>,
  period: SummaryPeriod,
): Promise<SummaryReport> {
  const { weights, attention, trendMonths } = ctx.settings.summary
  const mark = ctx.rollup ?? (await rollupMark(ctx.db))
  // Every statement of the card is asked for first and then run at once (`reads.run()`): on Node with a read pool
  // part of them runs in the pool's thread meanwhile (src/db/read-pool.ts).
  const facts: FactsCtx = { ...ctx, rollup: mark, reads: summaryReads(ctx.db) }
  const shape = shapeOf(facts, branches, units)
  const asked = [
    branchFacts(facts, branches, units, period, period.current, shape),
    branchFacts(facts, branches, units, period, period.previous, shape),
    topMembers(facts, branches, period.current, TOP_MEMBERS),
    trendOf(facts, trendMonths, shape),
  ] as const
  facts.reads.run()
  const [current, previous, top, trend, evaluation] = await Promise.all([
    ...asked,
    evaluationFacts(
      ctx.db,
      branches.map((b) => b.id),
      Number(period.current.to.slice(0, 4)),
    ),
  ])
  // A rollup build committed while the statements ran (each reads its own snapshot; on Node with the pool, or on
  // D1, others commit meanwhile): some read its days twice, raw and rolled up. Read the card again.
  if (!ctx.rollup && JSON.stringify(await rollupMark(ctx.db)) !== JSON.stringify(mark))
    return loadSummary(ctx, root, branches, units, period)
  const ranked = rankBranches([...current.values()], weights)
  const previousIndex = new Map(
    rankBranches([...previous.values()], weights).map((r) => [r.branchId, r.index]),
  )
  return {
    root,
    org: root.kind === 'committee',
    period,
    branches,
    current,
    total: combineFacts([...current.values()]),
    totalPrevious: combineFacts([...previous.values()]),
    ranked,
    previousIndex,
    attention: needingAttention(ranked, attention),
    top,
    trend,
    evaluation,
  }
}
