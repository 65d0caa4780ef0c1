import { daysBetween, shiftDay } from './dates'
import type { Span } from './dispatch'
import { periodStart } from './time'

/**
 * The 汇总 card's rules, pure: the period and the one it is compared with, each branch's scores, the combined
 * index with the configured weights, the ranking and the branches that need attention first.
 */
export type SummaryKind = 'week' | 'month' | 'quarter' | 'year'
export type SummaryPeriod = { kind: SummaryKind; current: Span; previous: Span }

/**
 * This period from its first day to `today`, and the same stretch of the period before (cut at its end); a
 * period that is over (`today` its last day, as in the monthly report) is compared with the whole one before.
 */
export function summaryPeriod(kind: SummaryKind, today: string): SummaryPeriod {
  const from = periodStart(today, kind)
  const prevFrom = periodStart(shiftDay(from, -1), kind)
  const prevEnd = shiftDay(from, -1)
  const complete = periodStart(shiftDay(today, 1), kind) !== from
  const stretch = complete ? prevEnd : shiftDay(prevFrom, daysBetween(from, today))
  return {
    kind,
    current: { from, to: today },
    // Days as YYYY-MM-DD strings sort like dates: the earlier of the two ends the stretch.
    previous: { from: prevFrom, to: [stretch, prevEnd].sort()[0] as string },
  }
}

/** The first days of the `count` months that end with the month of `today`, oldest first. */
export function trendMonths(today: string, count: number): string[] {
  const months: string[] = []
  let start = periodStart(today, 'month')
  for (let i = 0; i < count; i++) {
    months.unshift(start)
    start = periodStart(shiftDay(start, -1), 'month')
  }
  return months
}

/** What SQL aggregation gives for one branch over one span. */
export type BranchFacts = {
  branchId: number
  members: number
  /** Per activity type: activities held, member places expected (members of the holding unit), present. */
  attendance: { type: string; activities: number; expected: number; present: number }[]
  quiz: { participants: number; answers: number; correct: number }
  quizByCategory: { category: string; answers: number; correct: number }[]
  /** Tasks due in the span (cancelled ones left out), by how they stand today. */
  tasks: { onTime: number; late: number; overdue: number; open: number }
  targets: { count: number; progressSum: number }
  /** Production per metric the branch reported in the span, with the plan for the span (summed teams). */
  production: ProductionFact[]
  points: number
  openFixes: number
  study: { expected: number; done: number }
}

export type ProductionFact = {
  metric: string
  aggregate: 'sum' | 'mean'
  better: 'higher' | 'lower'
  sum: number
  /** Unit-days reported: the divisor of a mean. */
  count: number
  plan: number | null
}

export type ProductionLine = {
  metric: string
  actual: number
  plan: number | null
  /** Higher is better and a plan above zero: actual ÷ plan in percent, one decimal. */
  percent: number | null
  /** Lower is better: whether the figure stayed within its limit. */
  withinLimit: boolean | null
}

export function productionLine(p: ProductionFact): ProductionLine {
  const actual = p.aggregate === 'mean' ? p.sum / p.count : p.sum
  return {
    metric: p.metric,
    actual: Math.round(actual * 100) / 100,
    plan: p.plan,
    percent:
      p.better === 'higher' && p.plan !== null && p.plan > 0
        ? Math.round((actual / p.plan) * 1000) / 10
        : null,
    withinLimit: p.better === 'lower' && p.plan !== null ? actual <= p.plan : null,
  }
}

export type Component = 'attendance' | 'quiz' | 'tasks' | 'production' | 'points' | 'study'
export const COMPONENTS: readonly Component[] = [
  'attendance',
  'quiz',
  'tasks',
  'production',
  'points',
  'study',
]
export type Weights = Record<Component, number>

/** A share in percent with one decimal, or null when there is nothing to divide by. */
export const rate = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null

const mean = (xs: number[]): number | null =>
  xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 10) / 10 : null

export function attendanceTotals(f: Pick<BranchFacts, 'attendance'>) {
  const expected = f.attendance.reduce((s, a) => s + a.expected, 0)
  const present = f.attendance.reduce((s, a) => s + a.present, 0)
  const activities = f.attendance.reduce((s, a) => s + a.activities, 0)
  return { activities, expected, present, rate: rate(present, expected) }
}

/** Mean completion of the metrics that have a plan: over 100 % counts as 100, a kept limit as 100, a broken one 0. */
export function productionScore(facts: ProductionFact[]): number | null {
  const scores = facts
    .map(productionLine)
    .flatMap((l) =>
      l.percent !== null
        ? [Math.min(100, l.percent)]
        : l.withinLimit === null
          ? []
          : [l.withinLimit ? 100 : 0],
    )
  return mean(scores)
}

