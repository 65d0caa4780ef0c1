import { formatValue } from '../commands/report'
import { TASKS_LISTED, type TodoFacts } from '../db/todo-facts'
import type { ProductionRow } from '../db/todo-production'
import type { MetricLine } from '../domain/dispatch'
import { localDay, wallTime } from '../domain/time'
import { type Locale, type MessageKey, type Params, translate } from '../i18n'
import type { Button, Card, Section } from './card'
import { escapeMarkdown, markdownParams } from './markdown'
import { itemLine } from './tasks'

/** How much each block lists before 查看全部; the full view still stops somewhere (card size limits). */
const SHORT = {
  checkins: 3,
  names: 8,
  binds: 3,
  tasks: 5,
  quiz: 3,
  makeups: 3,
  points: 3,
  escalated: 5,
  production: 3,
}
const FULL = {
  checkins: 20,
  names: 100,
  binds: 10,
  tasks: TASKS_LISTED,
  quiz: 50,
  makeups: 10,
  points: 10,
  escalated: 20,
  production: 50,
}
/** Buttons per block: a card with dozens of buttons is unusable on a phone. */
const BUTTONS = { remind: 3, decisions: 5, escalate: 3 }
const ARROWS = { up: ' ↑', down: ' ↓', flat: ' →' } as const

export type TodoView = { full: boolean; timeZone: string }

/** One decision: the value both buttons carry, and each button's action and label. */
type Decision = {
  value: string
  approve: [action: string, label: string]
  reject: [action: string, label: string]
}

/** 批准 / 驳回 (or 确认 / 驳回) for each of the first few items. */
function decisions<T>(items: T[], decision: (item: T) => Decision): Section {
  return {
    kind: 'buttons',
    buttons: items.slice(0, BUTTONS.decisions).flatMap((item): Button[] => {
      const { value, approve, reject } = decision(item)
      return [
        { label: approve[1], action: approve[0], value, style: 'primary' },
        { label: reject[1], action: reject[0], value, style: 'danger' },
      ]
    }),
  }
}

