import { daysBetween, shiftDay } from './dates'

/**
 * A span of local days cut at month edges, each piece read either from its month's total (less the days after the
 * piece) or day by day, whichever reads fewer days. Pure: days are YYYY-MM-DD strings.
 */
export type MonthPiece = {
  /** YYYY-MM */
  month: string
  from: string
  to: string
  /** Read from the month's total (less the `tail` days after the piece, if any), or day by day. */
  read: 'month' | 'days'
  tail?: { from: string; to: string }
}

const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
}

export function monthPieces(from: string, to: string): MonthPiece[] {
  const pieces: MonthPiece[] = []
  let start = from
  while (start <= to) {
    const month = start.slice(0, 7)
    const end = monthEnd(month)
    const pieceTo = to < end ? to : end
    const piece = { month, from: start, to: pieceTo }
    const days = daysBetween(start, pieceTo) + 1
    const tailDays = daysBetween(pieceTo, end)
    if (start !== `${month}-01` || tailDays >= days) pieces.push({ ...piece, read: 'days' })
    else if (tailDays === 0) pieces.push({ ...piece, read: 'month' })
    else pieces.push({ ...piece, read: 'month', tail: { from: shiftDay(pieceTo, 1), to: end } })
    start = shiftDay(end, 1)
  }
  return pieces
}
