import { HOLIDAYS_2026 } from './holidays-2026'
import { PROVISIONAL_2027 } from './holidays-2027'

/** A day that differs from the plain week, or a weekend day inside a holiday: off (`rest`) or 调休 (`work`). */
export type DayOverride = { day: string; kind: 'rest' | 'work'; name: string }

/**
 * Where a year's holidays come from: an imported State Council table, the table shipped from chinese-days, the
 * shipped statutory days without 调休 (未确认), or nothing (weekends only, with a warning).
 */
export type YearSource = 'imported' | 'shipped' | 'provisional' | 'missing'

const SHIPPED = new Map([[2026, HOLIDAYS_2026]])
const PROVISIONAL = new Map([[2027, PROVISIONAL_2027]])

const yearOf = (day: string) => Number(day.slice(0, 4))

function parts(day: string): [number, number, number] {
  return day.split('-').map(Number) as [number, number, number]
}

/** Day of the week, 0 = Sunday, from the date alone (no time zone involved). */
export function weekday(day: string): number {
  const [y, m, d] = parts(day)
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day)
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10)
}

const isWeekend = (day: string) => {
  const w = weekday(day)
  return w === 0 || w === 6
}

export type Workdays = {
  source(year: number): YearSource
  isWorkday(day: string): boolean
  /** The holiday's name on a day off or an adjusted working day; undefined on an ordinary day. */
  holidayName(day: string): string | undefined
  /** `day` itself when it is a working day, else the next (`+1`) or previous (`-1`) one. */
  shift(day: string, direction: 1 | -1): string
}

const byDay = (rows: DayOverride[]) => new Map(rows.map((r) => [r.day, r]))

/** The working-day calendar: imported rows win for their whole year, then the shipped 2026, then the 2027 draft. */
export function makeWorkdays(imported: DayOverride[]): Workdays {
  const importedYears = new Set(imported.map((r) => yearOf(r.day)))
  const source = (year: number): YearSource => {
    if (importedYears.has(year)) return 'imported'
    if (SHIPPED.has(year)) return 'shipped'
    return PROVISIONAL.has(year) ? 'provisional' : 'missing'
  }
  const tables = {
    imported: byDay(imported),
    shipped: byDay([...SHIPPED.values()].flat()),
    provisional: byDay([...PROVISIONAL.values()].flat()),
    missing: new Map<string, DayOverride>(),
  }
  const override = (day: string) => tables[source(yearOf(day))].get(day)
  const isWorkday = (day: string) => {
    const o = override(day)
    return o ? o.kind === 'work' : !isWeekend(day)
  }
  return {
    source,
    isWorkday,
    holidayName: (day) => override(day)?.name,
    shift(day, direction) {
      let d = day
      // A Chinese holiday run is at most nine days; a year of rest days would be bad data, not a holiday.
      for (let i = 0; i < 366 && !isWorkday(d); i++) d = addDays(d, direction)
      return d
    },
  }
}

/** A year the bot has no holiday data for: plain weekends, which the log and /readyz warn about. */
export const isUnconfirmed = (s: YearSource) => s === 'provisional' || s === 'missing'
