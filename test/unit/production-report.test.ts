import { describe, expect, it } from 'vitest'
import { parseReport } from '../../src/domain/production'
import { DEFAULT_SETTINGS_DOC } from '../../src/domain/settings'

const metrics = DEFAULT_SETTINGS_DOC.production.metrics
/** Wednesday 2026-11-25, 10:00 in Shanghai. */
const clock = { now: Date.parse('2026-11-25T10:00:00+08:00'), timeZone: 'Asia/Shanghai', backdateDays: 31 }

const ok = (metric: string, value: number, day = '2026-11-25') => ({ metric, value, day })

describe('报产 as people type it, on 2026-11-25', () => {
  it.each([
    ['原煤 3200吨', ok('coal', 3200)],
    ['原煤 3200 吨', ok('coal', 3200)],
    ['原煤3200吨', ok('coal', 3200)],
    ['原煤产量 3200', ok('coal', 3200)],
    ['产量 3200t', ok('coal', 3200)],
    ['原煤 3200T 昨天', ok('coal', 3200, '2026-11-24')],
    ['原煤 1.2万吨', ok('coal', 12000)],
    ['原煤 0.35万吨 前天', ok('coal', 3500, '2026-11-23')],
    ['原煤 3,200吨', ok('coal', 3200)],
    ['原煤 ３２００吨', ok('coal', 3200)],
    ['ＣＯＡＬ　３２００', ok('coal', 3200)],
    ['进尺 12.5米', ok('footage', 12.5)],
    ['掘进 12.5m 11-24', ok('footage', 12.5, '2026-11-24')],
    ['三违 0 昨天', ok('violations', 0, '2026-11-24')],
    ['三违 2起', ok('violations', 2)],
    ['隐患整改率 98.5%', ok('hazardFix', 98.5)],
    ['整改率 100％', ok('hazardFix', 100)],
    ['事故 0', ok('accidents', 0)],
    ['安全天数 365天 2026-11-01', ok('safeDays', 365, '2026-11-01')],
  ])('%s', (typed, expected) => {
    const r = parseReport(typed, metrics, clock)
    expect(r.ok ? { metric: r.metric.code, value: r.value, day: r.day } : r).toEqual(expected)
  })

  it.each([
    ['3200吨', 'noMetric'],
    ['', 'noMetric'],
    ['精煤 3200吨', 'unknownMetric'],
    ['原煤', 'noValue'],
    ['原煤 很多', 'noValue'],
    ['原煤 -5吨', 'negative'],
    ['原煤 3200米', 'badUnit'],
    ['原煤 3200公斤', 'badUnit'],
    ['进尺 12吨', 'badUnit'],
    ['三违 1.5', 'notInteger'],
    ['事故 0.5起', 'notInteger'],
    ['隐患整改率 120%', 'tooLarge'],
    ['原煤 200万吨', 'tooLarge'],
    ['原煤 3200吨 明天', 'future'],
    ['原煤 3200吨 12-31', 'future'],
    ['原煤 3200吨 2026-10-01', 'tooOld'],
    ['原煤 3200吨 上礼拜', 'badDate'],
    ['原煤 3200吨 昨天 早班', 'extra'],
    ['原煤 3200吨 2026-02-30', 'badDate'],
  ])('%s is refused: %s', (typed, reason) => {
    const r = parseReport(typed, metrics, clock)
    expect(r.ok ? 'accepted' : r.reason).toBe(reason)
  })
})
