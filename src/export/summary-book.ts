import { byActivityOrder, quizRates, round2, studyRate, targetsAverage } from '../cards/summary-figures'
import type { SummaryReport } from '../db/summary-report'
import type { Metric } from '../domain/production-settings'
import {
  attendanceTotals,
  type BranchFacts,
  COMPONENTS,
  delta,
  productionLine,
  productionScore,
  rate,
} from '../domain/summary'
import { type Locale, type MessageKey, type Params, translate } from '../i18n'
import type { exportZh } from '../i18n/export'
import type { Book, Cell, Sheet } from './book'

type T = (key: MessageKey, params?: Params) => string
type SheetKey = keyof typeof exportZh.sheets

const n = (v: number | null): Cell => (v === null ? null : round2(v))

/** A file name keeps letters, digits, CJK and - _ ; anything else (spaces, slashes) becomes _. */
const safeName = (s: string) => s.replace(/[^\p{L}\p{N}_-]+/gu, '_')

/**
 * The 汇总 card's figures as a workbook, from the same report the card is built from (so the two cannot differ):
 * the overview with the stretch before, for a committee the whole ranking and the attention list, then
 * attendance, quiz, tasks, production against plan, points, top members and open 整改. A committee's
 * per-branch sheets end with a total row, which is the card's figure.
 */
export function summaryBook(locale: Locale, r: SummaryReport, metrics: Metric[]): Book {
  const t: T = (key, params = {}) => translate(locale, key, params)
  const { current, previous } = r.period
  const period = t(`summary.periods.${r.period.kind}`)
  const sheet = (key: SheetKey, rows: Cell[][]): Sheet => {
    const name = t(`export.sheets.${key}`)
    return {
      name,
      title: t('export.sheetTitle', {
        sheet: name,
        unit: r.root.name,
        period,
        from: current.from,
        to: current.to,
        prevFrom: previous.from,
        prevTo: previous.to,
      }),
      columns: t(`export.columns.${key}`).split('|'),
      rows,
    }
  }
  const perBranch = (row: (f: BranchFacts, name: string) => Cell[], total: Cell[]): Cell[][] => [
    ...r.branches.map((b) => row(r.current.get(b.id) as BranchFacts, b.name)),
    ...(r.org ? [total] : []),
  ]
  const sheets: Sheet[] = [
    sheet('overview', overviewRows(t, r)),
    ...(r.org ? [sheet('ranking', rankingRows(r)), sheet('attention', attentionRows(t, r))] : []),
    sheet('attendance', attendanceRows(t, r.total)),
    sheet('quiz', quizRows(r.total)),
    sheet('tasks', perBranch(taskRow, taskRow(r.total, t('export.total')))),
    sheet('production', productionRows(t, r.total, metrics)),
    sheet(
      'points',
      perBranch(
        (f, name) => [name, f.members, n(f.points)],
        [t('export.total'), r.total.members, n(r.total.points)],
      ),
    ),
    sheet(
      'top',
      r.top.map((m) => [m.name, r.branches.find((b) => b.id === m.branchId)?.name ?? '', n(m.points)]),
    ),
    sheet(
      'fixes',
      perBranch((f, name) => [name, f.openFixes], [t('export.total'), r.total.openFixes]),
    ),
  ]
  return {
    name: safeName(t('export.fileName', { unit: r.root.name, from: current.from, to: current.to })),
    sheets,
  }
}

/** Each figure of the card's overview, now and in the stretch before, with the card's change. */
function overviewRows(t: T, r: SummaryReport): Cell[][] {
  const now = r.total
  const before = r.totalPrevious
  const figures: [MessageKey, (f: BranchFacts) => number | null][] = [
    ['export.rows.members', (f) => f.members],
    ['export.rows.activities', (f) => attendanceTotals(f).activities],
    ['export.rows.attendance', (f) => attendanceTotals(f).rate],
    ['export.rows.quizParticipation', (f) => quizRates(f).participation],
    ['export.rows.quizAccuracy', (f) => quizRates(f).accuracy],
    ['export.rows.onTime', (f) => f.tasks.onTime],
    ['export.rows.late', (f) => f.tasks.late],
    ['export.rows.overdue', (f) => f.tasks.overdue],
    ['export.rows.open', (f) => f.tasks.open],
    ['export.rows.targets', (f) => f.targets.count],
    ['export.rows.targetsAverage', targetsAverage],
    ['export.rows.production', (f) => productionScore(f.production)],
    ['export.rows.points', (f) => f.points],
    ['export.rows.openFixes', (f) => f.openFixes],
    ['export.rows.study', studyRate],
  ]
  return [
    ...(r.org ? [[t('export.rows.branches'), r.branches.length, null, null]] : []),
    ...figures.map(([key, pick]) => {
      const a = pick(now)
      const b = pick(before)
      return [t(key), n(a), n(b), delta(a, b)]
    }),
  ]
}

function rankingRows(r: SummaryReport): Cell[][] {
  return r.ranked.map((x, i) => {
    const b = r.branches.find((u) => u.id === x.branchId)
    return [
      i + 1,
      b?.name ?? '',
      b?.code ?? '',
      n(x.index),
      delta(x.index, r.previousIndex.get(x.branchId) ?? null),
      ...COMPONENTS.map((c) => n(x.scores[c])),
    ]
  })
}

function attentionRows(t: T, r: SummaryReport): Cell[][] {
  return r.attention.map((a, i) => [
    i + 1,
    r.branches.find((b) => b.id === a.branchId)?.name ?? '',
    n(a.index),
    a.weakest ? t(`summary.components.${a.weakest}`) : null,
    a.weakest ? n(a.scores[a.weakest]) : null,
  ])
}

function attendanceRows(t: T, f: BranchFacts): Cell[][] {
  return byActivityOrder(f.attendance).map((a) => [
    t(`summary.activityTypes.${a.type}` as MessageKey),
    a.activities,
    a.expected,
    a.present,
    n(rate(a.present, a.expected)),
  ])
}

function quizRows(f: BranchFacts): Cell[][] {
  return f.quizByCategory.map((q) => [q.category, q.answers, q.correct, n(rate(q.correct, q.answers))])
}

const taskRow = (f: BranchFacts, name: string): Cell[] => [
  name,
  f.tasks.onTime,
  f.tasks.late,
  f.tasks.overdue,
  f.tasks.open,
  f.targets.count,
  n(targetsAverage(f)),
]

function productionRows(t: T, f: BranchFacts, metrics: Metric[]): Cell[][] {
  return f.production.map(productionLine).map((l) => {
    const m = metrics.find((x) => x.code === l.metric)
    return [
      m?.name ?? l.metric,
      m?.unit ?? '',
      n(l.actual),
      n(l.plan),
      n(l.percent),
      l.withinLimit === null ? null : t(l.withinLimit ? 'export.yes' : 'export.no'),
    ]
  })
}
