import { dispatchCard } from '../../src/cards/dispatch'
import { branchesUnder, loadDispatch } from '../../src/db/dispatch-facts'
import { holdersOf } from '../../src/db/tasks'
import { loadUnits } from '../../src/db/units'
import { dispatchPeriod } from '../../src/domain/dispatch'
import { previousDay } from '../../src/domain/time'
import { card } from '../../src/messages'
import { chatsOfUnit } from '../calendar-targets'
import { type DataSlot, dataOf, dueDays, slotAt, unitsWithChats, viewAt } from '../calendar-view'
import type { Job, JobOutput } from '../job'
import { privately } from '../task-reach'

type Data = { unitId: number; day: string; leaderId?: number }

/**
 * The 调度 card for the morning dispatch meeting: on working days at `production.dispatchAt` (08:00) each bound
 * branch group gets its card of the day before, and each leader privately the card of their subtree by branch.
 * Keyed by day and branch, or day, leader and unit.
 */
export const dispatchCardJob: Job = {
  name: 'dispatch-card',
  async slots({ db, now, timeZone, settings }) {
    const view = await viewAt(db, now)
    const at = settings.production.dispatchAt
    const leaders = await holdersOf(db, 'leader')
    const slots: DataSlot<Data>[] = []
    for (const day of dueDays(view, now, timeZone).filter((d) => view.wd.isWorkday(d))) {
      for (const b of unitsWithChats(view, ['branch']))
        slots.push(slotAt(`${day}@${b.code}`, day, at, timeZone, { unitId: b.id, day }))
      for (const l of leaders)
        slots.push(
          slotAt(`${day}@leader:${l.memberId}:${l.unitId}`, day, at, timeZone, {
            unitId: l.unitId,
            day,
            leaderId: l.memberId,
          }),
        )
    }
    return slots.filter((s) => s.dueAt <= now)
  },
  async run(ctx, slot): Promise<JobOutput> {
    const { unitId, day, leaderId } = dataOf<Data>(slot)
    const units = await loadUnits(ctx.db)
    const root = units.get(unitId)
    if (!root) return { writes: [], messages: [] }
    const yesterday = previousDay(day)
    const period = dispatchPeriod({ day: yesterday }, yesterday)
    const rows = await loadDispatch(ctx, branchesUnder(root, units), period, units)
    if (leaderId !== undefined)
      return {
        writes: [],
        messages: await privately(ctx, [leaderId], null, (locale) =>
          card(dispatchCard(locale, root, period, rows)),
        ),
      }
    const reply = card(dispatchCard(ctx.defaultLocale, root, period, rows))
    const messages = (await chatsOfUnit(ctx.db, unitId)).map((c) => ({
      platform: c.platform,
      to: { kind: 'chat' as const, id: c.chatId },
      locale: ctx.defaultLocale,
      reply,
    }))
    return { writes: [], messages }
  },
}
