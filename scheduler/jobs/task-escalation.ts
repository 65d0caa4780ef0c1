import { holdersOf, holdersOn, overdueIn } from '../../src/db/tasks'
import { loadUnits } from '../../src/db/units'
import { daysBetween, shiftDay } from '../../src/domain/dates'
import { subtree, type UnitNode } from '../../src/domain/members'
import { localDay, periodStart, previousDay } from '../../src/domain/time'
import { translate } from '../../src/i18n'
import { card } from '../../src/messages'
import { type DataSlot, dataOf, slotAt } from '../calendar-view'
import type { Job, JobOutput } from '../job'
import { privately } from '../task-reach'

/** A weekly digest names at most this many items, oldest first; 逾期 shows every branch's counts. */
const MAX_ITEMS = 50

type Data = { unitId: number; unitName: string; day: string }

const branchesUnder = (units: ReadonlyMap<number, UnitNode>, unitId: number) =>
  subtree(units, unitId).filter((id) => units.get(id)?.kind === 'branch')

/**
 * On Mondays at `escalateAt` (09:30), leaders hear of the items in their subtree overdue by more than
 * `escalateAfterDays` (7). Keyed by the Monday and the leader's unit, so each week's digest goes out once.
 */
export const taskEscalationJob: Job = {
  name: 'task-escalation',
  async slots({ db, now, timeZone, settings }) {
    const today = localDay(now, timeZone)
    const mondays = [previousDay(today), today].filter((d) => periodStart(d, 'week') === d)
    if (!mondays.length) return []
    const units = await loadUnits(db)
    const led = [...new Set((await holdersOf(db, 'leader')).map((h) => h.unitId))]
    const slots: DataSlot<Data>[] = []
    for (const day of mondays)
      for (const unitId of led) {
        const unit = units.get(unitId)
        // A leader with nothing to hear of gets no slot, so a quiet week leaves no record behind.
        const cutoff = shiftDay(day, -settings.tasks.escalateAfterDays)
        if (unit && (await overdueIn(db, branchesUnder(units, unitId), cutoff, 1)).length)
          slots.push(
            slotAt(`${day}@${unit.code}`, day, settings.tasks.escalateAt, timeZone, {
              unitId,
              unitName: unit.name,
              day,
            }),
          )
      }
    return slots.filter((s) => s.dueAt <= now)
  },
  async run(ctx, slot): Promise<JobOutput> {
    const { unitId, unitName, day } = dataOf<Data>(slot)
    const after = ctx.settings.tasks.escalateAfterDays
    const units = await loadUnits(ctx.db)
    const items = await overdueIn(ctx.db, branchesUnder(units, unitId), shiftDay(day, -after), MAX_ITEMS)
    if (!items.length) return { writes: [], messages: [] }
    const messages = await privately(ctx, await holdersOn(ctx.db, 'leader', unitId), null, (locale) =>
      card({
        title: translate(locale, 'tasks.escalationTitle', { unit: unitName, days: after, day }),
        tone: 'danger',
        sections: [
          {
            kind: 'table',
            columns: translate(locale, 'tasks.escalationColumns').split('|'),
            rows: items.map((t) => [
              units.get(t.branchId)?.name ?? '',
              `#${t.id} ${t.title}`,
              t.names ?? '',
              t.dueDay,
              String(daysBetween(t.dueDay, day)),
            ]),
          },
        ],
      }),
    )
    return { writes: [], messages }
  },
}
