import { ledgerItemById, namesOf, overdueProblems } from '../../src/db/ledger'
import { daysBetween } from '../../src/domain/dates'
import { nudgeStep } from '../../src/domain/ledger'
import { localDay } from '../../src/domain/time'
import { translate } from '../../src/i18n'
import { text } from '../../src/messages'
import { type DataSlot, dataOf, slotAt } from '../calendar-view'
import type { Job, JobOutput } from '../job'
import { privately } from '../task-reach'

type Data = { itemId: number; step: number }

/**
 * 双问责: an open problem past its deadline nudges both its 责任人 and its 分管领导 privately at `nudgeAt` on each
 * of settings.supervision.nudgeDays after the deadline (1, 3, 7). Keyed by the item and the step, so each step
 * fires once; a problem whose evidence is in (待验证) or that is closed (销号) has no slot.
 */
export const ledgerOverdueJob: Job = {
  name: 'ledger-overdue',
  async slots({ db, now, timeZone, settings }) {
    const today = localDay(now, timeZone)
    const { nudgeDays, nudgeAt } = settings.supervision
    const slots: DataSlot<Data>[] = []
    for (const item of await overdueProblems(db, today)) {
      const step = item.dueDay ? nudgeStep(item.dueDay, today, nudgeDays) : undefined
      if (step !== undefined)
        slots.push(slotAt(`${item.id}@${step}`, today, nudgeAt, timeZone, { itemId: item.id, step }))
    }
    return slots.filter((s) => s.dueAt <= now)
  },
  async run(ctx, slot): Promise<JobOutput> {
    const { itemId } = dataOf<Data>(slot)
    const item = await ledgerItemById(ctx.db, itemId)
    if (item?.status !== 'open' || !item.dueDay || item.ownerId === null || item.leaderId === null)
      return { writes: [], messages: [] }
    const names = await namesOf(ctx.db, [item.ownerId, item.leaderId])
    const facts = {
      id: item.id,
      days: daysBetween(item.dueDay, localDay(ctx.now, ctx.timeZone)),
      due: item.dueDay,
      text: item.text,
      owner: names.get(item.ownerId) ?? '',
      leader: names.get(item.leaderId) ?? '',
    }
    const messages = await privately(ctx, [item.ownerId, item.leaderId], null, (locale) =>
      text(translate(locale, 'ledger.nudge', facts)),
    )
    return { writes: [], messages }
  },
}
