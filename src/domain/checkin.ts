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

/** One shift's window of an activity held after each shift (发起签到 … 班次 早). */
export type ShiftWindow = Window & { shift: string }

export type WindowChoice = { kind: 'mine'; window: ShiftWindow } | { kind: 'notYours'; shifts: string[] }

/**
 * The window a member's check-in counts against: the one for the shift they work today. A member off shift that
 * day (rest, or no roster: office staff) may use whichever window is open now, else the latest opened.
 */
export function windowFor(windows: ShiftWindow[], shift: string | undefined, now: number): WindowChoice {
  const shifts = windows.map((w) => w.shift)
  const own = shift === undefined ? undefined : windows.find((w) => w.shift === shift)
  if (own) return { kind: 'mine', window: own }
  const working = shift !== undefined && shift !== 'rest'
  if (working) return { kind: 'notYours', shifts }
  const openNow = windows.find((w) => {
    const t = timing(w, now)
    return t === 'onTime' || t === 'late'
  })
  const latest = [...windows].filter((w) => w.opensAt <= now).sort((a, b) => b.opensAt - a.opensAt)[0]
  const chosen = openNow ?? latest
  return chosen ? { kind: 'mine', window: chosen } : { kind: 'notYours', shifts }
}

export type WindowFigures = {
  shift: string
  expected: number
  onTime: number
  late: number
  leave: number
  missing: number
}

/**
 * Attendance per shift window: the members expected in a window are those working its shift that day; members
 * with no window (rest, no roster) are counted under `shift: ''`.
 */
export function figuresByWindow(
  windows: ShiftWindow[],
  shiftOf: ReadonlyMap<number, string | undefined>,
  a: Attendance,
): WindowFigures[] {
  const shifts = new Set(windows.map((w) => w.shift))
  const bucket = (id: number) => {
    const s = shiftOf.get(id)
    return s !== undefined && shifts.has(s) ? s : ''
  }
  const rows = new Map<string, WindowFigures>()
  for (const s of [...windows.map((w) => w.shift), ''])
    rows.set(s, { shift: s, expected: 0, onTime: 0, late: 0, leave: 0, missing: 0 })
  const add = (ids: Person[], field: 'onTime' | 'late' | 'leave' | 'missing') => {
    for (const p of ids) (rows.get(bucket(p.id)) as WindowFigures)[field]++
  }
  add(a.onTime, 'onTime')
  add(a.late, 'late')
  add(a.leave, 'leave')
  add(a.missing, 'missing')
  for (const id of shiftOf.keys()) (rows.get(bucket(id)) as WindowFigures).expected++
  return [...rows.values()].filter((r) => r.shift !== '' || r.expected + r.onTime + r.late > 0)
}
