import type { DayOverride } from './workdays'

/**
 * 2026's days off and adjusted working days (调休) as chinese-days 1.5.7 knows them, weekend days of a holiday
 * included. Copied, not imported: the package builds its tables with local-time getters, so on a server west of UTC
 * every date shifts by a day. test/unit/calendar-workdays.test.ts checks this table against the package in a UTC
 * process.
 */
const ROWS: [string, DayOverride['kind'], string][] = [
  ['2026-01-01', 'rest', '元旦'],
  ['2026-01-02', 'rest', '元旦'],
  ['2026-01-03', 'rest', '元旦'],
  ['2026-01-04', 'work', '元旦'],
  ['2026-02-14', 'work', '春节'],
  ['2026-02-15', 'rest', '春节'],
  ['2026-02-16', 'rest', '春节'],
  ['2026-02-17', 'rest', '春节'],
  ['2026-02-18', 'rest', '春节'],
  ['2026-02-19', 'rest', '春节'],
  ['2026-02-20', 'rest', '春节'],
  ['2026-02-21', 'rest', '春节'],
  ['2026-02-22', 'rest', '春节'],
  ['2026-02-23', 'rest', '春节'],
  ['2026-02-28', 'work', '春节'],
  ['2026-04-04', 'rest', '清明'],
  ['2026-04-05', 'rest', '清明'],
  ['2026-04-06', 'rest', '清明'],
  ['2026-05-01', 'rest', '劳动节'],
  ['2026-05-02', 'rest', '劳动节'],
  ['2026-05-03', 'rest', '劳动节'],
  ['2026-05-04', 'rest', '劳动节'],
  ['2026-05-05', 'rest', '劳动节'],
  ['2026-05-09', 'work', '劳动节'],
  ['2026-06-19', 'rest', '端午'],
  ['2026-06-20', 'rest', '端午'],
  ['2026-06-21', 'rest', '端午'],
  ['2026-09-20', 'work', '国庆节'],
  ['2026-09-25', 'rest', '中秋'],
  ['2026-09-26', 'rest', '中秋'],
  ['2026-09-27', 'rest', '中秋'],
  ['2026-10-01', 'rest', '国庆节'],
  ['2026-10-02', 'rest', '国庆节'],
  ['2026-10-03', 'rest', '国庆节'],
  ['2026-10-04', 'rest', '国庆节'],
  ['2026-10-05', 'rest', '国庆节'],
  ['2026-10-06', 'rest', '国庆节'],
  ['2026-10-07', 'rest', '国庆节'],
  ['2026-10-10', 'work', '国庆节'],
]

export const HOLIDAYS_2026: DayOverride[] = ROWS.map(([day, kind, name]) => ({ day, kind, name }))
