import { describe, expect, it } from 'vitest'
import type { ShiftWindow } from '../../src/domain/checkin'
import { remindedInWindow } from '../../src/domain/window-reminders'

const night: ShiftWindow = { shift: '夜', opensAt: 0, closesAt: 30, lateUntil: 45 }
const early: ShiftWindow = { shift: '早', opensAt: 480, closesAt: 510, lateUntil: 525 }
const windows = [night, early]

describe('which window reminds a missing member', () => {
  it('reminds a member on a shift before the close of that shift window only', () => {
    expect(remindedInWindow(windows, night, '夜')).toBe(true)
    expect(remindedInWindow(windows, early, '夜')).toBe(false)
    expect(remindedInWindow(windows, early, '早')).toBe(true)
    expect(remindedInWindow(windows, night, '早')).toBe(false)
  })

  it('does not remind a member whose shift has no window: they cannot check in to another shift', () => {
    expect(remindedInWindow(windows, night, '中')).toBe(false)
    expect(remindedInWindow(windows, early, '中')).toBe(false)
  })

  it('reminds a member off shift (rest, no roster) once, before the earliest window closes', () => {
    expect(remindedInWindow(windows, night, 'rest')).toBe(true)
    expect(remindedInWindow(windows, early, 'rest')).toBe(false)
    expect(remindedInWindow(windows, night, undefined)).toBe(true)
    expect(remindedInWindow(windows, early, undefined)).toBe(false)
  })
})
