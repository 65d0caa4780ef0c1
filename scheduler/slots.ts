import { localDay, previousDay, zonedTime } from '../src/domain/time'
import type { Slot } from './job'

/** A daily slot at local `hhmm`: today's once it has passed, and yesterday's (so a restart after midnight can catch up). */
export function dailySlots(now: number, timeZone: string, hhmm: string): Slot[] {
  const today = localDay(now, timeZone)
  return [previousDay(today), today]
    .map((day) => ({ key: `${day}T${hhmm}`, dueAt: zonedTime(day, hhmm, timeZone) }))
    .filter((s) => s.dueAt <= now)
}
