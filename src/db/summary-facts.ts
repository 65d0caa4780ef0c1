import { shiftDay } from '../domain/dates'
import type { Span } from '../domain/dispatch'
import { planFor } from '../domain/dispatch'
import { lineage, type UnitNode } from '../domain/members'
import { planOf } from '../domain/production'
import type { Settings } from '../domain/settings'
import { type BranchFacts, rate, type SummaryPeriod, trendMonths } from '../domain/summary'
import { zonedTime, zoneOffsetMs } from '../domain/time'
import { type RollupMark, spanParts } from './rollup-span'
import type { Db } from './store'
import type { SummaryReads } from './summary-reads'

/** `rollup`: the rollup to read (the bench and the tests pass NO_ROLLUP for the raw computation); else the stored one. */
export type SummaryCtx = { db: Db; timeZone: string; settings: Settings; today: string; rollup?: RollupMark }
/**
 * One card's reading: the rollup it reads (found once) and where its statements are gathered. Every function below
 * asks for its rows before its first await, so all of the card's reads are gathered before `reads.run()`.
 */
export type FactsCtx = Omit<SummaryCtx, 'rollup'> & { rollup: RollupMark; reads: SummaryReads }
export type TopMember = { memberId: number; name: string; branchId: number; points: number }
export type TrendPoint = { month: string; attendance: number | null; accuracy: number | null }

/**
 * What the card's periods share: how units roll up (every unit under a branch counts for that branch), members of
 * each unit (for expectations), and the 整改 items open today, whatever the period.
 */
type Shape = {
  branchOf: Map<number, number>
  /** The units as one JSON parameter. */
  unitList: string
  counts: Promise<{ headcount: Map<number, number>; openFixes: Map<number, number> }>
}

const n = (v: unknown) => Number(v ?? 0)

export function shapeOf(ctx: FactsCtx, branches: UnitNode[], units: ReadonlyMap<number, UnitNode>): Shape {
  const branchOf = branchOfUnits(branches, units)
  return {
    branchOf,
    unitList: JSON.stringify([...branchOf.keys()]),
    counts: countsOf(ctx, JSON.stringify(branches.map((b) => b.id))),
  }
}

async function countsOf(ctx: FactsCtx, branches: string): Promise<Awaited<Shape['counts']>> {
  const [rows, fixes] = await Promise.all([
    ctx.reads.all('members', { branches }),
    ctx.reads.all('openFixes', { branches }),
  ])
  const headcount = new Map<number, number>()
  for (const r of rows) {
    headcount.set(r.branchId, (headcount.get(r.branchId) ?? 0) + n(r.n))
    if (r.groupId !== null) headcount.set(r.groupId, (headcount.get(r.groupId) ?? 0) + n(r.n))
  }
  return { headcount, openFixes: new Map(fixes.map((r) => [r.branchId, n(r.n)])) }
}

/**
 * The branch each unit counts for: of the branches on its lineage, the last listed (what setting each branch's
 * subtree in list order gives), found in one walk per unit rather than every unit's lineage for every branch.
 */
function branchOfUnits(branches: UnitNode[], units: ReadonlyMap<number, UnitNode>): Map<number, number> {
  const order = new Map(branches.map((b, i) => [b.id, i]))
  const branchOf = new Map<number, number>()
  for (const id of units.keys()) {
    let best: number | undefined
    for (const up of lineage(units, id)) {
      const i = order.get(up)
      if (i !== undefined && (best === undefined || i > best)) best = i
    }
    if (best !== undefined) branchOf.set(id, (branches[best] as UnitNode).id)
  }
  return branchOf
}

const msSpan = (span: Span, timeZone: string) => ({
  fromMs: zonedTime(span.from, '00:00', timeZone),
  toMs: zonedTime(shiftDay(span.to, 1), '00:00', timeZone),
})

