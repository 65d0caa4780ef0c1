import { shiftDay } from '../domain/dates'
import type { Span } from '../domain/dispatch'

/** What a build left in rollup_state; `through` '' before the first build (everything is read live). */
export type RollupMark = {
  through: string
  throughEndMs: number
  activityMax: number
  checkinMax: number
  quizMax: number
  pointsMax: number
}

export const NO_ROLLUP: RollupMark = {
  through: '',
  throughEndMs: 0,
  activityMax: 0,
  checkinMax: 0,
  quizMax: 0,
  pointsMax: 0,
}

/**
 * How a day span is read up to the rollup's `through`: whole calendar months from the month tables (the month of
 * `through` counts as whole when the span reaches it: its rows hold its days so far); a stretch from the first of
 * a month to some day (the part of last month a card compares with) from the running month sums of its last row;
 * any other days (a week that starts mid-month) from the day tables. Later days, and rows above the watermarks,
 * are read raw. An empty range has its `from` after its `to`, so every statement keeps one shape.
 */
export type SpanParts = {
  mFrom: string
  mTo: string
  /** Days read from the day tables. */
  hFrom: string
  hTo: string
  /** From the first of a month to `tTo`: the running sums on the last day with rows in it. */
  tMonth: string
  tFrom: string
  tTo: string
  /** Raw rows of days after `through` (liveFrom … to), and rows above the watermarks for days up to `rolledTo`. */
  liveFrom: string
  rolledTo: string
}

const LATE = '9999-12-31'
const EARLY = '0000-01-01'
const monthStart = (day: string) => `${day.slice(0, 7)}-01`
const monthEnd = (day: string) => shiftDay(`${shiftDay(`${day.slice(0, 7)}-28`, 4).slice(0, 7)}-01`, -1)

export function spanParts(span: Span, through: string): SpanParts {
  const rolledTo = span.to < through ? span.to : through
  const liveFrom = span.from > through ? span.from : shiftDay(through, 1)
  const parts: SpanParts = {
    mFrom: LATE,
    mTo: EARLY,
    hFrom: LATE,
    hTo: EARLY,
    tMonth: '',
    tFrom: LATE,
    tTo: EARLY,
    liveFrom,
    rolledTo,
  }
  if (span.from > rolledTo) return parts
  const tail = (from: string) => ({ tMonth: from.slice(0, 7), tFrom: from, tTo: rolledTo })
  const endsWhole = rolledTo === through || rolledTo === monthEnd(rolledTo)
  const firstWhole = span.from === monthStart(span.from) ? span.from : shiftDay(monthEnd(span.from), 1)
  const lastWholeEnd = endsWhole ? rolledTo : shiftDay(monthStart(rolledTo), -1)
  if (firstWhole > lastWholeEnd) {
    if (span.from === monthStart(span.from)) return { ...parts, ...tail(span.from) }
    return { ...parts, hFrom: span.from, hTo: rolledTo }
  }
  return {
    ...parts,
    mFrom: firstWhole.slice(0, 7),
    mTo: lastWholeEnd.slice(0, 7),
    ...(span.from < firstWhole ? { hFrom: span.from, hTo: shiftDay(firstWhole, -1) } : {}),
    ...(lastWholeEnd < rolledTo ? tail(shiftDay(lastWholeEnd, 1)) : {}),
  }
}
