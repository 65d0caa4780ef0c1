import type { TaskListRow } from '../db/tasks'
import { dueClass } from '../domain/tasks'
import { type Locale, type MessageKey, type Params, translate } from '../i18n'
import type { Card, Section } from './card'
import { escapeMarkdown } from './markdown'
import { itemLine } from './tasks'

/** How many of the longest-overdue items the organisation view names. */
export const WORST_SHOWN = 10

export type DueSplit = { overdue: TaskListRow[]; soon: TaskListRow[]; awaiting: TaskListRow[] }

/** A branch's due list split into overdue, due soon and awaiting confirmation. */
export function splitDue(rows: TaskListRow[], today: string, soonDays: number): DueSplit {
  const split: DueSplit = { overdue: [], soon: [], awaiting: [] }
  for (const r of rows) {
    if (r.status === 'submitted') split.awaiting.push(r)
    else {
      const due = dueClass(r.dueDay, today, soonDays)
      if (due.kind === 'overdue') split.overdue.push(r)
      else if (due.kind === 'soon') split.soon.push(r)
    }
  }
  return split
}

export const isEmpty = (s: DueSplit) => !s.overdue.length && !s.soon.length && !s.awaiting.length

/** The secretary's view of one branch (逾期 and the daily digest): one card, one section per kind. */
export function branchDueCard(
  locale: Locale,
  title: string,
  split: DueSplit,
  today: string,
  soonDays: number,
): Card {
  const t = (key: MessageKey, params: Params = {}) => translate(locale, key, params)
  const part = (heading: string, rows: TaskListRow[]): Section[] =>
    rows.length
      ? [{ kind: 'markdown', text: [heading, ...rows.map((r) => itemLine(locale, r, today))].join('\n') }]
      : []
  const sections = [
    ...part(t('tasks.overdueHeading', { count: split.overdue.length }), split.overdue),
    ...part(t('tasks.dueSoonHeading', { days: soonDays, count: split.soon.length }), split.soon),
    ...part(t('tasks.awaitingHeading', { count: split.awaiting.length }), split.awaiting),
  ]
  return {
    title,
    tone: split.overdue.length ? 'danger' : 'info',
    sections: sections.length
      ? sections
      : [{ kind: 'markdown', text: t('tasks.overdueNone', { days: soonDays }) }],
  }
}

export type BranchCount = { name: string; overdue: number; soon: number; awaiting: number }

/** A leader's view: counts per branch, then the items overdue longest, each with its branch. */
export function orgDueCard(
  locale: Locale,
  title: string,
  counts: BranchCount[],
  worst: (TaskListRow & { unit: string })[],
  today: string,
  soonDays: number,
): Card {
  const t = (key: MessageKey, params: Params = {}) => translate(locale, key, params)
  if (!counts.length)
    return {
      title,
      tone: 'success',
      sections: [{ kind: 'markdown', text: t('tasks.orgNone', { days: soonDays }) }],
    }
  const sorted = [...counts].sort(
    (a, b) => b.overdue - a.overdue || b.soon - a.soon || a.name.localeCompare(b.name),
  )
  const sections: Section[] = [
    {
      kind: 'table',
      columns: t('tasks.orgColumns').split('|'),
      rows: sorted.map((c) => [c.name, String(c.overdue), String(c.soon), String(c.awaiting)]),
    },
  ]
  if (worst.length)
    sections.push({
      kind: 'markdown',
      text: [
        t('tasks.orgWorst', { count: worst.length }),
        ...worst.map((w) => `${itemLine(locale, w, today)} · ${escapeMarkdown(w.unit)}`),
      ].join('\n'),
    })
  return { title, tone: sorted.some((c) => c.overdue) ? 'danger' : 'info', sections }
}
