import { loadCalendar, loadWorkdays, warnMissingYears } from '../src/db/calendar'
import { chats } from '../src/db/schema'
import type { Db } from '../src/db/store'
import { loadUnits } from '../src/db/units'
import { lineage, type UnitNode } from '../src/domain/members'
import { localDay, previousDay, zonedTime } from '../src/domain/time'
import type { Platform } from '../src/messages'
import type { Slot } from './job'

/** What the calendar jobs read to find their slots: the calendar, working days, units and bound chats. */
export async function loadView(db: Db) {
  const [entries, wd, units, bound] = await Promise.all([
    loadCalendar(db),
    loadWorkdays(db),
    loadUnits(db),
    db.select({ platform: chats.platform, chatId: chats.chatId, unitId: chats.unitId }).from(chats),
  ])
  return { entries, wd, units, chats: bound as { platform: Platform; chatId: string; unitId: number }[] }
}

export type View = Awaited<ReturnType<typeof loadView>>

const views = new WeakMap<Db, { now: number; view: Promise<View> }>()

/** The view for one tick: the five calendar jobs of a tick share one read (a tick passes them the same `now`). */
export function viewAt(db: Db, now: number): Promise<View> {
  const cached = views.get(db)
  if (cached?.now === now) return cached.view
  const view = loadView(db)
  views.set(db, { now, view })
  return view
}

/** Scopes whose calendar rows apply to a unit, nearest first, ending with the organisation's ''. */
export function scopesOf(units: ReadonlyMap<number, UnitNode>, unitId: number): string[] {
  return [...lineage(units, unitId).map((id) => units.get(id)?.code ?? ''), '']
}

/** Units with at least one bound chat, of the given kinds. */
export function unitsWithChats(view: View, kinds: string[]): UnitNode[] {
  const ids = new Set(view.chats.map((c) => c.unitId))
  return [...view.units.values()].filter((u) => ids.has(u.id) && kinds.includes(u.kind))
}

/**
 * The local days whose slots may be due: yesterday (a restart after midnight catches up within the grace) and
 * today. Logs once if the year has no holiday data.
 */
export function dueDays(view: View, now: number, timeZone: string): string[] {
  const today = localDay(now, timeZone)
  warnMissingYears(view.wd, [Number(today.slice(0, 4))], (msg) => console.warn(msg))
  return [previousDay(today), today]
}

/** A slot that carries what its run needs, so `run` does not recompute the calendar. */
export type DataSlot<T> = Slot & { data: T }

export function slotAt<T>(key: string, day: string, at: string, timeZone: string, data: T): DataSlot<T> {
  return { key, dueAt: zonedTime(day, at, timeZone), data }
}

export function dataOf<T>(slot: Slot): T {
  const data = (slot as Partial<DataSlot<T>>).data
  if (data === undefined) throw new Error(`scheduler: slot ${slot.key} carries no data`)
  return data
}
