import type { ActivityAttendance } from '../db/attendance'
import { timing } from '../domain/checkin'
import { wallTime } from '../domain/time'
import { type Locale, type MessageKey, type Params, translate } from '../i18n'
import type { Card, Section } from './card'
import { escapeMarkdown, markdownParams } from './markdown'

export const REMIND_ACTION = 'checkin.remind'

/** The 签到情况 card: counts, a chart, the names behind each count, and while the window is open a remind button. */
export function attendanceCard(
  locale: Locale,
  facts: ActivityAttendance,
  now: number,
  timeZone: string,
  remindedAt?: number,
): Card {
  const t = (key: MessageKey, params: Params = {}) => translate(locale, key, params)
  const { activity, attendance: a } = facts
  const open = timing(activity, now) !== 'closed' && timing(activity, now) !== 'notOpen'
  const came = a.onTime.length + a.late.length
  const names = (people: { name: string }[]) => people.map((p) => escapeMarkdown(p.name)).join('、')
  const lists: Section[] = []
  if (a.late.length) lists.push({ kind: 'markdown', text: t('checkin.cardLate', { names: names(a.late) }) })
  if (a.leave.length) {
    const excused = a.leave.map((p) => `${escapeMarkdown(p.name)}（${escapeMarkdown(p.reason)}）`).join('、')
    lists.push({ kind: 'markdown', text: t('checkin.cardLeave', { names: excused }) })
  }
  if (a.missing.length)
    lists.push({ kind: 'markdown', text: t('checkin.cardMissing', { names: names(a.missing) }) })
  return {
    title: t('checkin.cardTitle', markdownParams({ title: activity.title })),
    tone: open ? 'info' : a.rate >= 0.9 ? 'success' : 'warning',
    sections: [
      {
        kind: 'markdown',
        text: t(
          open ? 'checkin.cardOpen' : 'checkin.cardClosed',
          markdownParams({
            unit: facts.unitName,
            id: activity.id,
            from: wallTime(activity.opensAt, timeZone, true),
            until: wallTime(activity.closesAt, timeZone),
            lateUntil: wallTime(activity.lateUntil, timeZone),
          }),
        ),
      },
      {
        kind: 'fields',
        fields: [
          { label: t('checkin.expected'), value: String(a.expected) },
          { label: t('checkin.came'), value: String(came) },
          { label: t('checkin.lateCount'), value: String(a.late.length) },
          { label: t('checkin.leaveCount'), value: String(a.leave.length) },
          { label: t('checkin.missingCount'), value: String(a.missing.length) },
          { label: t('checkin.rate'), value: `${Math.round(a.rate * 100)}%` },
        ],
      },
      {
        kind: 'chart',
        chart: 'pie',
        labels: [
          t('checkin.onTimeLabel'),
          t('checkin.lateCount'),
          t('checkin.leaveCount'),
          t('checkin.missingCount'),
        ],
        series: [
          {
            name: t('checkin.expected'),
            data: [a.onTime.length, a.late.length, a.leave.length, a.missing.length],
          },
        ],
      },
      ...lists,
      ...(remindedAt !== undefined
        ? [
            {
              kind: 'markdown' as const,
              text: t('checkin.cardReminded', { at: wallTime(remindedAt, timeZone) }),
            },
          ]
        : []),
      ...(open && a.missing.length && remindedAt === undefined
        ? [
            {
              kind: 'buttons' as const,
              buttons: [
                {
                  label: t('checkin.remindButton', { count: a.missing.length }),
                  action: REMIND_ACTION,
                  value: String(activity.id),
                  style: 'primary' as const,
                },
              ],
            },
          ]
        : []),
    ],
  }
}

/** The private reminder a missing member gets, once per activity. */
export function reminderText(
  locale: Locale,
  facts: ActivityAttendance,
  now: number,
  timeZone: string,
): string {
  const { activity } = facts
  return translate(locale, 'checkin.reminder', {
    unit: facts.unitName,
    title: activity.title,
    until: wallTime(now < activity.closesAt ? activity.closesAt : activity.lateUntil, timeZone),
  })
}
