import { type BranchFacts, rate } from '../domain/summary'

/**
 * The figures the 汇总 card and its export both show, computed once here so the two cannot round differently:
 * the card prints them (`num`, `pct`), the export writes the same numbers into cells.
 */

/** Activity types in the order of 三会一课 and then the rest. */
export const ACTIVITY_ORDER = [
  'assembly',
  'committee',
  'group',
  'lecture',
  'themeDay',
  'study',
  'stage',
  'other',
]

export const byActivityOrder = <T extends { type: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => ACTIVITY_ORDER.indexOf(a.type) - ACTIVITY_ORDER.indexOf(b.type))

/** Two decimals at most: every number on the card and in the export. */
export const round2 = (v: number) => Math.round(v * 100) / 100

export const quizRates = (f: BranchFacts) => ({
  participation: rate(f.quiz.participants, f.members),
  accuracy: rate(f.quiz.correct, f.quiz.answers),
})

/** The mean progress of the running 目标 tasks in percent, one decimal; null without any. */
export const targetsAverage = (f: BranchFacts): number | null =>
  f.targets.count === 0 ? null : Math.round((f.targets.progressSum / f.targets.count) * 10) / 10

export const studyRate = (f: BranchFacts) => rate(f.study.done, f.study.expected)
