import type { TaskRow } from '../db/tasks'
import { daysBetween } from '../domain/dates'
import { dueClass, isActive } from '../domain/tasks'
import { wallTime } from '../domain/time'
import { type Locale, type MessageKey, type Params, translate } from '../i18n'
import type { Button, Card, Section } from './card'
import { markdownParams } from './markdown'

export const TASK_ACTIONS = {
  progress: 'task.progress',
  done: 'task.done',
  confirm: 'task.confirm',
  adopt: 'task.adopt',
} as const

/** Quick progress buttons on the assignee's card; any other figure is typed. */
const QUICK_PERCENTS = [30, 60, 90]

export type TaskFacts = {
  task: TaskRow
  unitName: string
  assignees: { id: number; name: string }[]
}

export type HistoryLine = {
  kind: string
  name: string
  percent: number | null
  note: string | null
  at: number
}
export type ProposalLine = { no: number; name: string; text: string; adoptedAt: number | null }

const tr =
  (locale: Locale) =>
  (key: MessageKey, params: Params = {}) =>
    translate(locale, key, params)

/** `2026-12-31（周四）`: the due day with its weekday, which is how people plan a shift week. */
export function dueLabel(locale: Locale, day: string): string {
  return `${day}（${weekdayOf(locale, day)}）`
}

export function weekdayOf(locale: Locale, day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return translate(locale, 'tasks.weekdays').split('|')[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] ?? ''
}

/** The status as a person reads it: an active task past its day says how late it is. */
export function statusLabel(locale: Locale, task: Pick<TaskRow, 'status' | 'dueDay'>, today: string): string {
  const t = tr(locale)
  const due = dueClass(task.dueDay, today, 0)
  if (isActive(task.status) && due.kind === 'overdue') return t('tasks.overdueState', { days: due.days })
  return t(`tasks.status.${task.status}` as MessageKey)
}

function detailSections(locale: Locale, task: TaskRow): Section[] {
  const t = tr(locale)
  const fields: { label: string; value: string }[] = []
  if (task.metricName !== null)
    fields.push({
      label: t('tasks.fieldMetric'),
      value:
        t('tasks.metricValue', {
          name: task.metricName,
          target: task.metricTarget ?? '',
          unit: task.metricUnit ?? '',
        }) +
        (task.metricCurrent === null
          ? ''
          : t('tasks.metricCurrent', { current: task.metricCurrent, unit: task.metricUnit ?? '' })),
    })
  if (task.fixSource !== null)
    fields.push({
      label: t('tasks.fieldSource'),
      value: t(`tasks.fixSource.${task.fixSource}` as MessageKey),
    })
  if (task.fixMeasure !== null) fields.push({ label: t('tasks.fieldMeasure'), value: task.fixMeasure })
  const out: Section[] = fields.length ? [{ kind: 'fields', fields }] : []
  if (task.description !== null)
    out.push({ kind: 'markdown', text: t('tasks.description', markdownParams({ text: task.description })) })
  return out
}

export type CardMode = 'assignee' | 'review' | 'view'

/**
 * The task card. `assignee` adds the progress and done buttons, `review` the confirm button; a topic always
 * says how to propose. Field values are plain text (each adapter escapes them); markdown gets escaped user text.
 */
export function taskCard(
  locale: Locale,
  facts: TaskFacts,
  when: { today: string; timeZone: string },
  mode: CardMode,
  extra: { title?: string; lead?: string; history?: HistoryLine[]; proposals?: ProposalLine[] } = {},
): Card {
  const { today } = when
  const t = tr(locale)
  const { task } = facts
  const sections: Section[] = []
  if (extra.lead) sections.push({ kind: 'markdown', text: extra.lead })
  sections.push({
    kind: 'fields',
    fields: [
      { label: t('tasks.fieldType'), value: t(`tasks.type.${task.type}` as MessageKey) },
      { label: t('tasks.fieldUnit'), value: facts.unitName },
      { label: t('tasks.fieldAssignees'), value: facts.assignees.map((a) => a.name).join('、') },
      { label: t('tasks.fieldDue'), value: dueLabel(locale, task.dueDay) },
      { label: t('tasks.fieldStatus'), value: statusLabel(locale, task, today) },
      { label: t('tasks.fieldPercent'), value: `${task.percent}%` },
    ],
  })
  sections.push(...detailSections(locale, task))
  if (extra.proposals?.length)
    sections.push({
      kind: 'markdown',
      text: [
        `**${t('tasks.proposalsTitle', { count: extra.proposals.length })}**`,
        ...extra.proposals.map((p) =>
          t(
            'tasks.proposalLine',
            markdownParams({
              no: p.no,
              name: p.name,
              text: p.text,
              adopted: p.adoptedAt === null ? '' : t('tasks.adoptedMark'),
            }),
          ),
        ),
      ].join('\n'),
    })
  if (extra.history?.length)
    sections.push(
      { kind: 'markdown', text: `**${t('tasks.historyTitle')}**` },
      {
        kind: 'table',
        columns: t('tasks.historyColumns').split('|'),
        rows: extra.history.map((h) => [
          wallTime(h.at, when.timeZone, true),
          h.name,
          t(`tasks.history.${h.kind}` as MessageKey, { percent: h.percent ?? '' }),
          h.note ?? '',
        ]),
      },
    )
  const buttons: Button[] = []
  if (mode === 'assignee' && isActive(task.status)) {
    for (const percent of QUICK_PERCENTS.filter((p) => p > task.percent))
      buttons.push({
        label: t('tasks.progressButton', { percent }),
        action: TASK_ACTIONS.progress,
        value: `${task.id}:${percent}`,
      })
    buttons.push({
      label: t('tasks.doneButton'),
      action: TASK_ACTIONS.done,
      value: String(task.id),
      style: 'primary',
    })
    sections.push({ kind: 'markdown', text: t('tasks.howToReport', { id: task.id }) })
  }
  if (mode === 'review' && task.status === 'submitted') {
    buttons.push({
      label: t('tasks.confirmButton'),
      action: TASK_ACTIONS.confirm,
      value: String(task.id),
      style: 'primary',
    })
    sections.push({ kind: 'markdown', text: t('tasks.howToReturn', { id: task.id }) })
  }
  if (task.type === 'topic' && isActive(task.status))
    sections.push({ kind: 'markdown', text: t('tasks.howToPropose', { id: task.id }) })
  if (buttons.length) sections.push({ kind: 'buttons', buttons })
  const overdue = isActive(task.status) && dueClass(task.dueDay, today, 0).kind === 'overdue'
  return {
    title: extra.title ?? t('tasks.cardTitle', { id: task.id, title: task.title }),
    tone: task.status === 'confirmed' ? 'success' : overdue ? 'danger' : 'info',
    sections,
  }
}

/** The body of a line in a task list: `#12 标题（张三、李四，截止 12-31，已逾期 2 天）`, escaped for markdown. */
export function itemLine(
  locale: Locale,
  row: { id: number; title: string; names: string | null; dueDay: string; status: TaskRow['status'] },
  today: string,
): string {
  const t = tr(locale)
  const ahead = daysBetween(today, row.dueDay)
  const state =
    row.status === 'submitted'
      ? t('tasks.status.submitted')
      : ahead < 0
        ? t('tasks.overdueState', { days: -ahead })
        : ahead === 0
          ? t('tasks.dueToday')
          : t('tasks.dueIn', { days: ahead })
  return t(
    'tasks.itemLine',
    markdownParams({ id: row.id, title: row.title, names: row.names ?? '', due: row.dueDay, state }),
  )
}
