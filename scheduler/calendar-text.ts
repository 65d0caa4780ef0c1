import { isUnconfirmed, type Workdays, weekday } from '../src/domain/workdays'
import { type Locale, type Params, translate } from '../src/i18n'
import type { Occurrence, Reminder } from './calendar'

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)

export const calendarText = (locale: Locale, key: string, params: Params = {}) =>
  translate(locale, `calendar.${key}`, params)

export const weekdayOf = (locale: Locale, day: string) =>
  calendarText(locale, 'weekdays').split('|')[weekday(day)] ?? ''

/** "moved from the 15th, a rest day" when the working-day rule moved the occurrence. */
export function movedNote(locale: Locale, o: Occurrence, wd: Workdays): string {
  if (o.nominal === o.day) return ''
  const holiday = wd.holidayName(o.nominal) ?? calendarText(locale, 'restDay')
  return calendarText(locale, 'moved', { nominal: o.nominal, holiday, date: o.day })
}

/** The 未确认 line for a day in a year whose 调休 table has not been imported. */
export function unconfirmedNote(locale: Locale, day: string, wd: Workdays): string | undefined {
  const year = Number(day.slice(0, 4))
  return isUnconfirmed(wd.source(year)) ? calendarText(locale, 'unconfirmed', { year }) : undefined
}

/** A stage announcement or meeting reminder: the shipped wording, or the entry's own text with the same fields. */
export function reminderText(locale: Locale, r: Reminder, wd: Workdays): string {
  const o = r.occurrence
  const e = o.entry
  const today = r.day === o.day
  const params = {
    title: e.title,
    date: o.day,
    weekday: weekdayOf(locale, o.day),
    days: daysBetween(r.day, o.day),
    from: o.day,
    to: e.endsOn ?? o.day,
  }
  const key = `${e.kind === 'stage' ? 'stage' : 'meeting'}${today ? 'Today' : 'Ahead'}`
  const body = e.message
    ? e.message.replace(/\{(\w+)\}/g, (m, name: string) =>
        name in params ? String(params[name as keyof typeof params]) : m,
      )
    : calendarText(locale, key, params)
  return [body + movedNote(locale, o, wd), unconfirmedNote(locale, o.day, wd)].filter(Boolean).join('\n')
}
