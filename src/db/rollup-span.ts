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
  productionMax: number
}

export const NO_ROLLUP: RollupMark = {
  through: '',
  throughEndMs: 0,
  activityMax: 0,
  checkinMax: 0,
  quizMax: 0,
  pointsMax: 0,
  productionMax: 0,
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
  /**
   * Whole years at the start of the months (the year of `through` counting as whole, as its month does), read from
   * the year tables where they exist; those read the months from `mAfterYears` on (mFrom when there are none).
   */
  yFrom: string
  yTo: string
  mAfterYears: string
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
const NO_YEARS = { yFrom: '9999', yTo: '0000' }
const monthStart = (day: string) => `${day.slice(0, 7)}-01`
const monthEnd = (day: string) => shiftDay(`${shiftDay(`${day.slice(0, 7)}-28`, 4).slice(0, 7)}-01`, -1)

export function spanParts(span: Span, through: string): SpanParts {
  const rolledTo = span.to < through ? span.to : through
  const liveFrom = span.from > through ? span.from : shiftDay(through, 1)
  const parts: SpanParts = {
    mFrom: LATE,
    mTo: EARLY,
    ...NO_YEARS,
    mAfterYears: LATE,
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
  const months = { mFrom: firstWhole.slice(0, 7), mTo: lastWholeEnd.slice(0, 7) }
  return {
    ...parts,
    ...months,
    ...wholeYears(months.mFrom, months.mTo, through),
    ...(span.from < firstWhole ? { hFrom: span.from, hTo: shiftDay(firstWhole, -1) } : {}),
    ...(lastWholeEnd < rolledTo ? tail(shiftDay(lastWholeEnd, 1)) : {}),
  }
}

/** The years from January `mFrom` on that the months mFrom … mTo hold whole, and the first month after them. */
function wholeYears(mFrom: string, mTo: string, through: string) {
  let year = Number(mFrom.slice(0, 4))
  const whole = (y: number) =>
    `${y}-12` <= mTo || (String(y) === through.slice(0, 4) && mTo === through.slice(0, 7))
  if (!mFrom.endsWith('-01') || !whole(year)) return { ...NO_YEARS, mAfterYears: mFrom }
  const yFrom = String(year)
  while (whole(year + 1)) year++
  return { yFrom, yTo: String(year), mAfterYears: `${year + 1}-01` }
}
