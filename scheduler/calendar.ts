import { addDays, type Workdays } from '../src/domain/workdays'

/**
 * The organisation's calendar as pure rules: stage activities with a window and lead days, recurring meetings
 * with a rule, daily push times. Dates are local days ('YYYY-MM-DD'); turning them into instants is the jobs' work.
 */
export type ActivityType =
  | 'assembly'
  | 'committee'
  | 'group'
  | 'lecture'
  | 'themeDay'
  | 'study'
  | 'stage'
  | 'other'

export type CalendarEntry = {
  key: string
  /** '' for the whole organisation, else the unit code whose entry replaces the organisation's of the same key. */
  scope: string
  kind: 'stage' | 'meeting' | 'daily'
  type: ActivityType
  title: string
  startsOn: string | null
  endsOn: string | null
  /** Meetings: `monthly:<day>` or `quarterly:<month of the quarter 1-3>:<day>`. */
  rule: string | null
  at: string
  /** Reminders this many days before the day (0 = on the day), each moved back to a working day. */
  leadDays: number[]
  /** Meetings: the secretary hears this many days before the period ends if none was held. */
  nudgeDays: number | null
  move: 'next' | 'previous' | 'none'
  /** A custom text for the announcement; the shipped wording is used when null. */
  message: string | null
  enabled: boolean
}

export type Rule = { every: 'month'; day: number } | { every: 'quarter'; month: number; day: number }

export function parseRule(rule: string): Rule | undefined {
  const monthly = /^monthly:([1-9]|[12]\d|3[01])$/.exec(rule)
  if (monthly) return { every: 'month', day: Number(monthly[1]) }
  const quarterly = /^quarterly:([1-3]):([1-9]|[12]\d|3[01])$/.exec(rule)
  if (quarterly) return { every: 'quarter', month: Number(quarterly[1]), day: Number(quarterly[2]) }
  return undefined
}

/**
 * One meeting or stage on the calendar: `nominal` as the rule says, `day` after the working-day move; `period` is a
 * meeting's month or quarter, a stage's nominal start.
 */
export type Occurrence = { entry: CalendarEntry; period: string; nominal: string; day: string }

export type Period = { id: string; start: string; end: string }

const pad = (n: number) => String(n).padStart(2, '0')
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** The month (`2026-03`) or quarter (`2026-Q1`) that contains `day`. */
export function periodOf(day: string, every: Rule['every']): Period {
  const [y, m] = day.split('-').map(Number) as [number, number]
  if (every === 'month')
    return { id: `${y}-${pad(m)}`, start: `${y}-${pad(m)}-01`, end: `${y}-${pad(m)}-${pad(lastDayOf(y, m))}` }
  const q = Math.floor((m - 1) / 3)
  const first = q * 3 + 1
  return {
    id: `${y}-Q${q + 1}`,
    start: `${y}-${pad(first)}-01`,
    end: `${y}-${pad(first + 2)}-${pad(lastDayOf(y, first + 2))}`,
  }
}

function moved(day: string, move: CalendarEntry['move'], wd: Workdays): string {
  return move === 'none' ? day : wd.shift(day, move === 'next' ? 1 : -1)
}

function nominalIn(rule: Rule, period: Period): string {
  const [y, m] = period.start.split('-').map(Number) as [number, number]
  const month = rule.every === 'month' ? m : m + rule.month - 1
  return `${y}-${pad(month)}-${pad(Math.min(rule.day, lastDayOf(y, month)))}`
}

