import type { SummaryReport } from '../db/summary-report'
import type { Metric } from '../domain/production-settings'
import {
  attendanceTotals,
  COMPONENTS,
  type Component,
  delta,
  productionLine,
  productionScore,
  rate,
} from '../domain/summary'
import { type Locale, type MessageKey, type Params, translate } from '../i18n'
import type { Button, Card, Section } from './card'
import { byActivityOrder, quizRates, round2, studyRate, targetsAverage } from './summary-figures'

export type SummaryCardOptions = { metrics: Metric[]; rankShown: number }

const num = (v: number) => String(round2(v))
const pct = (v: number | null) => (v === null ? '—' : `${num(v)}%`)
const arrow = (d: number | null) => (d === null ? '' : d > 0 ? `↑${num(d)}` : d < 0 ? `↓${num(-d)}` : '→')
/** A figure with its change against the previous period in brackets, when both are known. */
const withDelta = (shown: string, d: number | null) => (d === null ? shown : `${shown}（${arrow(d)}）`)

/** The period buttons, the overdue list and the export; a committee's card also drills into branches. */
function buttons(t: (k: MessageKey, p?: Params) => string, r: SummaryReport): Button[] {
  const code = r.root.code
  const drill: Button[] = r.org
    ? r.attention.map((a) => ({
        label: t('summary.drill', { branch: r.branches.find((b) => b.id === a.branchId)?.name ?? '' }),
        action: 'summary.show',
        value: `${r.branches.find((b) => b.id === a.branchId)?.code}:${r.period.kind}`,
      }))
    : []
  const periods: Button[] = (['month', 'quarter', 'year'] as const)
    .filter((k) => k !== r.period.kind)
    .map((k) => ({ label: t(`summary.periods.${k}`), action: 'summary.show', value: `${code}:${k}` }))
  return [
    ...drill,
    ...periods,
    { label: t('summary.overdueButton'), action: 'summary.overdue', value: code },
    { label: t('export.button'), action: 'summary.export', value: `${code}:${r.period.kind}` },
  ]
}

function overview(t: (k: MessageKey, p?: Params) => string, r: SummaryReport): Section {
  const now = r.total
  const before = r.totalPrevious
  const att = attendanceTotals(now)
  const attBefore = attendanceTotals(before)
  const quiz = quizRates(now)
  const quizBefore = quizRates(before)
  const prod = productionScore(now.production)
  const violations = r.branches.filter((b) => r.evaluation.get(b.id)?.violation).map((b) => b.name)
  const fields = [
    r.org
      ? {
          label: t('summary.branchesMembers'),
          value: t('summary.branchesMembersValue', { branches: r.branches.length, members: now.members }),
        }
      : { label: t('summary.members'), value: t('summary.membersValue', { n: now.members }) },
    {
      label: t('summary.attendance'),
      value: withDelta(
        t('summary.attendanceValue', { rate: pct(att.rate), activities: att.activities }),
        delta(att.rate, attBefore.rate),
      ),
    },
    {
      label: t('summary.quizParticipation'),
      value: withDelta(pct(quiz.participation), delta(quiz.participation, quizBefore.participation)),
    },
    {
      label: t('summary.quizAccuracy'),
      value: withDelta(pct(quiz.accuracy), delta(quiz.accuracy, quizBefore.accuracy)),
    },
    { label: t('summary.tasks'), value: t('summary.tasksValue', now.tasks) },
    {
      label: t('summary.targets'),
      value:
        now.targets.count === 0
          ? t('summary.none')
          : t('summary.targetsValue', { n: now.targets.count, avg: pct(targetsAverage(now)) }),
    },
    {
      label: t('summary.production'),
      value: withDelta(pct(prod), delta(prod, productionScore(before.production))),
    },
    { label: t('summary.points'), value: withDelta(num(now.points), delta(now.points, before.points)) },
    { label: t('summary.openFixes'), value: String(now.openFixes) },
    {
      label: t('summary.study'),
      value: withDelta(pct(studyRate(now)), delta(studyRate(now), studyRate(before))),
    },
    {
      label: t('summary.dualExcellence'),
      value: violations.length
        ? t('summary.dualViolations', { names: violations.join('、') })
        : t('summary.dualNone'),
    },
  ]
  return { kind: 'fields', fields }
}

