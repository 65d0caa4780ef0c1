import { localDay, zonedTime } from './time'

export type QuietHours = { start: string; end: string }

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number]
  return h * 60 + m
}

/**
 * When a push queued at `now` may go out: `now` itself outside quiet hours, else the end of the quiet
 * window (a window may span midnight, e.g. 22:00–07:00). Replies to a person's own command are never held.
 */
export function sendableAt(now: number, quiet: QuietHours, timeZone: string): number {
  const day = localDay(now, timeZone)
  const start = minutesOf(quiet.start)
  const end = minutesOf(quiet.end)
  if (start === end) return now
  const midnight = zonedTime(day, '00:00', timeZone)
  const minute = Math.floor((now - midnight) / 60_000)
  const spansMidnight = start > end
  const inside = spansMidnight ? minute >= start || minute < end : minute >= start && minute < end
  if (!inside) return now
  const endsTomorrow = spansMidnight && minute >= start
  const endDay = endsTomorrow ? localDay(midnight + 36 * 3_600_000, timeZone) : day
  return zonedTime(endDay, quiet.end, timeZone)
}
