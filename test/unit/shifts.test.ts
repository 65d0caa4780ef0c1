import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS_DOC } from '../../src/domain/settings'
import { type MemberRoster, nextDisturbable, shiftCodeOn } from '../../src/domain/shifts'

const SH = 'Asia/Shanghai'
const at = (local: string) => Date.parse(`${local}+08:00`)
const iso = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16)

/** A four-day-on rotation as a team would post it: two early, two middle, two night, two off. */
const rotation = { cycle: ['早', '早', '中', '中', '夜', '夜', 'rest', 'rest'], anchorDay: '2026-12-28' }
const plain: MemberRoster = { rotation, exceptions: new Map() }
const excepted: MemberRoster = {
  rotation,
  exceptions: new Map([
    ['2026-12-28', '中'],
    ['2027-01-01', 'rest'],
  ]),
}

describe('the shift a member works on a day', () => {
  it.each([
    ['2026-11-30', '夜'],
    ['2026-12-01', '夜'],
    ['2026-12-02', 'rest'],
    ['2026-12-25', '夜'],
    ['2026-12-26', 'rest'],
    ['2026-12-27', 'rest'],
    ['2026-12-28', '早'],
    ['2026-12-29', '早'],
    ['2026-12-30', '中'],
    ['2026-12-31', '中'],
    ['2027-01-01', '夜'],
    ['2027-01-02', '夜'],
    ['2027-01-03', 'rest'],
    ['2027-01-04', 'rest'],
    ['2027-01-05', '早'],
    ['2028-02-28', '中'],
    ['2028-02-29', '夜'],
    ['2028-03-01', '夜'],
  ])('on %s the rotation says %s', (day, code) => expect(shiftCodeOn(plain, day)).toBe(code))

  it.each([
    ['2026-12-28', '中'],
    ['2026-12-29', '早'],
    ['2027-01-01', 'rest'],
    ['2027-01-02', '夜'],
  ])('with exceptions, on %s it is %s', (day, code) => expect(shiftCodeOn(excepted, day)).toBe(code))

  it('is nothing without a rotation or an exception', () => {
    expect(shiftCodeOn({ exceptions: new Map() }, '2026-12-28')).toBeUndefined()
    expect(shiftCodeOn({ exceptions: new Map([['2026-12-28', '夜']]) }, '2026-12-28')).toBe('夜')
  })
})

describe('when a member may next be disturbed', () => {
  const settings = DEFAULT_SETTINGS_DOC
  it.each([
    ['on the early shift', plain, '2026-12-28T10:00', '2026-12-28T16:00'],
    ['before the early shift, after quiet hours', plain, '2026-12-28T07:30', '2026-12-28T07:30'],
    ['on the middle shift that ends at midnight', plain, '2026-12-30T17:00', '2026-12-31T07:00'],
    [
      'on a middle shift running into a night shift and its rest',
      plain,
      '2026-12-31T23:30',
      '2027-01-01T16:00',
    ],
    ['resting after a night shift', plain, '2027-01-02T09:00', '2027-01-02T16:00'],
    ['on a day off', plain, '2027-01-03T10:00', '2027-01-03T10:00'],
    ['in quiet hours before a day off', plain, '2027-01-02T23:00', '2027-01-03T07:00'],
    ['resting at the end of November', plain, '2026-11-30T12:00', '2026-11-30T16:00'],
    ['free in the evening before a night shift', plain, '2026-11-30T21:00', '2026-11-30T21:00'],
    ['in quiet hours before a night shift', plain, '2026-11-30T22:30', '2026-12-01T16:00'],
    ['on a middle shift before a day off by exception', excepted, '2026-12-31T23:30', '2027-01-01T07:00'],
    ['without a roster, by day', { exceptions: new Map() }, '2026-12-28T10:00', '2026-12-28T10:00'],
    ['without a roster, at night', { exceptions: new Map() }, '2026-12-28T23:00', '2026-12-29T07:00'],
  ] as [string, MemberRoster, string, string][])('%s: %s → %s', (_, roster, from, to) => {
    expect(iso(nextDisturbable(roster, at(from), settings, SH))).toBe(to)
  })

  it('follows a night shift that starts the evening before and its rest', () => {
    const late = {
      ...settings,
      shifts: {
        ...settings.shifts,
        definitions: [{ code: '夜', name: '夜班', start: '22:00', end: '06:00', night: true }],
      },
    }
    const roster: MemberRoster = { exceptions: new Map([['2026-12-31', '夜']]) }
    expect(iso(nextDisturbable(roster, at('2027-01-01T03:00'), late, SH))).toBe('2027-01-01T14:00')
    expect(iso(nextDisturbable(roster, at('2026-12-31T21:00'), late, SH))).toBe('2026-12-31T21:00')
  })

  it('holds for a longer rest when settings say so', () => {
    const long = { ...settings, shifts: { ...settings.shifts, restAfterNightHours: 10 } }
    expect(iso(nextDisturbable(plain, at('2027-01-02T09:00'), long, SH))).toBe('2027-01-02T18:00')
  })
})