/** The committee's part: the ranking (chart and table) and who needs attention first. */
function ranking(t: (k: MessageKey, p?: Params) => string, r: SummaryReport, shown: number): Section[] {
  const name = (id: number) => r.branches.find((b) => b.id === id)?.name ?? ''
  const top = r.ranked.slice(0, shown)
  const component = (c: Component) => t(`summary.components.${c}`)
  const attention = r.attention.map((a, i) =>
    t('summary.attentionLine', {
      no: i + 1,
      branch: name(a.branchId),
      index: num(a.index as number),
      weakest: a.weakest ? component(a.weakest) : '—',
      score: a.weakest ? pct(a.scores[a.weakest]) : '',
    }),
  )
  return [
    {
      kind: 'chart',
      chart: 'bar',
      title: t('summary.rankChart'),
      labels: top.map((x) => name(x.branchId)),
      series: [{ name: t('summary.index'), data: top.map((x) => x.index ?? 0) }],
    },
    { kind: 'markdown', text: t('summary.rankHead') },
    {
      kind: 'table',
      columns: t('summary.rankColumns').split('|'),
      rows: top.map((x, i) => [
        String(i + 1),
        name(x.branchId),
        x.index === null ? '—' : num(x.index),
        arrow(delta(x.index, r.previousIndex.get(x.branchId) ?? null)),
        ...COMPONENTS.map((c) => (x.scores[c] === null ? '—' : num(x.scores[c] as number))),
      ]),
    },
    {
      kind: 'markdown',
      text: [
        t('summary.attentionHead'),
        ...(attention.length ? attention : [t('summary.attentionNone')]),
      ].join('\n'),
    },
  ]
}

/** Attendance by activity type, quiz by category, production against plan, top members. */
function details(t: (k: MessageKey, p?: Params) => string, r: SummaryReport, metrics: Metric[]): Section[] {
  const f = r.total
  const metric = (code: string) => metrics.find((m) => m.code === code)
  const name = (id: number) => r.branches.find((b) => b.id === id)?.name ?? ''
  const sections: Section[] = []
  if (f.attendance.length)
    sections.push({
      kind: 'table',
      columns: t('summary.attendanceColumns').split('|'),
      rows: byActivityOrder(f.attendance).map((a) => [
        t(`summary.activityTypes.${a.type}` as MessageKey),
        String(a.activities),
        String(a.expected),
        String(a.present),
        pct(rate(a.present, a.expected)),
      ]),
    })
  if (f.quizByCategory.length)
    sections.push({
      kind: 'table',
      columns: t('summary.quizColumns').split('|'),
      rows: f.quizByCategory.map((q) => [
        q.category,
        String(q.answers),
        String(q.correct),
        pct(rate(q.correct, q.answers)),
      ]),
    })
  if (f.production.length)
    sections.push({
      kind: 'table',
      columns: t('summary.productionColumns').split('|'),
      rows: f.production.map(productionLine).map((l) => {
        const m = metric(l.metric)
        const unit = m?.unit ?? ''
        return [
          m?.name ?? l.metric,
          `${num(l.actual)}${unit}`,
          l.plan === null ? '—' : `${m?.better === 'lower' ? '≤' : ''}${num(l.plan)}${unit}`,
          l.percent !== null
            ? pct(l.percent)
            : l.withinLimit === null
              ? '—'
              : t(l.withinLimit ? 'summary.within' : 'summary.over'),
        ]
      }),
    })
  if (r.top.length)
    sections.push({
      kind: 'table',
      columns: t('summary.topColumns').split('|'),
      rows: r.top.map((m) => [m.name, name(m.branchId), String(m.points)]),
    })
  sections.push({
    kind: 'chart',
    chart: 'line',
    title: t('summary.trendChart', { n: r.trend.length }),
    labels: r.trend.map((p) => p.month),
    series: [
      { name: t('summary.trendAttendance'), data: r.trend.map((p) => p.attendance ?? 0) },
      { name: t('summary.trendAccuracy'), data: r.trend.map((p) => p.accuracy ?? 0) },
    ],
  })
  return sections
}

/**
 * The 汇总 card: the overview with arrows against the period before, then for a committee the ranking and the
 * branches needing attention, then the details and the trend line, then the buttons. Every figure comes from
 * the report, so the export (built from this card) shows the same numbers.
 */
export function summaryCard(locale: Locale, r: SummaryReport, opts: SummaryCardOptions): Card {
  const t = (key: MessageKey, params: Params = {}) => translate(locale, key, params)
  const { current, previous } = r.period
  const att = attendanceTotals(r.total).rate
  const weak =
    r.total.tasks.overdue > 0 ||
    (att !== null && att < 60) ||
    r.branches.some((b) => r.evaluation.get(b.id)?.violation)
  return {
    title: t('summary.title', {
      unit: r.root.name,
      period: t(`summary.periods.${r.period.kind}`),
      from: current.from,
      to: current.to,
    }),
    tone: weak ? 'warning' : 'info',
    sections: [
      { kind: 'markdown', text: t('summary.compared', previous) },
      overview(t, r),
      ...(r.org ? ranking(t, r, opts.rankShown) : []),
      ...details(t, r, opts.metrics),
      { kind: 'buttons', buttons: buttons(t, r) },
    ],
  }
}
