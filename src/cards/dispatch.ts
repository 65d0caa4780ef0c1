import { formatValue } from '../commands/report'
import type { PartyFigures, TaskKinds } from '../db/dispatch'
import type { DispatchPeriod, MetricLine } from '../domain/dispatch'
import type { UnitNode } from '../domain/members'
import { type Locale, type MessageKey, type Params, translate } from '../i18n'
import type { Card, Section } from './card'

export type BranchDispatch = {
  branch: UnitNode
  lines: MetricLine[]
  safeDays: number | undefined
  party: PartyFigures
  tasks: { overdue: number; soon: number } & TaskKinds
}

const ARROWS = { up: '↑', down: '↓', flat: '→' } as const

const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—')

/** Attendance over the period: members present summed over activities ÷ members × activities. */
const attendance = (p: PartyFigures) => percent(p.present, p.members * p.activities)

/**
 * The 调度 card: one branch in detail (each metric against plan, arrows against the period before, safe days,
 * then the Party-building figures), or several branches as one row each for leaders and dispatchers.
 */
export function dispatchCard(
  locale: Locale,
  root: UnitNode,
  period: DispatchPeriod,
  rows: BranchDispatch[],
): Card {
  const t = (key: MessageKey, params: Params = {}) => translate(locale, key, params)
  const span =
    period.current.from === period.current.to
      ? period.current.from
      : `${period.current.from} ~ ${period.current.to}`
  const title = t('production.cardTitle', { unit: root.name, span })
  const value = (l: MetricLine) =>
    l.actual === undefined ? t('production.notReported') : `${formatValue(l.actual)}${l.metric.unit}`
  const done = (l: MetricLine) =>
    l.percent !== null
      ? `${formatValue(l.percent)}%`
      : l.withinLimit === null
        ? '—'
        : t(l.withinLimit ? 'production.within' : 'production.over')
  const short = rows.some(
    (r) =>
      r.lines.some((l) => (l.percent !== null && l.percent < 100) || l.withinLimit === false) ||
      r.tasks.overdue > 0 ||
      r.tasks.fixOverdue > 0,
  )
  const tone = short ? 'warning' : 'success'
  if (rows.length === 1 && root.kind !== 'committee') {
    const [r] = rows as [BranchDispatch]
    const sections: Section[] = [
      { kind: 'markdown', text: t('production.productionHead', { prev: period.previous.from }) },
      {
        kind: 'table',
        columns: t('production.columns').split('|'),
        rows: r.lines.map((l) => [
          l.metric.name,
          value(l),
          l.plan === null
            ? '—'
            : `${l.metric.better === 'lower' ? '≤' : ''}${formatValue(l.plan)}${l.metric.unit}`,
          done(l),
          l.trend ? ARROWS[l.trend] : '',
        ]),
      },
      {
        kind: 'fields',
        fields: [
          {
            label: t('production.safeDays'),
            value:
              r.safeDays === undefined
                ? t('production.notReported')
                : t('production.days', { n: r.safeDays }),
          },
        ],
      },
      { kind: 'markdown', text: t('production.partyHead') },
      {
        kind: 'fields',
        fields: [
          { label: t('production.activities'), value: String(r.party.activities) },
          { label: t('production.attendance'), value: attendance(r.party) },
          {
            label: t('production.quiz'),
            value: t('production.quizValue', {
              n: r.party.quizMembers,
              of: r.party.members,
              rate: percent(r.party.quizMembers, r.party.members),
            }),
          },
          { label: t('production.overdue'), value: String(r.tasks.overdue) },
          { label: t('production.dueSoon'), value: String(r.tasks.soon) },
          {
            label: t('production.fixes'),
            value: t('production.fixValue', { n: r.tasks.fixOpen, late: r.tasks.fixOverdue }),
          },
          {
            label: t('production.pioneers'),
            value: t('production.pioneerValue', { open: r.tasks.pioneerOpen, done: r.tasks.pioneerDone }),
          },
        ],
      },
    ]
    return { title, tone, sections }
  }
  const metrics = rows[0]?.lines.map((l) => l.metric.name) ?? []
  return {
    title,
    tone,
    sections: [
      { kind: 'markdown', text: t('production.orgHead') },
      {
        kind: 'table',
        columns: [
          t('production.branch'),
          ...metrics,
          t('production.safeDays'),
          t('production.attendance'),
          t('production.quiz'),
          t('production.overdueSoon'),
          t('production.fixesShort'),
          t('production.pioneersShort'),
        ],
        rows: rows.map((r) => [
          r.branch.name,
          ...r.lines.map((l) =>
            l.actual === undefined
              ? '—'
              : l.percent !== null
                ? done(l)
                : `${value(l)}${l.withinLimit === false ? ' ⚠️' : ''}`,
          ),
          r.safeDays === undefined ? '—' : String(r.safeDays),
          attendance(r.party),
          percent(r.party.quizMembers, r.party.members),
          `${r.tasks.overdue}/${r.tasks.soon}`,
          `${r.tasks.fixOpen}/${r.tasks.fixOverdue}`,
          `${r.tasks.pioneerOpen}/${r.tasks.pioneerDone}`,
        ]),
      },
    ],
  }
}