/** Where the rollup ends and the raw rows take over for one span: the parameters of the rollup-reading queries. */
function rollupParams(ctx: FactsCtx, span: Span) {
  const mark = ctx.rollup
  const ms = msSpan(span, ctx.timeZone)
  return {
    ...spanParts(span, mark.through),
    from: span.from,
    to: span.to,
    ...ms,
    liveFromMs: Math.max(ms.fromMs, mark.throughEndMs),
    throughEndMs: mark.throughEndMs,
    activityMax: mark.activityMax,
    checkinMax: mark.checkinMax,
    quizMax: mark.quizMax,
    pointsMax: mark.pointsMax,
    through: mark.through,
    productionMax: mark.productionMax,
  }
}

/** Every figure of the card for each branch over one span, from grouped queries. */
export async function branchFacts(
  ctx: FactsCtx,
  branches: UnitNode[],
  units: ReadonlyMap<number, UnitNode>,
  period: SummaryPeriod,
  span: Span,
  shape: Shape,
): Promise<Map<number, BranchFacts>> {
  const q = ctx.reads
  const ids = JSON.stringify(branches.map((b) => b.id))
  const unitList = shape.unitList
  const ms = msSpan(span, ctx.timeZone)
  const days = { from: span.from, to: span.to }
  const roll = rollupParams(ctx, span)
  const productionMark = { through: roll.through, productionMax: roll.productionMax }
  const [att, quizMembers, quizCats, taskRows, targets, figures, points, items, studied, counts] =
    await Promise.all([
      q.all('attendance', { units: unitList, ...roll }),
      q.all('quizMembers', { units: unitList, ...roll }),
      q.all('quizByCategory', { units: unitList, ...roll }),
      q.all('tasks', { branches: ids, ...days, today: ctx.today }),
      q.all('targets', { branches: ids, from: span.from, toMs: ms.toMs }),
      q.all('production', {
        units: unitList,
        metrics: summedMetrics(ctx.settings),
        ...days,
        ...productionMark,
      }),
      q.all('points', { branches: ids, ...roll }),
      q.all('studyItems', ms),
      q.all('studyDone', { branches: ids, ...ms }),
      shape.counts,
    ])
  const s = { ...shape, ...counts }
  const out = new Map<number, BranchFacts>()
  for (const b of branches)
    out.set(b.id, {
      branchId: b.id,
      members: s.headcount.get(b.id) ?? 0,
      attendance: [],
      quiz: { participants: 0, answers: 0, correct: 0 },
      quizByCategory: [],
      tasks: { onTime: 0, late: 0, overdue: 0, open: 0 },
      targets: { count: 0, progressSum: 0 },
      production: [],
      points: 0,
      openFixes: s.openFixes.get(b.id) ?? 0,
      study: { expected: 0, done: 0 },
    })
  const of = (unitId: number) => {
    const branch = s.branchOf.get(unitId)
    return branch === undefined ? undefined : out.get(branch)
  }
  for (const r of att) {
    const f = of(r.unitId)
    if (!f) continue
    const expected = n(r.n) * (s.headcount.get(r.unitId) ?? 0)
    const row = f.attendance.find((a) => a.type === r.type)
    if (row) {
      row.activities += n(r.n)
      row.expected += expected
      row.present += n(r.present)
    } else f.attendance.push({ type: r.type, activities: n(r.n), expected, present: n(r.present) })
  }
  for (const r of quizMembers) {
    const f = of(r.unitId)
    if (f) f.quiz.participants += n(r.n)
  }
  for (const r of quizCats) {
    const f = of(r.unitId)
    if (!f) continue
    f.quiz.answers += n(r.n)
    f.quiz.correct += n(r.correct)
    const row = f.quizByCategory.find((c) => c.category === r.category)
    if (row) {
      row.answers += n(r.n)
      row.correct += n(r.correct)
    } else f.quizByCategory.push({ category: r.category, answers: n(r.n), correct: n(r.correct) })
  }
  for (const r of taskRows) {
    const f = out.get(r.branchId)
    if (f) f.tasks = { onTime: n(r.onTime), late: n(r.late), overdue: n(r.overdue), open: n(r.open) }
  }
  for (const r of targets) {
    const f = out.get(r.branchId)
    if (f) f.targets = { count: n(r.n), progressSum: n(r.progress) }
  }
  addProduction(ctx.settings, period, span, branches, figures, of)
  for (const r of points) {
    const f = out.get(r.branchId)
    if (f) f.points = n(r.n)
  }
  for (const b of branches) {
    const f = out.get(b.id) as BranchFacts
    const reach = lineage(units, b.id)
    for (const r of items) {
      if (reach.includes(r.unitId)) f.study.expected += n(r.n) * f.members
      else if (s.branchOf.get(r.unitId) === b.id)
        f.study.expected += n(r.n) * (s.headcount.get(r.unitId) ?? 0)
    }
  }
  for (const r of studied) {
    const f = out.get(r.branchId)
    if (f) f.study.done = n(r.n)
  }
  return out
}

