/** Check-in rules: which activity a 签到 is for, whether it is on time, what it earns, who is missing. */

export type ActivityType =
  | 'assembly'
  | 'committee'
  | 'group'
  | 'lecture'
  | 'themeDay'
  | 'study'
  | 'stage'
  | 'other'

/** Meeting kinds named in a title, most specific first (支部党员大会 before 党课, 党小组会 before 党课). */
const TITLE_TYPES: [RegExp, ActivityType][] = [
  [/党员大会/, 'assembly'],
  [/支委会|支部委员会/, 'committee'],
  [/党小组/, 'group'],
  [/主题党日/, 'themeDay'],
  [/第一议题|理论学习|学习会/, 'study'],
  [/党课/, 'lecture'],
  [/开局动员|庆七一|迎国庆|决胜年终/, 'stage'],
  [/学习/, 'study'],
]

/** A secretary types a title, not a type: the type (for 三会一课 counts) is read from the title's words. */
export function typeOfTitle(title: string): ActivityType {
  return TITLE_TYPES.find(([re]) => re.test(title))?.[1] ?? 'other'
}

export type Window = { opensAt: number; closesAt: number; lateUntil: number }

/** A window opened now: on time for `minutes`, then late for `lateMinutes` more. */
export function windowFrom(now: number, minutes: number, lateMinutes: number): Window {
  const closesAt = now + minutes * 60_000
  return { opensAt: now, closesAt, lateUntil: closesAt + lateMinutes * 60_000 }
}

export type Timing = 'notOpen' | 'onTime' | 'late' | 'closed'

/** On time from the opening up to (not including) the close; late until `lateUntil` (exclusive); then closed. */
export function timing(w: Window, at: number): Timing {
  if (at < w.opensAt) return 'notOpen'
  if (at < w.closesAt) return 'onTime'
  if (at < w.lateUntil) return 'late'
  return 'closed'
}

export type OpenActivity = Window & { id: number; title: string; code: string | null }

export type Choice =
  | { kind: 'none' }
  | { kind: 'chosen'; activity: OpenActivity; among: number }
  | { kind: 'needCode'; activity: OpenActivity }
  | { kind: 'wrongCode'; activity: OpenActivity }

/**
 * Which open activity a 签到 is for. A code that matches one decides; otherwise the most recently opened
 * decides, and if that one has a code, a missing or different code is refused (the code proves presence).
 */
export function chooseActivity(open: OpenActivity[], code: string | undefined): Choice {
  if (open.length === 0) return { kind: 'none' }
  const newestFirst = [...open].sort((a, b) => b.opensAt - a.opensAt || b.id - a.id)
  const wanted = code?.toUpperCase()
  const byCode = wanted ? newestFirst.find((a) => a.code?.toUpperCase() === wanted) : undefined
  if (byCode) return { kind: 'chosen', activity: byCode, among: open.length }
  const newest = newestFirst[0] as OpenActivity
  if (newest.code) return { kind: wanted ? 'wrongCode' : 'needCode', activity: newest }
  return { kind: 'chosen', activity: newest, among: open.length }
}

export type PointRule = { points: number; dailyCap: number | null }

/**
 * Points for a check-in, within the day's cap shared by on-time and late check-ins. A capped check-in still
 * gets its ledger row (0 points) so that 积分 can say why nothing was added.
 */
export function checkinAward(
  status: 'onTime' | 'late',
  rules: { onTime: PointRule; late: PointRule },
  earnedToday: number,
): { points: number; capped: boolean } {
  const rule = status === 'onTime' ? rules.onTime : rules.late
  const cap = rules.onTime.dailyCap
  if (cap === null) return { points: rule.points, capped: false }
  const room = Math.max(0, cap - earnedToday)
  return { points: Math.min(rule.points, room), capped: rule.points > room }
}

export type AttendanceStatus = 'onTime' | 'late' | 'leave' | 'absent'

export type AttendanceRecord = {
  id: number
  memberId: number
  status: AttendanceStatus
  reason: string | null
  at: number
}

export type Person = { id: number; name: string }

export type Attendance = {
  expected: number
  onTime: (Person & { at: number })[]
  late: (Person & { at: number })[]
  leave: (Person & { reason: string })[]
  missing: Person[]
  /** Share of the expected members who came (on time or late), 0–1. */
  rate: number
}

/**
 * Who came, who is excused, who is missing. A member's newest record counts (a check-in after a leave, a
 * secretary's correction after either); members outside `expected` who checked in still count as present.
 */
export function attendance(
  expected: Person[],
  records: AttendanceRecord[],
  names: ReadonlyMap<number, string>,
): Attendance {
  const latest = new Map<number, AttendanceRecord>()
  for (const r of [...records].sort((a, b) => a.id - b.id)) latest.set(r.memberId, r)
  const person = (id: number): Person => ({ id, name: names.get(id) ?? String(id) })
  const result: Attendance = {
    expected: expected.length,
    onTime: [],
    late: [],
    leave: [],
    missing: [],
    rate: 0,
  }
  for (const [memberId, r] of latest) {
    if (r.status === 'onTime') result.onTime.push({ ...person(memberId), at: r.at })
    else if (r.status === 'late') result.late.push({ ...person(memberId), at: r.at })
    else if (r.status === 'leave') result.leave.push({ ...person(memberId), reason: r.reason ?? '' })
  }
  for (const p of expected) {
    const r = latest.get(p.id)
    if (!r || r.status === 'absent') result.missing.push(p)
  }
  const came = result.onTime.length + result.late.length
  result.rate = expected.length ? Math.min(1, came / expected.length) : 0
  return result
}
