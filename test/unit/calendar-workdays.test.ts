import { describe, expect, it } from 'vitest'
import { HOLIDAYS_2026 } from '../../src/domain/holidays-2026'
import { makeWorkdays, weekday } from '../../src/domain/workdays'

const wd = makeWorkdays([])
const days = (from: string, to: string) => {
  const out: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10))
  return out
}

describe('working days of 2026 (shipped from chinese-days 1.5.7)', () => {
  it('knows the working Saturdays 2026-02-28 and 2026-10-10, and the working Sundays of 调休', () => {
    for (const day of ['2026-02-28', '2026-10-10', '2026-02-14', '2026-09-20', '2026-01-04', '2026-05-09'])
      expect([day, wd.isWorkday(day)]).toEqual([day, true])
    expect(wd.holidayName('2026-02-28')).toBe('春节')
    expect(wd.holidayName('2026-10-10')).toBe('国庆节')
  })

  it('rests through National Day week and the Spring Festival', () => {
    const rest = [
      ...days('2026-10-01', '2026-10-07'),
      ...days('2026-02-15', '2026-02-23'),
      '2026-01-01',
      '2026-01-02',
      '2026-04-06',
      '2026-05-04',
      '2026-05-05',
      '2026-06-19',
      '2026-09-25',
    ]
    expect(rest.filter((d) => wd.isWorkday(d))).toEqual([])
    expect(['2026-10-08', '2026-10-09', '2026-02-24', '2026-02-13'].every((d) => wd.isWorkday(d))).toBe(true)
  })

  it('moves a rest day to the next or the previous working day', () => {
    expect(wd.shift('2026-10-01', 1)).toBe('2026-10-08')
    expect(wd.shift('2026-10-07', -1)).toBe('2026-09-30')
    expect(wd.shift('2026-02-15', 1)).toBe('2026-02-24')
    expect(wd.shift('2026-02-22', -1)).toBe('2026-02-14')
    expect(wd.shift('2026-03-02', 1)).toBe('2026-03-02')
  })

  it('matches chinese-days 1.5.7 on every day of 2026 (read in a UTC process)', async () => {
    process.env.TZ = 'UTC'
    const { default: chineseDays } = await import('chinese-days')
    const differ = days('2026-01-01', '2026-12-31').filter(
      (d) => chineseDays.isWorkday(d) !== wd.isWorkday(d),
    )
    expect(differ).toEqual([])
    expect(HOLIDAYS_2026.filter((h) => h.kind === 'work').map((h) => h.day)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ])
  })

  it('reads dates the same whatever the server zone', () => {
    const before = process.env.TZ
    for (const tz of ['America/Los_Angeles', 'UTC', 'Pacific/Kiritimati']) {
      process.env.TZ = tz
      expect([tz, weekday('2026-10-10'), wd.isWorkday('2026-10-10'), wd.isWorkday('2026-10-01')]).toEqual([
        tz,
        6,
        true,
        false,
      ])
    }
    process.env.TZ = before
  })
})

describe('years beyond the package', () => {
  it('ships 2027 with its statutory days off, marked provisional (未确认)', () => {
    expect(wd.source(2027)).toBe('provisional')
    expect(
      ['2027-10-01', '2027-10-02', '2027-10-03', '2027-02-08', '2027-05-01'].some((d) => wd.isWorkday(d)),
    ).toBe(false)
    // No 调休 is known yet: the Monday after National Day works, the Saturday after it rests.
    expect(wd.isWorkday('2027-10-04')).toBe(true)
    expect(wd.isWorkday('2027-10-09')).toBe(false)
  })

  it('falls back to plain weekends for a year with no data', () => {
    expect(wd.source(2028)).toBe('missing')
    expect(wd.isWorkday('2028-01-01')).toBe(false)
    expect(wd.isWorkday('2028-01-03')).toBe(true)
    expect(wd.isWorkday('2028-10-02')).toBe(true)
  })

  it('lets an imported table replace a whole year', () => {
    const imported = makeWorkdays([
      { day: '2027-10-04', kind: 'rest', name: '国庆节' },
      { day: '2027-10-09', kind: 'work', name: '国庆节' },
    ])
    expect(imported.source(2027)).toBe('imported')
    expect(imported.isWorkday('2027-10-04')).toBe(false)
    expect(imported.isWorkday('2027-10-09')).toBe(true)
    // The shipped draft no longer counts for 2027: a Friday the import does not list is a working day.
    expect(imported.isWorkday('2027-10-01')).toBe(true)
    expect(imported.source(2026)).toBe('shipped')
  })
})
