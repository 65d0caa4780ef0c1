import { shiftDay } from './dates'
import type { Settings } from './settings'
import { busySpans, type MemberRoster } from './shifts'
import { zonedTime } from './time'

/**
 * The same answer as nextDisturbable, planned: a roster's blocked time over a span of days (shifts, the rest after
 * night shifts, quiet hours) merged once into sorted intervals, then each push's release minute is a binary
 * search. Members of one team share their rotation, so a tick with 10,000 pushes plans a few rosters, not 10,000
 * (time-zone arithmetic costs ~100 µs a call: bench:shifts).
 */
export type Blocked = { from: number; to: number }[]

export function blockedTime(
  roster: MemberRoster,
  fromDay: string,
  toDay: string,
  settings: Pick<Settings, 'shifts' | 'quietHours'>,
  timeZone: string,
): Blocked {
  const raw = busySpans(roster, shiftDay(fromDay, -2), toDay, settings.shifts, timeZone).map(
    ({ from, to }) => ({
      from,
      to,
    }),
  )
  const { start, end } = settings.quietHours
  if (start !== end)
    for (let day = shiftDay(fromDay, -1); day <= toDay; day = shiftDay(day, 1)) {
      // A window spanning midnight (22:00–07:00) runs into the next day; one within a day (01:00–05:00) does not.
      const from = zonedTime(day, start, timeZone)
      raw.push({ from, to: zonedTime(start > end ? shiftDay(day, 1) : day, end, timeZone) })
    }
  raw.sort((a, b) => a.from - b.from)
  const merged: Blocked = []
  for (const r of raw) {
    const last = merged[merged.length - 1]
    if (last && r.from <= last.to) last.to = Math.max(last.to, r.to)
    else merged.push({ ...r })
  }
  return merged
}

/** The first instant at or after `t` outside every blocked interval. */
export function releaseAt(blocked: Blocked, t: number): number {
  let lo = 0
  let hi = blocked.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const b = blocked[mid] as Blocked[number]
    if (t < b.from) hi = mid - 1
    else if (t >= b.to) lo = mid + 1
    else return b.to
  }
  return t
}

/** One key per distinct roster, so members of a team share a plan. */
export function rosterKey(roster: MemberRoster): string {
  const r = roster.rotation
  const own = [...roster.exceptions].map(([d, c]) => `${d}=${c}`).join(',')
  return `${r ? `${r.cycle.join(' ')}@${r.anchorDay}` : ''}|${own}`
}
