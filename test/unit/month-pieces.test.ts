import { describe, expect, it } from 'vitest'
import { monthPieces } from '../../src/domain/month-pieces'

describe('monthPieces', () => {
  it('reads a month to date from its total, less the days after it when they are fewer', () => {
    expect(monthPieces('2026-11-01', '2026-11-30')).toEqual([
      { month: '2026-11', from: '2026-11-01', to: '2026-11-30', read: 'month' },
    ])
    expect(monthPieces('2026-10-01', '2026-10-25')).toEqual([
      {
        month: '2026-10',
        from: '2026-10-01',
        to: '2026-10-25',
        read: 'month',
        tail: { from: '2026-10-26', to: '2026-10-31' },
      },
    ])
    // The 15th of a 30-day month: 15 days in, 15 after; read the 15 days.
    expect(monthPieces('2026-11-01', '2026-11-15')).toEqual([
      { month: '2026-11', from: '2026-11-01', to: '2026-11-15', read: 'days' },
    ])
  })

  it('cuts a span at month edges, across a year and a leap day', () => {
    expect(monthPieces('2026-12-28', '2027-01-03')).toEqual([
      { month: '2026-12', from: '2026-12-28', to: '2026-12-31', read: 'days' },
      { month: '2027-01', from: '2027-01-01', to: '2027-01-03', read: 'days' },
    ])
    expect(monthPieces('2028-01-20', '2028-03-31')).toEqual([
      { month: '2028-01', from: '2028-01-20', to: '2028-01-31', read: 'days' },
      { month: '2028-02', from: '2028-02-01', to: '2028-02-29', read: 'month' },
      { month: '2028-03', from: '2028-03-01', to: '2028-03-31', read: 'month' },
    ])
    expect(monthPieces('2026-11-25', '2026-11-25')).toEqual([
      { month: '2026-11', from: '2026-11-25', to: '2026-11-25', read: 'days' },
    ])
  })
})
