import { branchDueCard, isEmpty, splitDue } from '../../src/cards/task-lists'
import { branchDue, digestBranches, holdersOn } from '../../src/db/tasks'
import { shiftDay } from '../../src/domain/dates'
import { localDay, previousDay } from '../../src/domain/time'
import { translate } from '../../src/i18n'
import { card } from '../../src/messages'
import { type DataSlot, dataOf, slotAt } from '../calendar-view'
import type { Job, JobOutput } from '../job'
import { privately } from '../task-reach'

type Data = { branchId: number; unitName: string; day: string }

/**
 * Every morning at `digestAt` (08:30), the secretary of each branch with overdue, due-soon or unconfirmed tasks
 * gets one card listing them all (one message, not one per task). Keyed by day and branch.
 */
export const taskDigestJob: Job = {
  name: 'task-digest',
  async slots({ db, now, timeZone, settings }) {
    const { dueSoonDays, digestAt } = settings.tasks
    const today = localDay(now, timeZone)
    const slots: DataSlot<Data>[] = []
    for (const day of [previousDay(today), today]) {
      for (const b of await digestBranches(db, shiftDay(day, dueSoonDays)))
        slots.push(
          slotAt(`${day}@${b.code}`, day, digestAt, timeZone, {
            branchId: b.branchId,
            unitName: b.name,
            day,
          }),
        )
    }
    return slots.filter((s) => s.dueAt <= now)
  },
  async run(ctx, slot): Promise<JobOutput> {
    const { branchId, unitName, day } = dataOf<Data>(slot)
    const soonDays = ctx.settings.tasks.dueSoonDays
    const split = splitDue(await branchDue(ctx.db, branchId, shiftDay(day, soonDays)), day, soonDays)
    if (isEmpty(split)) return { writes: [], messages: [] }
    const messages = await privately(ctx, await holdersOn(ctx.db, 'secretary', branchId), null, (locale) =>
      card(
        branchDueCard(
          locale,
          translate(locale, 'tasks.digestTitle', { unit: unitName, day }),
          split,
          day,
          soonDays,
        ),
      ),
    )
    return { writes: [], messages }
  },
}
