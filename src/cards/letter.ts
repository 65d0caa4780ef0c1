import { formatValue } from '../commands/report'
import type { LetterRow } from '../db/letters'
import type { LetterTarget, TargetProgress } from '../domain/letters'
import type { Metric } from '../domain/production-settings'
import { type Locale, type MessageKey, type Params, translate } from '../i18n'
import type { Card, Section } from './card'

const TYPE_WORDS = { target: '目标', fix: '整改', pioneer: '先锋岗', topic: '点题' } as const
const TYPE_WORDS_EN = { target: 'target', fix: 'fix', pioneer: 'pioneer', topic: 'topic' } as const

export const spanOf = (r: Pick<LetterRow, 'periodFrom' | 'periodTo'>) => `${r.periodFrom} ~ ${r.periodTo}`

export type LetterView = {
  row: LetterRow
  targets: LetterTarget[]
  metrics: readonly Metric[]
  /** When the signer confirmed an older version only: they are asked again. */
  confirmedVersion?: number
  /** The confirmation time as the reader sees it (local wall time). */
  confirmedAt?: string
  /** Progress (责任书): each target so far, the mean and how much of the period has gone. */
  progress?: { targets: TargetProgress[]; percent: number | undefined; elapsed: number }
  /** A line above the targets: why the card came (a new letter, a nudge). */
  note?: string
}

/**
 * A signer's letter: who, which unit and period, which version and whether it is confirmed, then the targets of
 * both sides with what measures them (and, for 责任书, how far each has come), and 确认签订 while unconfirmed.
 * Target texts come from the admin's file: they sit in table cells, which every adapter escapes.
 */
export function letterCard(locale: Locale, v: LetterView): Card {
  const t = (key: MessageKey, params: Params = {}) => translate(locale, key, params)
  const { row } = v
  const types = locale === 'en' ? TYPE_WORDS_EN : TYPE_WORDS
  const measure = (target: LetterTarget) => {
    if (target.target === null) return t('letters.unmeasured')
    if (target.taskType !== null)
      return t('letters.tasksDone', { type: types[target.taskType], target: formatValue(target.target) })
    const m = v.metrics.find((x) => x.code === target.metric)
    if (!m) return t('letters.unmeasured')
    return t(m.better === 'lower' ? 'letters.atMost' : 'letters.atLeast', {
      metric: m.name,
      target: formatValue(target.target),
      unit: m.unit,
    })
  }
  const soFar = (p: TargetProgress) => {
    if (p.target.target === null) return t('letters.unmeasured')
    if (p.target.taskType !== null) return t('letters.taskCount', { n: p.actual ?? 0 })
    const m = v.metrics.find((x) => x.code === p.target.metric)
    if (!m) return t('letters.unmeasured')
    return p.actual === undefined ? t('letters.notReported') : `${formatValue(p.actual)}${m.unit}`
  }
  const status =
    row.confirmedAt !== null
      ? t('letters.confirmed', { at: v.confirmedAt ?? '' })
      : v.confirmedVersion !== undefined
        ? t('letters.changed', { old: v.confirmedVersion })
        : t('letters.pending')
  const sections: Section[] = [
    {
      kind: 'fields',
      fields: [
        { label: t('letters.signer'), value: row.signerName },
        { label: t('letters.levelProfession'), value: `${row.level} · ${row.profession}` },
        { label: t('letters.version'), value: t('letters.versionValue', { v: row.version }) },
        { label: t('letters.status'), value: status },
      ],
    },
  ]
  if (v.note) sections.push({ kind: 'markdown', text: v.note })
  const side = (s: LetterTarget['side']) => t(s === 'party' ? 'letters.party' : 'letters.production')
  const ordered = <T extends { side: LetterTarget['side'] }>(xs: T[]) => [
    ...xs.filter((x) => x.side === 'party'),
    ...xs.filter((x) => x.side === 'production'),
  ]
  if (v.progress) {
    const percent = v.progress.percent === undefined ? '—' : `${formatValue(v.progress.percent)}%`
    sections.push({
      kind: 'markdown',
      text: t('letters.progressHead', { elapsed: v.progress.elapsed, percent }),
    })
    sections.push({
      kind: 'table',
      columns: t('letters.columns').split('|'),
      rows: ordered(v.progress.targets.map((p) => ({ ...p, side: p.target.side }))).map((p) => [
        side(p.side),
        p.target.text,
        measure(p.target),
        soFar(p),
        p.percent === undefined ? '—' : `${formatValue(p.percent)}%`,
      ]),
    })
  } else
    sections.push({
      kind: 'table',
      columns: t('letters.askColumns').split('|'),
      rows: ordered(v.targets).map((x) => [side(x.side), x.text, measure(x)]),
    })
  if (row.confirmedAt === null)
    sections.push({
      kind: 'buttons',
      buttons: [
        {
          label: t('letters.confirmButton'),
          action: 'letter.confirm',
          value: `${row.id}:${row.version}`,
          style: 'primary',
        },
      ],
    })
  return {
    title: t('letters.title', { unit: row.unitName, span: spanOf(row) }),
    tone: row.confirmedAt === null ? 'warning' : 'success',
    sections,
  }
}
