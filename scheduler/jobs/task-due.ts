import { weekdayOf } from '../../src/cards/tasks'
import { assigneesOf, dueOn, taskById } from '../../src/db/tasks'
import { shiftDay } from '../../src/domain/dates'
import { isActive } from '../../src/domain/tasks'
import { localDay, previousDay } from '../../src/domain/time'
import { translate } from '../../src/i18n'
import { text } from '../../src/messages'
import { type DataSlot, dataOf, slotAt } from '../calendar-view'
import type { Job, JobOutput } from '../job'
import { privately } from '../task-reach'

type Data = { taskId: number; dueDay: string; days: number }

/**
 * Each assignee hears of a task `remindDaysBefore` days (3 and 1) before it is due, at `remindAt` (09:00). The key
 * names the task, its due day and the lead, so a tick run twice or after a restart sends each reminder once.
 */
export const taskDueJob: Job = {
  name: 'task-due',
  async slots({ db, now, timeZone, settings }) {
    const { remindDaysBefore, remindAt } = settings.tasks
    const today = localDay(now, timeZone)
    const slots: DataSlot<Data>[] = []
    // Yesterday's slots too: a restart after midnight catches up within the scheduler's grace.
    for (const day of [previousDay(today), today])
      for (const days of remindDaysBefore) {
        const dueDay = shiftDay(day, days)
        for (const t of await dueOn(db, dueDay))
          slots.push(
            slotAt(`task:${t.id}:${dueDay}:d${days}`, day, remindAt, timeZone, {
              taskId: t.id,
              dueDay,
              days,
            }),
          )
      }
    return slots.filter((s) => s.dueAt <= now)
  },
  async run(ctx, slot): Promise<JobOutput> {
    const { taskId, dueDay, days } = dataOf<Data>(slot)
    const task = await taskById(ctx.db, taskId)
    // Done or moved since the slot was found: nothing to remind.
    if (!task || !isActive(task.status) || task.dueDay !== dueDay) return { writes: [], messages: [] }
    const assignees = await assigneesOf(ctx.db, taskId)
    const messages = await privately(
      ctx,
      assignees.map((a) => a.id),
      task.platform,
      (locale) =>
        text(
          translate(locale, 'tasks.dueReminder', {
            id: task.id,
            title: task.title,
            due: dueDay,
            weekday: weekdayOf(locale, dueDay),
            days,
            percent: task.percent,
          }),
        ),
    )
    return { writes: [], messages }
  },
}
