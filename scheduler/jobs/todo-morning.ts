import { todoCard } from '../../src/cards/todo'
import type { RoleGrant } from '../../src/commands/command'
import { holdersOf } from '../../src/db/tasks'
import { loadTodo } from '../../src/db/todo-facts'
import type { UnitNode } from '../../src/domain/members'
import { todoScope } from '../../src/domain/todo'
import { card } from '../../src/messages'
import { type DataSlot, dataOf, dueDays, slotAt, viewAt } from '../calendar-view'
import type { Job, JobOutput } from '../job'
import { privately } from '../task-reach'

/**
 * `units` is the org tree the tick read for the slots, shared by every slot of the tick: 500 cards at 07:30 do not
 * read it 500 times (bench/todo.ts).
 */
type Data = { memberId: number; grants: RoleGrant[]; units: ReadonlyMap<number, UnitNode> }

/**
 * On working days at `todo.morningAt` (07:30, after the night shift's handover) every secretary and leader
 * gets their 待办 card privately: a secretary their branch, a leader their subtree. Keyed by day and member,
 * so someone holding several roles gets one card.
 */
export const todoMorningJob: Job = {
  name: 'todo-morning',
  async slots({ db, now, timeZone, settings }) {
    const view = await viewAt(db, now)
    const grants = new Map<number, RoleGrant[]>()
    for (const role of ['secretary', 'leader'] as const)
      for (const h of await holdersOf(db, role))
        grants.set(h.memberId, [...(grants.get(h.memberId) ?? []), { role, unitId: h.unitId }])
    const slots: DataSlot<Data>[] = []
    for (const day of dueDays(view, now, timeZone).filter((d) => view.wd.isWorkday(d)))
      for (const [memberId, held] of grants)
        slots.push(
          slotAt(`${day}@${memberId}`, day, settings.todo.morningAt, timeZone, {
            memberId,
            grants: held,
            units: view.units,
          }),
        )
    return slots.filter((s) => s.dueAt <= now)
  },
  async run(ctx, slot): Promise<JobOutput> {
    const { memberId, grants, units } = dataOf<Data>(slot)
    const scope = todoScope(grants, units)
    if (!scope) return { writes: [], messages: [] }
    const facts = await loadTodo(ctx.db, scope, units, ctx.now, ctx.timeZone, {
      viewer: memberId,
      production: ctx.settings.production,
    })
    const messages = await privately(ctx, [memberId], null, (locale) =>
      card(todoCard(locale, facts, { full: false, timeZone: ctx.timeZone })),
    )
    return { writes: [], messages }
  },
}
