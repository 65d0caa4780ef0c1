import { describe, expect, it } from 'vitest'
import { escapeMarkdown, markdownParams } from '../../src/cards/markdown'
import { daysBetween, shiftDay } from '../../src/domain/dates'
import { wallTime } from '../../src/domain/time'
import { translate } from '../../src/i18n'

// The card renderers' helpers keep compiled templates and formatters between calls: repeated calls, other zones
// and other locales must still give what one fresh call would.
describe('wallTime', () => {
  it.each([
    ['2026-12-01T07:10:00+08:00', 'Asia/Shanghai', '07:10', '12-01 07:10'],
    ['2026-11-30T23:59:00Z', 'Asia/Shanghai', '07:59', '12-01 07:59'],
    ['2026-12-31T16:05:00Z', 'Asia/Shanghai', '00:05', '01-01 00:05'],
    ['2026-12-01T00:00:00Z', 'UTC', '00:00', '12-01 00:00'],
    ['2026-12-01T06:14:00Z', 'Asia/Kathmandu', '11:59', '12-01 11:59'],
    ['2026-07-01T12:00:00Z', 'America/New_York', '08:00', '07-01 08:00'],
    ['2026-12-01T12:00:00Z', 'America/New_York', '07:00', '12-01 07:00'],
  ])('%s in %s is %s (%s with the day)', (iso, zone, clock, withDay) => {
    expect(wallTime(Date.parse(iso), zone)).toBe(clock)
    expect(wallTime(Date.parse(iso), zone, true)).toBe(withDay)
  })
})

describe('translate', () => {
  it('fills each placeholder, every time and per locale', () => {
    for (let i = 0; i < 2; i++) {
      expect(translate('zh-CN', 'todo.more', { count: 3 })).toBe('……另有 3 项，点「查看全部」展开')
      expect(translate('en', 'todo.more', { count: 3 })).toBe('… 3 more; tap "Show all"')
    }
  })

  it('leaves a placeholder without a value as it is, and an unknown key as the key', () => {
    expect(translate('en', 'todo.more')).toBe('… {count} more; tap "Show all"')
    expect(translate('en', 'no.such.key', { x: 1 })).toBe('no.such.key')
  })
})

describe('markdown params', () => {
  it('escapes strings only, and plain text comes back unchanged', () => {
    expect(markdownParams({ name: '张三', title: 'a_b @all', n: 4 })).toEqual({
      name: '张三',
      title: 'a\\_b @\u200ball',
      n: 4,
    })
    expect(escapeMarkdown('see http://x')).toBe('see http:\u200b//x')
  })
})

describe('days', () => {
  it.each([
    ['2026-12-01', 31, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-02-28', 1, '2024-02-29'],
  ])('%s shifted by %i is %s', (day, n, shifted) => {
    expect(shiftDay(day, n)).toBe(shifted)
    expect(daysBetween(day, shifted)).toBe(n)
  })
})
