import { describe, expect, it } from 'vitest'
import { spanParts } from '../../src/db/rollup-span'

const EMPTY = {
  mFrom: '9999-12-31',
  mTo: '0000-01-01',
  yFrom: '9999',
  yTo: '0000',
  mAfterYears: '9999-12-31',
  hFrom: '9999-12-31',
  hTo: '0000-01-01',
}
const NO_TAIL = { tMonth: '', tFrom: '9999-12-31', tTo: '0000-01-01' }

describe('spanParts: where the 汇总 rollup ends and the raw rows take over', () => {
  it('reads this year as a whole year (its rows so far), and today raw', () => {
    expect(spanParts({ from: '2026-01-01', to: '2026-11-25' }, '2026-11-24')).toEqual({
      ...EMPTY,
      ...NO_TAIL,
      mFrom: '2026-01',
      mTo: '2026-11',
      yFrom: '2026',
      yTo: '2026',
      mAfterYears: '2027-01',
      liveFrom: '2026-11-25',
      rolledTo: '2026-11-24',
    })
  })

  it('reads whole years from January on and the months after them; a span from March has no whole year', () => {
    expect(spanParts({ from: '2025-01-01', to: '2026-03-31' }, '2026-11-24')).toEqual({
      ...EMPTY,
      ...NO_TAIL,
      mFrom: '2025-01',
      mTo: '2026-03',
      yFrom: '2025',
      yTo: '2025',
      mAfterYears: '2026-01',
      liveFrom: '2026-11-25',
      rolledTo: '2026-03-31',
    })
    expect(spanParts({ from: '2025-03-01', to: '2026-11-25' }, '2026-11-24')).toEqual({
      ...EMPTY,
      ...NO_TAIL,
      mFrom: '2025-03',
      mTo: '2026-11',
      mAfterYears: '2025-03',
      liveFrom: '2026-11-25',
      rolledTo: '2026-11-24',
    })
    // The year of `through` is whole only up to `through`: a span that stops a month short of it is months.
    expect(spanParts({ from: '2026-01-01', to: '2026-10-31' }, '2026-11-24')).toEqual({
      ...EMPTY,
      ...NO_TAIL,
      mFrom: '2026-01',
      mTo: '2026-10',
      mAfterYears: '2026-01',
      liveFrom: '2026-11-25',
      rolledTo: '2026-10-31',
    })
  })

  it('reads the stretch of last month compared with from its running sums', () => {
    expect(spanParts({ from: '2026-10-01', to: '2026-10-25' }, '2026-11-24')).toEqual({
      ...EMPTY,
      tMonth: '2026-10',
      tFrom: '2026-10-01',
      tTo: '2026-10-25',
      liveFrom: '2026-11-25',
      rolledTo: '2026-10-25',
    })
    expect(spanParts({ from: '2025-01-01', to: '2025-11-25' }, '2026-11-24')).toEqual({
      ...EMPTY,
      mFrom: '2025-01',
      mTo: '2025-10',
      mAfterYears: '2025-01',
      tMonth: '2025-11',
      tFrom: '2025-11-01',
      tTo: '2025-11-25',
      liveFrom: '2026-11-25',
      rolledTo: '2025-11-25',
    })
  })

  it('reads a week that starts inside a month from the day rows, and ends at a month end as whole months', () => {
    expect(spanParts({ from: '2026-10-26', to: '2026-11-01' }, '2026-11-24')).toEqual({
      ...EMPTY,
      ...NO_TAIL,
      hFrom: '2026-10-26',
      hTo: '2026-11-01',
      liveFrom: '2026-11-25',
      rolledTo: '2026-11-01',
    })
    expect(spanParts({ from: '2026-10-15', to: '2026-12-31' }, '2026-12-31')).toEqual({
      ...EMPTY,
      ...NO_TAIL,
      mFrom: '2026-11',
      mTo: '2026-12',
      mAfterYears: '2026-11',
      hFrom: '2026-10-15',
      hTo: '2026-10-31',
      liveFrom: '2027-01-01',
      rolledTo: '2026-12-31',
    })
  })

  it('reads everything raw before the first build or after `through`', () => {
    expect(spanParts({ from: '2026-11-01', to: '2026-11-25' }, '')).toEqual({
      ...EMPTY,
      ...NO_TAIL,
      liveFrom: '2026-11-01',
      rolledTo: '',
    })
    expect(spanParts({ from: '2026-11-25', to: '2026-11-25' }, '2026-11-24')).toEqual({
      ...EMPTY,
      ...NO_TAIL,
      liveFrom: '2026-11-25',
      rolledTo: '2026-11-24',
    })
  })
})