/** The 待办 card: one block per kind of pending work, each with its one-tap button. */
export function todoCard(locale: Locale, f: TodoFacts, view: TodoView): Card {
  const t = (key: MessageKey, params: Params = {}) => translate(locale, key, params)
  const cap = view.full ? FULL : SHORT
  const wide = f.scope.branches.length > 1 || f.scope.unit.kind !== 'branch'
  const where = (unit: string) => (wide ? `${escapeMarkdown(unit)} · ` : '')
  let truncated = false
  /** The "… N more" line of a cut list (which earns the card its 查看全部 button). */
  const note = (total: number, shown: number) => {
    if (total <= shown) return []
    truncated = true
    return [t('todo.more', { count: total - shown })]
  }
  const sections: Section[] = []

  // Check-ins of yesterday and today. Their missing are mostly the same people: each name is escaped once.
  const escaped = new Map<string, string>()
  const escapeName = (name: string) => {
    let found = escaped.get(name)
    if (found === undefined) {
      found = escapeMarkdown(name)
      escaped.set(name, found)
    }
    return found
  }
  const separator = t('todo.nameSeparator')
  const checkins = f.checkins.slice(0, cap.checkins)
  const checkinLines = checkins.map((c) => {
    const names = c.missing.slice(0, cap.names).map((p) => escapeName(p.name))
    if (c.missing.length > names.length) truncated = true
    return (
      where(c.unit) +
      t('todo.checkinLine', {
        ...markdownParams({ title: c.title }),
        id: c.id,
        at: wallTime(c.opensAt, view.timeZone, true),
        expected: c.expected,
        missing: c.missing.length,
        names: names.length
          ? t('todo.missingNames', {
              names: names.join(separator) + (c.missing.length > names.length ? '…' : ''),
            })
          : '',
        state:
          c.remindedAt !== undefined ? t('todo.reminded', { at: wallTime(c.remindedAt, view.timeZone) }) : '',
      })
    )
  })
  sections.push({
    kind: 'markdown',
    text: [
      t('todo.checkinsHead'),
      ...(checkinLines.length ? checkinLines : [t('todo.checkinsNone')]),
      ...note(f.checkins.length, checkins.length),
    ].join('\n'),
  })
  const remind: Button[] = checkins
    .filter((c) => c.open && c.missing.length > 0 && c.remindedAt === undefined)
    .slice(0, BUTTONS.remind)
    .map((c) => ({
      label: t('todo.remind', { id: c.id }),
      action: 'todo.remind',
      value: String(c.id),
      style: 'primary',
    }))
  if (remind.length) sections.push({ kind: 'buttons', buttons: remind })

  // Bind requests waiting for approval.
  const binds = f.binds.slice(0, cap.binds)
  sections.push({
    kind: 'markdown',
    text: [
      t('todo.bindsHead', { count: f.binds.length }),
      ...binds.map((b) => t('todo.bindLine', { ...markdownParams({ ...b }), id: b.id })),
      ...note(f.binds.length, binds.length),
      ...(f.binds.length && f.scope.role !== 'secretary' ? [t('todo.bindsBySecretary')] : []),
    ].join('\n'),
  })
  if (f.scope.role === 'secretary' && binds.length)
    sections.push(
      decisions(binds, (b) => ({
        value: String(b.id),
        approve: ['todo.approve', t('todo.approve', { id: b.id })],
        reject: ['todo.reject', t('todo.reject', { id: b.id })],
      })),
    )

  // 补签 waiting for the secretary: shown when there are any.
  const makeups = f.makeups.slice(0, cap.makeups)
  if (f.makeups.length) {
    sections.push({
      kind: 'markdown',
      text: [
        t('todo.makeupsHead', { count: f.makeups.length }),
        ...makeups.map(
          (m) => where(m.branch) + t('todo.makeupLine', { ...markdownParams({ ...m }), id: m.id }),
        ),
        ...note(f.makeups.length, makeups.length),
      ].join('\n'),
    })
    if (f.scope.role === 'secretary')
      sections.push(
        decisions(makeups, (m) => ({
          value: String(m.id),
          approve: ['todo.makeupConfirm', t('todo.confirmMakeup', { id: m.id })],
          reject: ['todo.makeupReject', t('todo.rejectMakeup', { id: m.id })],
        })),
      )
  }

  // 加分 / 扣分 above the threshold: a leader decides them here; a secretary sees them waiting.
  const requests = f.pointRequests.slice(0, cap.points)
  if (f.pointRequests.length) {
    const signed = (p: number) => (p > 0 ? `+${p}` : String(p))
    sections.push({
      kind: 'markdown',
      text: [
        t('todo.pointsHead', { count: f.pointRequests.length }),
        ...requests.map(
          (r) =>
            where(r.branch) + t('todo.pointsLine', { ...markdownParams({ ...r }), points: signed(r.points) }),
        ),
        ...note(f.pointRequests.length, requests.length),
        ...(f.scope.role !== 'leader' ? [t('todo.pointsByLeader')] : []),
      ].join('\n'),
    })
    if (f.scope.role === 'leader')
      sections.push(
        decisions(requests, (r) => ({
          value: r.key,
          approve: [
            'todo.pointsApprove',
            t('todo.approvePoints', { name: r.name, points: signed(r.points) }),
          ],
          reject: ['todo.pointsReject', t('todo.rejectPoints', { name: r.name, points: signed(r.points) })],
        })),
      )
  }

  // Tasks due today and overdue.
  const tasks = f.tasks.listed.slice(0, cap.tasks)
  sections.push({
    kind: 'markdown',
    text: [
      t('todo.tasksHead', { overdue: f.tasks.overdue, today: f.tasks.today }),
      ...tasks.map((r) => where(r.unit) + itemLine(locale, r, f.day)),
      ...note(f.tasks.overdue + f.tasks.today, tasks.length),
      ...(f.tasks.nudged ? [t('todo.nudgedToday', { count: f.tasks.nudged })] : []),
    ].join('\n'),
  })
  if (f.tasks.toNudge)
    sections.push({
      kind: 'buttons',
      buttons: [{ label: t('todo.nudge', { count: f.tasks.toNudge }), action: 'todo.nudge', value: f.day }],
    })

  // 整改 items due: the fixes among the tasks, in their own block so a safety fix is not lost in the list.
  const fixes = f.tasks.fixes.slice(0, cap.tasks)
  if (f.tasks.fixes.length)
    sections.push({
      kind: 'markdown',
      text: [
        t('todo.fixesHead', {
          count: f.tasks.fixes.length,
          overdue: f.tasks.fixes.filter((x) => x.dueDay < f.day).length,
        }),
        ...fixes.map((r) => where(r.unit) + itemLine(locale, r, f.day)),
        ...note(f.tasks.fixes.length, fixes.length),
      ].join('\n'),
    })

  // Items of the 逐级催办 ladder that reached this leader and are still open, with 再次催办 for each.
  const escalated = f.escalated.slice(0, cap.escalated)
  if (f.escalated.length) {
    sections.push({
      kind: 'markdown',
      text: [
        t('todo.escalatedHead', { count: f.escalated.length }),
        ...escalated.map(
          (e) =>
            where(e.unit) +
            t('todo.escalatedLine', {
              ...markdownParams({ title: e.title }),
              kind: t(`escalation.kind.${e.kind}` as MessageKey),
              days: e.days,
              step: e.step + 1,
              action: t(`todo.escalatedAction.${e.action}`),
              state:
                e.nudgedAt !== undefined
                  ? t('todo.escalatedNudged', { at: wallTime(e.nudgedAt, view.timeZone) })
                  : '',
            }),
        ),
        ...note(f.escalated.length, escalated.length),
      ].join('\n'),
    })
    const buttons = escalated
      .filter((e) => e.nudgedAt === undefined || localDay(e.nudgedAt, view.timeZone) !== f.day)
      .slice(0, BUTTONS.escalate)
      .map(
        (e): Button => ({
          label: t('todo.escalate', { title: e.title }),
          action: 'todo.escalate',
          value: String(e.ref),
          style: 'primary',
        }),
      )
    if (buttons.length) sections.push({ kind: 'buttons', buttons })
  }

  // Today's quiz: totals, and for a wider scope the branches that answered least.
  const expected = f.quiz.reduce((n, q) => n + q.expected, 0)
  const answered = f.quiz.reduce((n, q) => n + q.answered, 0)
  const rate = (a: number, e: number) => (e ? Math.round((a / e) * 100) : 0)
  const lowest = [...f.quiz]
    .sort((a, b) => rate(a.answered, a.expected) - rate(b.answered, b.expected) || a.unitId - b.unitId)
    .slice(0, cap.quiz)
  sections.push({
    kind: 'markdown',
    text: [
      t('todo.quizHead'),
      f.quiz.length
        ? t('todo.quizLine', { answered, expected, rate: rate(answered, expected) })
        : t('todo.quizNone'),
      ...(wide && f.quiz.length
        ? [
            t('todo.quizLowest', {
              list: lowest.map((q) => `${escapeMarkdown(q.unit)} ${q.answered}/${q.expected}`).join('；'),
            }),
            ...note(f.quiz.length, lowest.length),
          ]
        : []),
    ].join('\n'),
  })

  // Yesterday's production against plan, where figures came: a leader's total, then the branches furthest behind.
  if (f.production) {
    const p = f.production
    const rows = p.rows.slice(0, cap.production)
    const lines = (r: ProductionRow) => r.lines.map((l) => metricText(t, l)).join(t('todo.lineSeparator'))
    sections.push({
      kind: 'markdown',
      text: (p.total
        ? [
            t('todo.productionHeadWide', { day: p.day, reporting: p.reporting, branches: p.branches }),
            t('todo.productionTotal', { lines: lines(p.total) }),
            t('todo.productionWorst'),
            ...rows.map((r) =>
              t('todo.productionBranch', { ...markdownParams({ unit: r.unit }), lines: lines(r) }),
            ),
            ...note(p.rows.length, rows.length),
          ]
        : [t('todo.productionHead', { day: p.day }), ...(p.rows[0]?.lines ?? []).map((l) => metricText(t, l))]
      ).join('\n'),
    })
  }

  if (truncated && !view.full)
    sections.push({ kind: 'buttons', buttons: [{ label: t('todo.all'), action: 'todo.all', value: f.day }] })
  const pending =
    f.checkins.some((c) => c.missing.length) ||
    f.binds.length ||
    f.makeups.length ||
    f.pointRequests.length ||
    f.tasks.overdue
  return {
    title: t('todo.title', { unit: f.scope.unit.name, day: f.day }),
    tone: f.tasks.overdue || f.escalated.length ? 'danger' : pending ? 'warning' : 'success',
    sections,
  }
}

/** One metric of yesterday: the figure, its plan and completion (or its limit kept or not), the arrow. */
function metricText(t: (key: MessageKey, params?: Params) => string, l: MetricLine): string {
  const amount = (v: number) => `${formatValue(v)}${l.metric.unit}`
  const base = {
    name: l.metric.name,
    value: l.actual === undefined ? '—' : amount(l.actual),
    arrow: l.trend ? ARROWS[l.trend] : '',
  }
  if (l.percent !== null && l.plan !== null)
    return t('todo.metricDone', { ...base, plan: amount(l.plan), percent: formatValue(l.percent) })
  if (l.withinLimit !== null && l.plan !== null)
    return t('todo.metricLimit', {
      ...base,
      plan: amount(l.plan),
      verdict: t(l.withinLimit ? 'todo.within' : 'todo.over'),
    })
  return t('todo.metricPlain', base)
}
