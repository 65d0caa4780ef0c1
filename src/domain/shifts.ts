import { shiftDay as addDays } from './dates'
import { sendableAt } from './quiet-hours'
import type { Settings } from './settings'
import { localDay, zonedTime } from './time'

export type ShiftDef = Settings['shifts']['definitions'][number]

/** A day off in a rotation or an exception; a member with no rotation works no shift at all. */
export const REST = 'rest'

export type Rotation = { cycle: readonly string[]; anchorDay: string }

/** What the roster knows of one member: the team's rotation and their own days (day → shift code or rest). */
export type MemberRoster = { rotation?: Rotation; exceptions: ReadonlyMap<string, string> }

const DAY_MS = 86_400_000

const dayNumber = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d) / DAY_MS
}

/** The shift code (or rest) a member works on `day`: their exception if any, else the rotation's; none without both. */
export function shiftCodeOn(roster: MemberRoster, day: string): string | undefined {
  const own = roster.exceptions.get(day)
  if (own) return own
  const r = roster.rotation
  if (!r || r.cycle.length === 0) return undefined
  const n = r.cycle.length
  const index = (((dayNumber(day) - dayNumber(r.anchorDay)) % n) + n) % n
  return r.cycle[index]
}

/** The shift definition worked on `day`, `rest`, or undefined (no roster). A code no longer defined counts as none. */
export function shiftOn(
  roster: MemberRoster,
  day: string,
  defs: readonly ShiftDef[],
): ShiftDef | typeof REST | undefined {
  const code = shiftCodeOn(roster, day)
  if (code === REST) return REST
  return defs.find((d) => d.code === code)
}

export type Span = { from: number; to: number; kind: 'shift' | 'rest' }

/** The instants a shift worked on `day` starts and ends, in `timeZone`; an end at or before the start is the next day. */
export function shiftSpan(def: ShiftDef, day: string, timeZone: string): { from: number; to: number } {
  const from = zonedTime(day, def.start, timeZone)
  const endDay = def.end === '24:00' || def.end <= def.start ? addDays(day, 1) : day
  const to = zonedTime(endDay, def.end === '24:00' ? '00:00' : def.end, timeZone)
  return { from, to }
}

/** The member's shifts on days `fromDay`..`toDay` and the rest after each night shift, in time order. */
export function busySpans(
  roster: MemberRoster,
  fromDay: string,
  toDay: string,
  shifts: Settings['shifts'],
  timeZone: string,
): Span[] {
  const spans: Span[] = []
  const restMs = shifts.restAfterNightHours * 3_600_000
  for (let day = fromDay; day <= toDay; day = addDays(day, 1)) {
    const def = shiftOn(roster, day, shifts.definitions)
    if (!def || def === REST) continue
    const { from, to } = shiftSpan(def, day, timeZone)
    spans.push({ from, to, kind: 'shift' })
    if (def.night && restMs > 0) spans.push({ from: to, to: to + restMs, kind: 'rest' })
  }
  return spans
}

/**
 * The first instant at or after `t` when the member may get a personal push: not on shift, not resting after
 * a night shift, not in the organisation's quiet hours. Spans are looked up from two days before `t` (a shift
 * and its rest never last longer) and a quiet-hours end may land in a shift, so the checks repeat until both hold.
 */
export function nextDisturbable(
  roster: MemberRoster,
  t: number,
  settings: Pick<Settings, 'shifts' | 'quietHours'>,
  timeZone: string,
): number {
  let at = t
  let spans: Span[] = []
  let spanDays = ''
  for (let step = 0; step < 64; step++) {
    const day = localDay(at, timeZone)
    if (day !== spanDays) {
      spans = busySpans(roster, addDays(day, -2), addDays(day, 1), settings.shifts, timeZone)
      spanDays = day
    }
    const inside = spans.find((s) => s.from <= at && at < s.to)
    if (inside) {
      at = inside.to
      continue
    }
    const quietEnd = sendableAt(at, settings.quietHours, timeZone)
    if (quietEnd === at) return at
    at = quietEnd
  }
  // A roster that is busy round the clock for weeks: hold no longer than the search went.
  return at
}

const REST_WORDS = new Set(['休', '休息', '休假', 'rest', 'off'])
const ENGLISH: Record<string, string> = {
  early: '早',
  morning: '早',
  middle: '中',
  evening: '中',
  night: '夜',
}

/** What a secretary typed (早, 早班, 休, night …) → a shift code of `defs`, `rest`, or undefined when unknown. */
export function resolveShift(typed: string, defs: readonly ShiftDef[]): string | undefined {
  const word = typed.trim().toLowerCase()
  if (REST_WORDS.has(word)) return REST
  const code = ENGLISH[word] ?? word
  return defs.find((d) => d.code === code || d.name === code)?.code
}
