import { describe, expect, it } from 'vitest'
import { DATE_PHRASE, parseDueDate } from '../../src/domain/dates'

const TZ = 'Asia/Shanghai'
/** Wednesday 2026-11-25, 10:00 in Shanghai. */
const NOW = Date.parse('2026-11-25T10:00:00+08:00')

const ok = (day: string) => ({ ok: true, day })
const past = (day: string) => ({ ok: false, reason: 'past', day })
const invalid = { ok: false, reason: 'invalid' }

describe('parseDueDate on Wednesday 2026-11-25', () => {
  it.each([
    ['2026-12-31', ok('2026-12-31')],
    ['2026/12/31', ok('2026-12-31')],
    ['2026.12.31', ok('2026-12-31')],
    ['2026年12月31日', ok('2026-12-31')],
    ['12月31日', ok('2026-12-31')],
    ['12月31号', ok('2026-12-31')],
    ['12月31', ok('2026-12-31')],
    ['12/31', ok('2026-12-31')],
    ['12-31', ok('2026-12-31')],
    ['１２／３１', ok('2026-12-31')],
    ['月底', ok('2026-11-30')],
    ['本月底', ok('2026-11-30')],
    ['下月底', ok('2026-12-31')],
    ['下个月底', ok('2026-12-31')],
    ['年底', ok('2026-12-31')],
    ['今天', ok('2026-11-25')],
    ['明天', ok('2026-11-26')],
    ['后天', ok('2026-11-27')],
    ['大后天', ok('2026-11-28')],
    ['周五', ok('2026-11-27')],
    ['本周五', ok('2026-11-27')],
    ['这周五', ok('2026-11-27')],
    ['下周五', ok('2026-12-04')],
    ['下星期一', ok('2026-11-30')],
    ['星期一', ok('2026-11-30')],
    ['周三', ok('2026-11-25')],
    ['下周日', ok('2026-12-06')],
    ['礼拜天', ok('2026-11-29')],
    ['下月15日', ok('2026-12-15')],
    ['下个月15号', ok('2026-12-15')],
    ['本月30日', ok('2026-11-30')],
    ['28号', ok('2026-11-28')],
    ['3天后', ok('2026-11-28')],
    ['tomorrow', ok('2026-11-26')],
    ['TODAY', ok('2026-11-25')],
    ['2028-02-29', ok('2028-02-29')],
  ])('%s → %o', (phrase, expected) => {
    expect(parseDueDate(phrase, NOW, TZ)).toEqual(expected)
  })

  it.each([
    ['昨天', past('2026-11-24')],
    ['yesterday', past('2026-11-24')],
    ['2026-11-24', past('2026-11-24')],
    ['2025-12-31', past('2025-12-31')],
    ['11月20日', past('2026-11-20')],
    ['本周一', past('2026-11-23')],
    ['本月1日', past('2026-11-01')],
  ])('refuses the past: %s → %o', (phrase, expected) => {
    expect(parseDueDate(phrase, NOW, TZ)).toEqual(expected)
  })

  it.each([
    // Ambiguous year-less dates: 85 days back is a past date; 97 days back means next year.
    ['9月1日', past('2026-09-01')],
    ['8月20日', ok('2027-08-20')],
    ['1月5日', ok('2027-01-05')],
    // A day of the month already behind us is next month's.
    ['15号', ok('2026-12-15')],
  ])('reads an ambiguous %s as %o', (phrase, expected) => {
    expect(parseDueDate(phrase, NOW, TZ)).toEqual(expected)
  })

  it.each(['2月30日', '13/1', '2026-02-29', '2026-13-01', '本月31日', '下周八', '周', 'abc', '', '12月'])(
    'refuses %s as not a date',
    (phrase) => {
      expect(parseDueDate(phrase, NOW, TZ)).toEqual(invalid)
    },
  )
})

describe('parseDueDate across boundaries', () => {
  it('rolls into the next month and year on Wednesday 2026-12-30', () => {
    const now = Date.parse('2026-12-30T09:00:00+08:00')
    expect(parseDueDate('月底', now, TZ)).toEqual(ok('2026-12-31'))
    expect(parseDueDate('下月底', now, TZ)).toEqual(ok('2027-01-31'))
    expect(parseDueDate('下月15日', now, TZ)).toEqual(ok('2027-01-15'))
    expect(parseDueDate('1月5日', now, TZ)).toEqual(ok('2027-01-05'))
    expect(parseDueDate('周五', now, TZ)).toEqual(ok('2027-01-01'))
    expect(parseDueDate('后天', now, TZ)).toEqual(ok('2027-01-01'))
    expect(parseDueDate('12月29日', now, TZ)).toEqual(past('2026-12-29'))
  })

  it('resolves today in the bot’s time zone, not UTC', () => {
    // 01:00 in Shanghai on the 25th is still the 24th in UTC.
    const now = Date.parse('2026-11-25T01:00:00+08:00')
    expect(parseDueDate('明天', now, TZ)).toEqual(ok('2026-11-26'))
    expect(parseDueDate('明天', now, 'UTC')).toEqual(ok('2026-11-25'))
    expect(parseDueDate('2026-11-24', now, 'UTC')).toEqual(ok('2026-11-24'))
  })
})

describe('DATE_PHRASE', () => {
  it('accepts the shapes the parser reads and refuses other words', () => {
    for (const s of ['2026-12-31', '12/31', '12月31日', '月底', '下周五', '下月15日', '明天', '3天后'])
      expect(DATE_PHRASE.test(s)).toBe(true)
    for (const s of ['下礼拜', 'soon', '1231', '周八']) expect(DATE_PHRASE.test(s)).toBe(false)
  })
})
