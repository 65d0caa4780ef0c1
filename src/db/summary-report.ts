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
import {
  branchFacts,
  type SummaryCtx,
  shapeOf,
  type TopMember,
  type TrendPoint,
  topMembers,
  trendOf,
} from './summary-facts'

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
  const shape = await shapeOf(ctx, branches, units)
  const [current, previous, top, trend, evaluation] = await Promise.all([
    branchFacts(ctx, branches, units, period, period.current, shape),
    branchFacts(ctx, branches, units, period, period.previous, shape),
    topMembers(ctx, branches, period.current, TOP_MEMBERS),
    trendOf(ctx, branches, units, trendMonths, shape),
    evaluationFacts(
      ctx.db,
      branches.map((b) => b.id),
      Number(period.current.to.slice(0, 4)),
    ),
  ])
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
