import { markdownToPlain } from './markdown'

/**
 * A platform-neutral card (DESIGN §3); each adapter renders it, `cardToText` gives the plain text.
 * `markdown` sections are trusted markdown in which user text was escaped with `escapeMarkdown`;
 * every other string (field, cell, label) is plain text that each adapter escapes for its own markup.
 */
export type Tone = 'info' | 'success' | 'warning' | 'danger'

export type Button = {
  label: string
  action: string
  value: string
  style?: 'primary' | 'danger' | 'default'
}

export type ChartSeries = { name: string; data: number[] }

export type Section =
  | { kind: 'markdown'; text: string }
  | { kind: 'fields'; fields: { label: string; value: string }[] }
  | { kind: 'table'; columns: string[]; rows: string[][] }
  | { kind: 'chart'; chart: 'bar' | 'line' | 'pie'; title?: string; labels: string[]; series: ChartSeries[] }
  | { kind: 'buttons'; buttons: Button[] }

export type Card = { title: string; tone: Tone; sections: Section[] }

const BAR_WIDTH = 20

function chartToText(s: Extract<Section, { kind: 'chart' }>): string[] {
  const lines = s.title ? [s.title] : []
  for (const series of s.series) {
    const max = Math.max(1, ...series.data)
    if (s.series.length > 1) lines.push(`${series.name}:`)
    series.data.forEach((v, i) => {
      const bar = '█'.repeat(Math.round((Math.max(0, v) / max) * BAR_WIDTH))
      lines.push(`${s.labels[i] ?? ''} ${bar} ${v}`)
    })
  }
  return lines
}

function sectionToText(s: Section): string[] {
  switch (s.kind) {
    case 'markdown':
      return [markdownToPlain(s.text)]
    case 'fields':
      return s.fields.map((f) => `${f.label}: ${f.value}`)
    case 'table':
      return [s.columns.join(' | '), ...s.rows.map((r) => r.join(' | '))]
    case 'chart':
      return chartToText(s)
    case 'buttons':
      return [s.buttons.map((b) => `[${b.label}]`).join(' ')]
  }
}

/** The one plain-text rendering of a card, used by the simulator and as every platform's fallback. */
export function cardToText(card: Card): string {
  return [`【${card.title}】`, ...card.sections.flatMap(sectionToText)].join('\n')
}
