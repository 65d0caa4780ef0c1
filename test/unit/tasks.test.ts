import { describe, expect, it } from 'vitest'
import { award, detailsOf, dueClass, onTime } from '../../src/domain/tasks'

describe('detailsOf', () => {
  it('reads a target’s metric, a rectification’s source and measure, and keeps other text as the description', () => {
    expect(detailsOf('target', '原煤产量 120万吨')).toMatchObject({
      metricName: '原煤产量',
      metricTarget: 120,
      metricUnit: '万吨',
      description: null,
    })
    expect(detailsOf('target', '安全生产天数 365 天')).toMatchObject({ metricTarget: 365, metricUnit: '天' })
    expect(detailsOf('target', '全年不出事故')).toMatchObject({
      metricName: null,
      description: '全年不出事故',
    })
    expect(detailsOf('fix', '一次查·双向评 完善交接班记录')).toMatchObject({
      fixSource: 'review',
      fixMeasure: '完善交接班记录',
    })
    expect(detailsOf('fix', '更换托辊')).toMatchObject({ fixSource: null, fixMeasure: '更换托辊' })
    expect(detailsOf('pioneer', '')).toMatchObject({ description: null, fixMeasure: null })
  })
})

describe('dueClass', () => {
  it('is overdue the day after the due day, due soon up to the window, later beyond it', () => {
    expect(dueClass('2026-11-30', '2026-12-01', 3)).toEqual({ kind: 'overdue', days: 1 })
    expect(dueClass('2026-12-01', '2026-12-01', 3)).toEqual({ kind: 'soon', days: 0 })
    expect(dueClass('2026-12-04', '2026-12-01', 3)).toEqual({ kind: 'soon', days: 3 })
    expect(dueClass('2026-12-05', '2026-12-01', 3)).toEqual({ kind: 'later' })
    expect(dueClass('2026-12-31', '2027-01-02', 3)).toEqual({ kind: 'overdue', days: 2 })
  })
})

describe('onTime and award', () => {
  it('counts a report on the due day as on time and one the day after as late', () => {
    expect(onTime('2026-12-01', '2026-12-01')).toBe(true)
    expect(onTime('2026-12-02', '2026-12-01')).toBe(false)
    expect(onTime(null, '2026-12-01')).toBe(false)
  })

  it('pays the rule’s points within its daily cap', () => {
    expect(award({ points: 5, dailyCap: null }, 100)).toEqual({ points: 5, capped: false })
    expect(award({ points: 3, dailyCap: 6 }, 3)).toEqual({ points: 3, capped: false })
    expect(award({ points: 3, dailyCap: 6 }, 4)).toEqual({ points: 2, capped: true })
    expect(award({ points: 3, dailyCap: 6 }, 6)).toEqual({ points: 0, capped: true })
  })
})
