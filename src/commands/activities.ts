import { z } from 'zod'
import { entriesFor, upcoming } from '../../scheduler/calendar'
import { calendarText, movedNote, unconfirmedNote, weekdayOf } from '../../scheduler/calendar-text'
import { scopesOf } from '../../scheduler/calendar-view'
import { loadCalendar, loadWorkdays } from '../db/calendar'
import { loadUnits } from '../db/units'
import { localDay } from '../domain/time'
import { addDays } from '../domain/workdays'
import { card } from '../messages'
import { command, reply } from './command'

const DAYS = 30

/** Stage activities and meetings of the next 30 days for this chat's branch (or the asker's), holiday moves applied. */
export const activities = command({
  id: 'activities',
  names: ['活动'],
  aliases: ['activities'],
  who: 'anyone',
  params: [],
  args: z.object({}).strict(),
  async run(ctx) {
    const [entries, wd, units] = await Promise.all([
      loadCalendar(ctx.db),
      loadWorkdays(ctx.db),
      loadUnits(ctx.db),
    ])
    const unitId = ctx.chat?.unitId ?? ctx.me?.branchId
    const unit = unitId === undefined ? undefined : units.get(unitId)
    const scopes = unit ? scopesOf(units, unit.id) : ['']
    const from = localDay(ctx.now, ctx.timeZone)
    const to = addDays(from, DAYS)
    const list = upcoming(entriesFor(entries, scopes), from, to, wd)
    const t = (key: string, params = {}) => calendarText(ctx.locale, key, params)
    const rows = list.map((o) => [
      `${o.day} ${weekdayOf(ctx.locale, o.day)}`,
      o.entry.title,
      (o.entry.kind === 'stage'
        ? t('listStage', { from: o.day, to: o.entry.endsOn ?? o.day })
        : t('listMeeting', { time: o.entry.at })) + movedNote(ctx.locale, o, wd),
    ])
    const notes = [...new Set([from, to].map((d) => unconfirmedNote(ctx.locale, d, wd)))].filter(
      (n): n is string => n !== undefined,
    )
    return reply(
      card({
        title: t('listTitle', { unit: unit?.name ?? t('listOrg'), days: DAYS }),
        tone: notes.length ? 'warning' : 'info',
        sections: [
          rows.length
            ? { kind: 'table', columns: t('listColumns').split('|'), rows }
            : { kind: 'markdown', text: t('listEmpty', { days: DAYS }) },
          ...notes.map((text) => ({ kind: 'markdown' as const, text })),
        ],
      }),
    )
  },
})
