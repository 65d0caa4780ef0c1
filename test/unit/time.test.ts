import { describe, expect, it } from 'vitest'
import { sendableAt } from '../../src/domain/quiet-hours'
import { localDay, periodStart, zonedTime } from '../../src/domain/time'

const SH = 'Asia/Shanghai'
const at = (iso: string) => Date.parse(iso)

describe('local days in Shanghai', () => {
  it.each([
    ['2026-11-24T15:59:59Z', '2026-11-24'],
    ['2026-11-24T16:00:00Z', '2026-11-25'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
  ])('%s is %s', (iso, day) => expect(localDay(at(iso), SH)).toBe(day))

  it('turns a wall-clock time into the instant', () => {
    expect(zonedTime('2026-11-25', '09:00', SH)).toBe(at('2026-11-25T01:00:00Z'))
    expect(zonedTime('2026-03-08', '09:00', 'America/New_York')).toBe(at('2026-03-08T13:00:00Z'))
  })

  it.each([
    ['2026-11-25', 'week', '2026-11-23'],
    ['2026-11-23', 'week', '2026-11-23'],
    ['2026-11-29', 'week', '2026-11-23'],
    ['2026-11-25', 'month', '2026-11-01'],
    ['2026-11-25', 'quarter', '2026-10-01'],
    ['2026-03-31', 'quarter', '2026-01-01'],
    ['2026-11-25', 'year', '2026-01-01'],
  ] as const)('%s: the %s starts on %s', (day, period, start) => expect(periodStart(day, period)).toBe(start))
})

describe('quiet hours 22:00–07:00', () => {
  const quiet = { start: '22:00', end: '07:00' }
  it.each([
    ['2026-11-25T12:00:00+08:00', '2026-11-25T12:00:00+08:00'],
    ['2026-11-25T21:59:00+08:00', '2026-11-25T21:59:00+08:00'],
    ['2026-11-25T22:00:00+08:00', '2026-11-26T07:00:00+08:00'],
    ['2026-11-25T23:30:00+08:00', '2026-11-26T07:00:00+08:00'],
    ['2026-11-26T03:00:00+08:00', '2026-11-26T07:00:00+08:00'],
    ['2026-11-26T07:00:00+08:00', '2026-11-26T07:00:00+08:00'],
    ['2026-12-31T23:00:00+08:00', '2027-01-01T07:00:00+08:00'],
  ])('a push at %s goes at %s', (now, expected) => expect(sendableAt(at(now), quiet, SH)).toBe(at(expected)))

  it('holds a daytime window too (e.g. 13:00–14:00 for a day-sleeping night shift)', () => {
    expect(sendableAt(at('2026-11-25T13:30:00+08:00'), { start: '13:00', end: '14:00' }, SH)).toBe(
      at('2026-11-25T14:00:00+08:00'),
    )
  })
})
