import { loadWorkdays } from '../src/db/calendar'
import { type CalendarEntry, entriesFor, type Reminder, remindersOn } from './calendar'
import { chatsOfUnit, groupMessage } from './calendar-targets'
import { reminderText } from './calendar-text'
import { dataOf, dueDays, scopesOf, slotAt, unitsWithChats, viewAt } from './calendar-view'
import type { Job, Slot } from './job'

type Data = { unitId: number; reminder: Reminder }

/**
 * A job that posts the calendar's reminders of one kind into the groups of the units it applies to. One slot per
 * unit and reminder day, its key naming both, so a fan-out to hundreds of groups that stops half-way resumes
 * where it stopped and never posts twice.
 */
export function calendarReminderJob(name: string, kind: CalendarEntry['kind'], unitKinds: string[]): Job {
  return {
    name,
    async slots({ db, now, timeZone }) {
      const view = await viewAt(db, now)
      const slots: Slot[] = []
      for (const day of dueDays(view, now, timeZone))
        for (const unit of unitsWithChats(view, unitKinds))
          for (const entry of entriesFor(view.entries, scopesOf(view.units, unit.id)))
            if (entry.kind === kind)
              for (const reminder of remindersOn(entry, day, view.wd)) {
                const key = `${entry.key}:${reminder.occurrence.period}:${day}@${unit.code}`
                slots.push(slotAt<Data>(key, day, entry.at, timeZone, { unitId: unit.id, reminder }))
              }
      return slots.filter((s) => s.dueAt <= now)
    },
    async run(ctx, slot) {
      const { unitId, reminder } = dataOf<Data>(slot)
      const text = reminderText(ctx.defaultLocale, reminder, await loadWorkdays(ctx.db))
      const targets = await chatsOfUnit(ctx.db, unitId)
      return {
        writes: [],
        messages: targets.map((c) => groupMessage(c.platform, c.chatId, ctx.defaultLocale, text)),
      }
    },
  }
}