/** Scores 0–100 of each component; null where the branch had nothing to score (no activity, no task due …). */
export function componentScores(
  f: BranchFacts,
  bestPointsPerMember: number,
): Record<Component, number | null> {
  const participation = rate(f.quiz.participants, f.members)
  const accuracy = rate(f.quiz.correct, f.quiz.answers)
  const done = f.tasks.onTime + f.tasks.late
  return {
    attendance: attendanceTotals(f).rate,
    quiz: participation === null ? null : mean([participation, accuracy ?? 0]),
    tasks: rate(f.tasks.onTime, done + f.tasks.overdue),
    production: productionScore(f.production),
    points:
      f.members > 0 && bestPointsPerMember > 0
        ? Math.round((f.points / f.members / bestPointsPerMember) * 1000) / 10
        : null,
    study: rate(f.study.done, f.study.expected),
  }
}

/** The weighted mean of the scores a branch has, the weights of missing ones left out; null without any. */
export function combinedIndex(scores: Record<Component, number | null>, weights: Weights): number | null {
  let sum = 0
  let weight = 0
  for (const c of COMPONENTS) {
    const s = scores[c]
    if (s === null || weights[c] <= 0) continue
    sum += s * weights[c]
    weight += weights[c]
  }
  return weight > 0 ? Math.round((sum / weight) * 10) / 10 : null
}

export type Ranked = {
  branchId: number
  index: number | null
  scores: Record<Component, number | null>
  /** The lowest-scoring component: where attention should go first. */
  weakest: Component | null
}

/** Branches by combined index, best first; branches with nothing to score last, in the order given. */
export function rankBranches(facts: BranchFacts[], weights: Weights): Ranked[] {
  const perMember = facts.filter((f) => f.members > 0).map((f) => f.points / f.members)
  const best = Math.max(0, ...perMember)
  const ranked = facts.map((f) => {
    const scores = componentScores(f, best)
    const weakest = COMPONENTS.filter((c) => scores[c] !== null && weights[c] > 0).reduce<Component | null>(
      (w, c) => (w === null || (scores[c] as number) < (scores[w] as number) ? c : w),
      null,
    )
    return { branchId: f.branchId, index: combinedIndex(scores, weights), scores, weakest }
  })
  return ranked.sort((a, b) => (b.index ?? -1) - (a.index ?? -1))
}

/** The lowest-ranked branches that have an index, worst first: who needs attention. */
export const needingAttention = (ranked: Ranked[], count: number): Ranked[] =>
  ranked
    .filter((r) => r.index !== null)
    .slice(-count)
    .reverse()

/** A change against the previous period, for arrows: null when either side is unknown. */
export function delta(now: number | null, before: number | null): number | null {
  if (now === null || before === null) return null
  return Math.round((now - before) * 10) / 10
}

/** Facts of several branches as one: counts and production figures (with their plans) added up. */
export function combineFacts(all: BranchFacts[]): BranchFacts {
  const byKey = <T>(rows: T[], key: (r: T) => string, add: (a: T, b: T) => T) => {
    const m = new Map<string, T>()
    for (const r of rows) m.set(key(r), m.has(key(r)) ? add(m.get(key(r)) as T, r) : r)
    return [...m.values()]
  }
  const sum = (pick: (f: BranchFacts) => number) => all.reduce((s, f) => s + pick(f), 0)
  const production = byKey(
    all.flatMap((f) => f.production),
    (p) => p.metric,
    (a, b) => ({
      ...a,
      sum: a.sum + b.sum,
      count: a.count + b.count,
      // A mean's plan is a rate, the same for every team; a sum's plans add up.
      plan:
        a.aggregate === 'mean' || a.plan === null || b.plan === null ? (a.plan ?? b.plan) : a.plan + b.plan,
    }),
  )
  return {
    branchId: 0,
    members: sum((f) => f.members),
    attendance: byKey(
      all.flatMap((f) => f.attendance),
      (a) => a.type,
      (a, b) => ({
        type: a.type,
        activities: a.activities + b.activities,
        expected: a.expected + b.expected,
        present: a.present + b.present,
      }),
    ),
    quiz: {
      participants: sum((f) => f.quiz.participants),
      answers: sum((f) => f.quiz.answers),
      correct: sum((f) => f.quiz.correct),
    },
    quizByCategory: byKey(
      all.flatMap((f) => f.quizByCategory),
      (q) => q.category,
      (a, b) => ({ category: a.category, answers: a.answers + b.answers, correct: a.correct + b.correct }),
    ),
    tasks: {
      onTime: sum((f) => f.tasks.onTime),
      late: sum((f) => f.tasks.late),
      overdue: sum((f) => f.tasks.overdue),
      open: sum((f) => f.tasks.open),
    },
    targets: { count: sum((f) => f.targets.count), progressSum: sum((f) => f.targets.progressSum) },
    production,
    points: sum((f) => f.points),
    openFixes: sum((f) => f.openFixes),
    study: { expected: sum((f) => f.study.expected), done: sum((f) => f.study.done) },
  }
}
