import { describe, expect, it } from 'vitest'
import { aggregate, dispatchPeriod, metricLine, planFor, safeDays } from '../../src/domain/dispatch'
import { DEFAULT_SETTINGS_DOC } from '../../src/domain/settings'

const metric = (code: string) => {
  const m = DEFAULT_SETTINGS_DOC.production.metrics.find((x) => x.code === code)
  if (!m) throw new Error(code)
  return m
}
const plan = (code: string) => ({ daily: metric(code).planDaily, monthly: metric(code).planMonthly })

describe('the 调度 periods', () => {
  it.each([
    [{ day: '2026-12-01' }, '2026-12-03', ['2026-12-01', '2026-12-01', '2026-11-30', '2026-11-30']],
    ['week', '2026-11-25', ['2026-11-23', '2026-11-25', '2026-11-16', '2026-11-18']],
    ['week', '2026-11-30', ['2026-11-30', '2026-11-30', '2026-11-23', '2026-11-23']],
    ['week', '2026-12-06', ['2026-11-30', '2026-12-06', '2026-11-23', '2026-11-29']],
    ['month', '2026-11-25', ['2026-11-01', '2026-11-25', '2026-10-01', '2026-10-25']],
    ['month', '2026-03-31', ['2026-03-01', '2026-03-31', '2026-02-01', '2026-02-28']],
    ['month', '2027-01-15', ['2027-01-01', '2027-01-15', '2026-12-01', '2026-12-15']],
  ] as const)('%j on %s', (when, today, [from, to, pFrom, pTo]) => {
    const p = dispatchPeriod(when as 'week', today)
    expect([p.current.from, p.current.to, p.previous.from, p.previous.to]).toEqual([from, to, pFrom, pTo])
  })
})

describe('plan completion', () => {
  it('scales the plan to the span: a day, days of a week, the month to date', () => {
    expect(planFor(metric('coal'), plan('coal'), dispatchPeriod({ day: '2026-11-25' }, '2026-11-25'))).toBe(
      3000,
    )
    expect(planFor(metric('coal'), plan('coal'), dispatchPeriod('week', '2026-11-25'))).toBe(9000)
    expect(planFor(metric('coal'), plan('coal'), dispatchPeriod('month', '2026-11-25'))).toBe(75000)
    expect(planFor(metric('coal'), plan('coal'), dispatchPeriod('month', '2026-02-14'))).toBe(45000)
    expect(planFor(metric('footage'), plan('footage'), dispatchPeriod('month', '2026-12-31'))).toBe(360)
    expect(planFor(metric('hazardFix'), plan('hazardFix'), dispatchPeriod('month', '2026-11-25'))).toBe(100)
    expect(
      planFor(metric('coal'), { daily: 1000, monthly: null }, dispatchPeriod('month', '2026-11-10')),
    ).toBe(10000)
  })

  it('adds up, averages or takes the newest as the metric says', () => {
    const days = [
      { day: '2026-11-24', value: 2800 },
      { day: '2026-11-25', value: 3200 },
      { day: '2026-11-25', value: 100 },
    ]
    expect(aggregate(metric('coal'), days)).toBe(6100)
    expect(aggregate(metric('hazardFix'), days)).toBe(2033.3333333333333)
    expect(aggregate(metric('safeDays'), days)).toBe(3200)
    expect(aggregate(metric('coal'), [])).toBeUndefined()
  })

  it('gives completion for higher-is-better and within/over for limits, with the trend', () => {
    expect(metricLine(metric('coal'), 6000, 7000, 75000)).toMatchObject({
      percent: 8,
      withinLimit: null,
      trend: 'down',
    })
    expect(metricLine(metric('footage'), 12.5, 12.5, 12)).toMatchObject({ percent: 104.2, trend: 'flat' })
    expect(metricLine(metric('violations'), 1, 0, 0)).toMatchObject({
      percent: null,
      withinLimit: false,
      trend: 'up',
    })
    expect(metricLine(metric('accidents'), 0, undefined, 0)).toMatchObject({ withinLimit: true, trend: null })
    expect(metricLine(metric('coal'), undefined, 10, 3000)).toMatchObject({ percent: null, trend: null })
  })
})

describe('安全生产天数', () => {
  const r = (day: string, value: number) => ({ day, value })
  it.each([
    ['a reported count runs on', [r('2026-11-01', 100)], [], '2026-11-25', 124],
    ['across a month edge', [r('2026-10-31', 0)], [], '2026-11-01', 1],
    ['an accident restarts it', [r('2026-11-01', 100)], [r('2026-11-10', 1)], '2026-11-25', 15],
    ['an accident on the report day wins', [r('2026-11-01', 100)], [r('2026-11-01', 1)], '2026-11-25', 24],
    ['a report after the accident counts', [r('2026-11-02', 3)], [r('2026-10-30', 2)], '2026-11-25', 26],
    [
      'a day without accidents does not restart it',
      [r('2026-11-01', 100)],
      [r('2026-11-20', 0)],
      '2026-11-25',
      124,
    ],
    ['figures after the day are ignored', [r('2026-11-01', 100)], [r('2026-11-26', 1)], '2026-11-25', 124],
    ['the accident day itself is 0', [], [r('2026-11-25', 1)], '2026-11-25', 0],
    ['unknown without either', [], [], '2026-11-25', undefined],
  ])('%s', (_, reported, accidents, asOf, expected) => {
    expect(safeDays(reported, accidents, asOf)).toBe(expected)
  })
})
