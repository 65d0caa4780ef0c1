import type { ShiftWindow } from './checkin'
import { REST } from './shifts'

/**
 * Whether a member still missing from an activity held after each shift is reminded before `window` closes: a
 * member on that shift is; one whose own shift has no window (or has another) is not, since they cannot check in
 * here (domain/checkin.ts windowFor); a member off shift that day (rest, or no roster) may use any window and is
 * reminded once, before the earliest one closes. `windows` are the activity's, earliest first.
 */
export function remindedInWindow(
  windows: readonly ShiftWindow[],
  window: ShiftWindow,
  shift: string | undefined,
): boolean {
  if (shift !== undefined && shift !== REST) return shift === window.shift
  return windows[0]?.shift === window.shift
}
