import type { CalendarEntry } from './calendar'

type Draft = Pick<CalendarEntry, 'key' | 'kind' | 'type' | 'title' | 'at'> & Partial<CalendarEntry>

const entry = (d: Draft): CalendarEntry => ({
  scope: '',
  startsOn: null,
  endsOn: null,
  rule: null,
  leadDays: [],
  nudgeDays: null,
  move: 'next',
  message: null,
  enabled: true,
  ...d,
})

/** The year's four stage activities; a start on a rest day moves to the next working day. */
const stages = (year: number): CalendarEntry[] =>
  [
    { key: `kickoff-${year}`, title: '开局动员', startsOn: `${year}-01-05`, endsOn: `${year}-01-31` },
    { key: `july1-${year}`, title: '庆七一', startsOn: `${year}-06-22`, endsOn: `${year}-07-01` },
    { key: `nationalday-${year}`, title: '迎国庆', startsOn: `${year}-09-21`, endsOn: `${year}-09-30` },
    { key: `yearend-${year}`, title: '决胜年终', startsOn: `${year}-10-01`, endsOn: `${year}-12-31` },
  ].map((s) => entry({ ...s, kind: 'stage', type: 'stage', at: '09:00', leadDays: [7, 1, 0] }))

/** 三会一课 and 主题党日 for every branch, and the daily quiz's push time (sent by the quiz feature). */
const MEETINGS: CalendarEntry[] = (
  [
    {
      key: 'themeDay',
      type: 'themeDay',
      title: '主题党日',
      rule: 'monthly:15',
      leadDays: [1, 0],
      nudgeDays: 5,
    },
    { key: 'committee', type: 'committee', title: '支委会', rule: 'monthly:5', leadDays: [1], nudgeDays: 5 },
    { key: 'group', type: 'group', title: '党小组会', rule: 'monthly:10', leadDays: [1], nudgeDays: 5 },
    {
      key: 'assembly',
      type: 'assembly',
      title: '党员大会',
      rule: 'quarterly:3:10',
      leadDays: [3, 0],
      nudgeDays: 7,
    },
    {
      key: 'lecture',
      type: 'lecture',
      title: '党课',
      rule: 'quarterly:2:20',
      leadDays: [3, 0],
      nudgeDays: 7,
    },
  ] satisfies Omit<Draft, 'kind' | 'at'>[]
).map((m) => entry({ ...m, kind: 'meeting', at: '09:00' }))

/** What a fresh database starts with (seeded when absent); an admin changes it with `npm run import -- calendar`. */
export const DEFAULT_CALENDAR: CalendarEntry[] = [
  ...stages(2026),
  ...stages(2027),
  ...MEETINGS,
  entry({ key: 'quiz', kind: 'daily', type: 'study', title: '每日一练', at: '08:00' }),
]
