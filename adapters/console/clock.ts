import { z } from 'zod'
import { shiftDay } from '../../src/domain/dates'
import { localDay, zonedTime } from '../../src/domain/time'

/**
 * The simulator's clock: the real time plus an offset a newcomer moves forward with the page's buttons, so a shift
 * week can be stepped through in minutes. It is still one function (`now`) handed to the core and the scheduler;
 * only the console routes can reach its control, and only while the simulator is on (src/node.ts).
 */
export type ShiftableClock = {
  now: () => number
  offsetMs: () => number
  /** Moves the simulated time to `at` (never before the real time: the past has already been sent). */
  moveTo: (at: number) => void
  reset: () => void
}

/** Control of each shiftable clock, found from the plain function the core was given. */
const controls = new WeakMap<() => number, ShiftableClock>()

export function shiftableClock(real: () => number = Date.now): ShiftableClock {
  let offset = 0
  const clock: ShiftableClock = {
    now: () => real() + offset,
    offsetMs: () => offset,
    moveTo: (at) => {
      offset = Math.max(0, at - real())
    },
    reset: () => {
      offset = 0
    },
  }
  controls.set(clock.now, clock)
  return clock
}

/** The control behind a core's clock, or undefined when it is the plain wall clock (a real deployment). */
export const clockControlOf = (now: () => number) => controls.get(now)

/** The longest single step: a week, enough to walk a rotation through; more at once skips more stale slots. */
const MAX_MINUTES = 7 * 24 * 60

/** What the page's buttons send. */
export const ClockMove = z.discriminatedUnion('action', [
  z.object({ action: z.literal('advance'), minutes: z.number().int().min(1).max(MAX_MINUTES) }),
  z.object({ action: z.literal('nextMorning'), at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) }),
  z.object({ action: z.literal('reset') }),
])
export type ClockMove = z.infer<typeof ClockMove>

/** Where a move lands: `nextMorning` is the next time the wall clock in `timeZone` shows `at` (today or tomorrow). */
export function targetOf(move: ClockMove, now: number, timeZone: string): number | 'reset' {
  if (move.action === 'reset') return 'reset'
  if (move.action === 'advance') return now + move.minutes * 60_000
  const today = zonedTime(localDay(now, timeZone), move.at, timeZone)
  return today > now ? today : zonedTime(shiftDay(localDay(now, timeZone), 1), move.at, timeZone)
}
