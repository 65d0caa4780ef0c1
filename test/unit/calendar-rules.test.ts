import { describe, expect, it } from 'vitest'
import {
  type CalendarEntry,
  dailyAt,
  entriesFor,
  nudgeOn,
  occurrencesBetween,
  parseRule,
  remindersOn,
  upcoming,
} from '../../scheduler/calendar'
import { DEFAULT_CALENDAR } from '../../scheduler/calendar-defaults'
import { makeWorkdays } from '../../src/domain/workdays'

const wd = makeWorkdays([])
const entry = (key: string) => {
  const e = DEFAULT_CALENDAR.find((x) => x.key === key)
  if (!e) throw new Error(key)
  return e
}
const meeting = (over: Partial<CalendarEntry>): CalendarEntry => ({ ...entry('themeDay'), ...over })
const daysOf = (e: CalendarEntry, from = '2026-01-01', to = '2026-12-31') =>
  occurrencesBetween(e, from, to, wd).map((o) => o.day)
/** The days of 2026 a reminder of `e` goes out, checked day by day. */
function reminderDays(e: CalendarEntry, from = '2026-01-01', to = '2026-12-31') {
  const out: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10)
    for (const r of remindersOn(e, day, wd)) out.push(`${day} -${r.lead}`)
  }
  return out
}

describe('recurring meetings', () => {
  it('holds 主题党日 on the 15th, moved to the next working day when the 15th is a rest day', () => {
    expect(daysOf(entry('themeDay'))).toEqual([
      '2026-01-15',
      '2026-02-24', // Sunday in the Spring Festival; the 23rd is still a day off
      '2026-03-16',
      '2026-04-15',
      '2026-05-15',
      '2026-06-15',
      '2026-07-15',
      '2026-08-17',
      '2026-09-15',
      '2026-10-15',
      '2026-11-16',
      '2026-12-15',
    ])
  })

  it('reminds the day before (moved back to a working day) and on the day', () => {
    expect(reminderDays(entry('themeDay'), '2026-02-01', '2026-03-31')).toEqual([
      '2026-02-14 -1', // the working Saturday before the Spring Festival
      '2026-02-24 -0',
      '2026-03-13 -1',
      '2026-03-16 -0',
    ])
  })

  it('keeps a meeting on a working Saturday (2026-02-28) and moves one off a plain Saturday', () => {
    const e = meeting({ rule: 'monthly:28', leadDays: [0] })
    expect(daysOf(e, '2026-02-01', '2026-03-31')).toEqual(['2026-02-28', '2026-03-30'])
  })

  it('holds quarterly meetings in the given month of each quarter', () => {
    expect(daysOf(entry('assembly'))).toEqual(['2026-03-10', '2026-06-10', '2026-09-10', '2026-12-10'])
    expect(daysOf(entry('lecture'))).toEqual(['2026-02-24', '2026-05-20', '2026-08-20', '2026-11-20'])
  })

  it('carries a month-end meeting into National Day week’s end', () => {
    expect(daysOf(meeting({ rule: 'monthly:1' }), '2026-10-01', '2026-10-31')).toEqual(['2026-10-08'])
    expect(daysOf(meeting({ rule: 'monthly:1', move: 'previous' }), '2026-09-01', '2026-10-31')).toEqual([
      '2026-09-01',
      '2026-09-30',
    ])
  })

  it('nudges before the period ends, on a working day', () => {
    const nudges = (e: CalendarEntry) => {
      const out: string[] = []
      for (
        let t = Date.parse('2026-01-01T00:00:00Z');
        t <= Date.parse('2026-12-31T00:00:00Z');
        t += 86_400_000
      ) {
        const day = new Date(t).toISOString().slice(0, 10)
        const p = nudgeOn(e, day, wd)
        if (p) out.push(`${day} ${p.id}`)
      }
      return out
    }
    expect(nudges(entry('assembly'))).toEqual([
      '2026-03-24 2026-Q1',
      '2026-06-23 2026-Q2',
      '2026-09-23 2026-Q3',
      '2026-12-24 2026-Q4',
    ])
    expect(nudges(entry('themeDay')).slice(0, 3)).toEqual([
      '2026-01-26 2026-01',
      '2026-02-14 2026-02', // 02-23 is still the Spring Festival: back to the working Saturday
      '2026-03-26 2026-03',
    ])
    expect(nudges(entry('themeDay'))[8]).toBe('2026-09-24 2026-09')
  })

  it('reads only the rule forms it knows', () => {
    expect(parseRule('monthly:15')).toEqual({ every: 'month', day: 15 })
    expect(parseRule('quarterly:3:10')).toEqual({ every: 'quarter', month: 3, day: 10 })
    expect([parseRule('monthly:32'), parseRule('weekly:1'), parseRule('quarterly:4:1')]).toEqual([
      undefined,
      undefined,
      undefined,
    ])
  })
})

describe('stage activities', () => {
  it('announces 庆七一 a week ahead, the day before (moved back over 端午) and on the day', () => {
    expect(reminderDays(entry('july1-2026'))).toEqual(['2026-06-15 -7', '2026-06-18 -1', '2026-06-22 -0'])
  })

  it('announces 迎国庆 on the working Sunday 2026-09-20', () => {
    expect(reminderDays(entry('nationalday-2026'))).toEqual([
      '2026-09-14 -7',
      '2026-09-20 -1',
      '2026-09-21 -0',
    ])
  })

  it('starts 决胜年终 after National Day week, with one announcement before the holiday', () => {
    expect(reminderDays(entry('yearend-2026'))).toEqual(['2026-09-30 -1', '2026-10-08 -0'])
  })
})

describe('overrides', () => {
  const org = entry('themeDay')
  const zc = { ...org, scope: 'ZC01', rule: 'monthly:28' }
  const jdOff = { ...org, scope: 'JD01', enabled: false }
  const all = [org, zc, jdOff]

  it('gives a branch its own row and the others the organisation’s', () => {
    expect(entriesFor(all, ['ZC01', 'DW', '']).find((e) => e.key === 'themeDay')?.rule).toBe('monthly:28')
    expect(entriesFor(all, ['TF01', 'DW', '']).find((e) => e.key === 'themeDay')?.rule).toBe('monthly:15')
    expect(entriesFor(all, ['JD01', 'DW', '']).find((e) => e.key === 'themeDay')).toBeUndefined()
  })

  it('lists what is coming in date order', () => {
    const list = upcoming(DEFAULT_CALENDAR, '2026-09-20', '2026-10-20', wd)
    expect(list.map((o) => `${o.day} ${o.entry.title}`)).toEqual([
      '2026-09-21 迎国庆',
      '2026-10-08 决胜年终',
      '2026-10-08 支委会',
      '2026-10-10 党小组会',
      '2026-10-15 主题党日',
    ])
  })
})

describe('daily pushes', () => {
  it('keeps the daily quiz’s push time on the calendar for the quiz feature to read', () => {
    expect(dailyAt(DEFAULT_CALENDAR, 'quiz')).toBe('08:00')
    expect(dailyAt([{ ...entry('quiz'), enabled: false }], 'quiz')).toBeUndefined()
  })
})