/** Occurrences whose (moved) day falls in [from, to]. */
export function occurrencesBetween(
  entry: CalendarEntry,
  from: string,
  to: string,
  wd: Workdays,
): Occurrence[] {
  if (!entry.enabled) return []
  if (entry.kind === 'stage') {
    if (!entry.startsOn) return []
    const day = moved(entry.startsOn, entry.move, wd)
    return day >= from && day <= to ? [{ entry, period: entry.startsOn, nominal: entry.startsOn, day }] : []
  }
  const rule = entry.kind === 'meeting' && entry.rule ? parseRule(entry.rule) : undefined
  if (!rule) return []
  const out: Occurrence[] = []
  // A move can carry a day across a period's edge (the 30th to the next month's first working day): look one back.
  for (
    let p = periodOf(addDays(from, -40), rule.every);
    p.start <= to;
    p = periodOf(addDays(p.end, 1), rule.every)
  ) {
    const nominal = nominalIn(rule, p)
    const day = moved(nominal, entry.move, wd)
    if (day >= from && day <= to) out.push({ entry, period: p.id, nominal, day })
  }
  return out
}

export type Reminder = { occurrence: Occurrence; lead: number; day: string }

/** The day a reminder `lead` days ahead goes out: never on a rest day, so it moves back to a working day. */
function reminderDay(o: Occurrence, lead: number, wd: Workdays): string {
  if (lead === 0) return o.day
  return o.entry.move === 'none' ? addDays(o.day, -lead) : wd.shift(addDays(o.day, -lead), -1)
}

/** Reminders that fall on `day`; two leads moved onto one day make one reminder (the nearer lead). */
export function remindersOn(entry: CalendarEntry, day: string, wd: Workdays): Reminder[] {
  const longest = Math.max(0, ...entry.leadDays)
  const out = new Map<string, Reminder>()
  for (const o of occurrencesBetween(entry, day, addDays(day, longest + 20), wd)) {
    for (const lead of [...entry.leadDays].sort((a, b) => a - b)) {
      const key = `${o.period}:${o.day}`
      if (reminderDay(o, lead, wd) === day && !out.has(key)) out.set(key, { occurrence: o, lead, day })
    }
  }
  return [...out.values()]
}

/** The period whose "not yet held" nudge goes out on `day`, if any. */
export function nudgeOn(entry: CalendarEntry, day: string, wd: Workdays): Period | undefined {
  const rule = entry.enabled && entry.kind === 'meeting' && entry.rule ? parseRule(entry.rule) : undefined
  if (!rule || entry.nudgeDays === null) return undefined
  const period = periodOf(day, rule.every)
  const nudge = wd.shift(addDays(period.end, -entry.nudgeDays), -1)
  return nudge === day ? period : undefined
}

/**
 * The entries that apply to a unit: for each key the row of the nearest scope (`scopes` nearest first, ending
 * with '' for the organisation); a disabled override removes the key for that unit.
 */
export function entriesFor(entries: CalendarEntry[], scopes: string[]): CalendarEntry[] {
  const chosen = new Map<string, CalendarEntry>()
  for (const scope of [...scopes].reverse())
    for (const e of entries) if (e.scope === scope) chosen.set(e.key, e)
  return [...chosen.values()].filter((e) => e.enabled)
}

/** Stage windows and meetings in [from, to], in date order (a stage before a meeting on its day), for `活动`. */
export function upcoming(entries: CalendarEntry[], from: string, to: string, wd: Workdays): Occurrence[] {
  const stages = entries
    .filter((e) => e.kind === 'stage' && e.startsOn && e.startsOn <= to && (e.endsOn ?? e.startsOn) >= from)
    .map((e) => ({
      entry: e,
      period: e.startsOn ?? '',
      nominal: e.startsOn ?? '',
      day: moved(e.startsOn ?? '', e.move, wd),
    }))
  const meetings = entries
    .filter((e) => e.kind === 'meeting')
    .flatMap((e) => occurrencesBetween(e, from, to, wd))
  return [...stages, ...meetings].sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      Number(b.entry.kind === 'stage') - Number(a.entry.kind === 'stage') ||
      a.entry.key.localeCompare(b.entry.key),
  )
}

/**
 * The time of a daily push (e.g. `quiz`), where the daily-quiz job of its own issue reads it: an extension point,
 * no job here sends it.
 */
export function dailyAt(entries: CalendarEntry[], key: string): string | undefined {
  return entries.find((e) => e.kind === 'daily' && e.key === key && e.enabled)?.at
}