/** The metrics the card adds up (a level such as 安全生产天数 is not a sum of days), as one JSON parameter. */
const summedMetrics = (settings: Settings) =>
  JSON.stringify(settings.production.metrics.filter((m) => m.aggregate !== 'latest').map((m) => m.code))

type FigureSum = { unitId: number; metric: string; sum: unknown; n: unknown }

/** Production per branch: each metric's figures of the branch's teams, with the branch's plan for the span. */
function addProduction(
  settings: Settings,
  period: SummaryPeriod,
  span: Span,
  branches: UnitNode[],
  figures: FigureSum[],
  of: (unitId: number) => BranchFacts | undefined,
) {
  const metrics = new Map(settings.production.metrics.map((m) => [m.code, m]))
  const code = new Map(branches.map((b) => [b.id, b.code]))
  const dispatchLike = {
    kind: period.kind === 'month' ? 'month' : 'week',
    current: span,
    previous: span,
  } as const
  for (const r of figures) {
    const metric = metrics.get(r.metric)
    const f = of(r.unitId)
    if (!metric || !f || metric.aggregate === 'latest') continue
    let line = f.production.find((p) => p.metric === metric.code)
    if (!line) {
      const plan = planFor(
        metric,
        planOf(settings.production, code.get(f.branchId) ?? '', metric),
        dispatchLike,
      )
      line = {
        metric: metric.code,
        aggregate: metric.aggregate,
        better: metric.better,
        sum: 0,
        count: 0,
        plan,
      }
      f.production.push(line)
    }
    line.sum += n(r.sum)
    line.count += n(r.n)
  }
  for (const b of branches) {
    const f = of(b.id)
    if (f)
      f.production.sort(
        (a, c) => [...metrics.keys()].indexOf(a.metric) - [...metrics.keys()].indexOf(c.metric),
      )
  }
}

/** The members with the most points in the span across these branches. */
export async function topMembers(
  ctx: FactsCtx,
  branches: UnitNode[],
  span: Span,
  limit: number,
): Promise<TopMember[]> {
  const rows = await ctx.reads.all('topMembers', {
    branches: JSON.stringify(branches.map((b) => b.id)),
    ...rollupParams(ctx, span),
    limit,
  })
  return rows.map((r) => ({ memberId: r.memberId, name: r.name, branchId: r.branchId, points: n(r.n) }))
}

/** Attendance rate and quiz accuracy month by month, the last `months` months up to today. */
export async function trendOf(ctx: FactsCtx, months: number, shape: Shape): Promise<TrendPoint[]> {
  const starts = trendMonths(ctx.today, months)
  const from = starts[0] as string
  const roll = rollupParams(ctx, { from, to: ctx.today })
  const unitList = shape.unitList
  const [att, quiz, { headcount }] = await Promise.all([
    ctx.reads.all('attendanceByMonth', {
      units: unitList,
      ...roll,
      offsetMs: zoneOffsetMs(roll.toMs, ctx.timeZone),
    }),
    ctx.reads.all('quizByMonth', { units: unitList, ...roll }),
    shape.counts,
  ])
  return starts.map((start) => {
    const month = start.slice(0, 7)
    const rows = att.filter((r) => r.month === month)
    const expected = rows.reduce((sum, r) => sum + n(r.n) * (headcount.get(r.unitId) ?? 0), 0)
    const present = rows.reduce((sum, r) => sum + n(r.present), 0)
    const qz = quiz.find((r) => r.month === month)
    return { month, attendance: rate(present, expected), accuracy: qz ? rate(n(qz.correct), n(qz.n)) : null }
  })
}
