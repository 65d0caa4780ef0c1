import type { CalendarEntry } from '../../scheduler/calendar'
import { DEFAULT_CALENDAR } from '../../scheduler/calendar-defaults'
import { isUnconfirmed, makeWorkdays, type Workdays, type YearSource } from '../domain/workdays'
import { calendarEntries, holidays } from './schema'
import type { Db, Write } from './store'

type Row = typeof calendarEntries.$inferSelect

export function toEntry(r: Row): CalendarEntry {
  return {
    key: r.key,
    scope: r.scope,
    kind: r.kind,
    type: r.type,
    title: r.title,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    rule: r.rule,
    at: r.at,
    leadDays: r.leadDays === '' ? [] : r.leadDays.split(',').map(Number),
    nudgeDays: r.nudgeDays,
    move: r.move,
    message: r.message,
    enabled: r.enabled,
  }
}

export function toRow(e: CalendarEntry, source: Row['source'], now: number): Row {
  const { leadDays, ...rest } = e
  return { ...rest, leadDays: leadDays.join(','), source, updatedAt: now }
}

export async function loadCalendar(db: Db): Promise<CalendarEntry[]> {
  return (await db.select().from(calendarEntries)).map(toEntry)
}

/** The shipped calendar's rows that are not in the database yet; an admin's rows are never overwritten. */
export function seedCalendar(db: Db, now: number): Write[] {
  return DEFAULT_CALENDAR.map((e) =>
    db
      .insert(calendarEntries)
      .values(toRow(e, 'default', now))
      .onConflictDoNothing(),
  )
}

export async function loadWorkdays(db: Db): Promise<Workdays> {
  const rows = await db.select({ day: holidays.day, kind: holidays.kind, name: holidays.name }).from(holidays)
  return makeWorkdays(rows)
}

const warned = new Set<number>()

/** Logs once per process for a year the bot has no holiday data for (it then knows only weekends). */
export function warnMissingYears(wd: Workdays, years: number[], log: (msg: string) => void): void {
  for (const y of years)
    if (wd.source(y) === 'missing' && !warned.has(y)) {
      warned.add(y)
      log(missingYearWarning(y))
    }
}

export const missingYearWarning = (year: number) =>
  `calendar: no holiday data for ${year}; working days are plain Monday–Friday until its table is imported (npm run import -- calendar FILE)`

/** This year's and next year's holiday data, for /readyz: where it comes from and whether it is confirmed. */
export function calendarStatus(wd: Workdays, year: number) {
  const years = [year, year + 1]
  const status = (s: YearSource) => (isUnconfirmed(s) ? 'unconfirmed' : 'confirmed')
  return {
    years: Object.fromEntries(years.map((y) => [y, { source: wd.source(y), status: status(wd.source(y)) }])),
    warnings: years.filter((y) => wd.source(y) === 'missing').map(missingYearWarning),
  }
}
