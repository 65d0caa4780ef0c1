import type { Button, Card, Section, Tone } from '../../src/cards/card'
import { FEISHU_CARD_LIMITS, FEISHU_SIZE_LIMITS } from './limits'

/**
 * Card → Feishu card JSON 2.0 (https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-structure).
 * 2.0 refuses unknown properties (card-json-v2-breaking-changes-release-notes), so every element carries only
 * documented fields. Markdown sections arrive escaped; every other string is plain text and either lands in a
 * plain_text / `text` slot (not parsed by the client) or goes through `escapeLarkMd`.
 */

const TEMPLATE: Record<Tone, string> = { info: 'blue', success: 'green', warning: 'orange', danger: 'red' }

const utf8 = new TextEncoder()
const byteLength = (s: string) => utf8.encode(s).length

/**
 * Plain text made inert inside card markdown: no <at> mention or other tag (the 2.0 markdown component
 * reads HTML syntax, so angle brackets become entities), no link, emphasis, heading or list, and no bare
 * URL autolink (a zero-width space breaks `://`).
 * https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/rich-text
 */
export function escapeLarkMd(plain: string): string {
  return plain
    .replace(/<\/?at\b[^>]*>/gi, '')
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_~[\]()#|!$])/g, '\\$1')
    .replace(/^(\s*)([-+])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\./gm, '$1\\.')
    .replace(/@/g, '@\u200b')
    .replace(/:\/\//g, ':\u200b//')
}

const plainText = (content: string) => ({ tag: 'plain_text', content })
const markdown = (content: string) => ({ tag: 'markdown', content })

type TableSection = Extract<Section, { kind: 'table' }> & { omitted?: number }
type ChartSection = Extract<Section, { kind: 'chart' }>
type RenderSection = Exclude<Section, { kind: 'table' }> | TableSection

function table(s: TableSection, asComponent: boolean): object[] {
  const note = s.omitted ? [markdown(`… +${s.omitted}`)] : []
  if (!asComponent) {
    // Beyond the fifth table a card refuses the component: the rows become escaped markdown lines.
    const lines = [s.columns, ...s.rows].map((r) => r.map(escapeLarkMd).join(' \\| '))
    return [markdown(lines.join('\n')), ...note]
  }
  // https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/content-components/table
  // `text` columns hold "不带格式的普通文本": a cell is shown as typed, never parsed.
  const key = (i: number) => `c${i}`
  return [
    {
      tag: 'table',
      page_size: Math.min(FEISHU_CARD_LIMITS.tablePageSize, Math.max(1, s.rows.length)),
      columns: s.columns.map((name, i) => ({ name: key(i), display_name: name, data_type: 'text' })),
      rows: s.rows.map((r) => Object.fromEntries(s.columns.map((_, i) => [key(i), r[i] ?? '']))),
    },
    ...note,
  ]
}

/** A VChart spec for the chart component (chart_spec, no JavaScript in it).
 * https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/chart */
function chart(s: ChartSection): object {
  const title = s.title ? { title: { text: s.title } } : {}
  if (s.chart === 'pie') {
    const data = s.series[0]?.data ?? []
    const values = s.labels.map((label, i) => ({ label, value: data[i] ?? 0 }))
    const spec = { type: 'pie', ...title, data: { values }, categoryField: 'label', valueField: 'value' }
    return { tag: 'chart', chart_spec: { ...spec, legends: { visible: true } } }
  }
  const many = s.series.length > 1
  const values = s.series.flatMap((series) =>
    s.labels.map((label, i) => ({ label, value: series.data[i] ?? 0, series: series.name })),
  )
  // Side-by-side bars need the series in the x field; a single series is a plain bar or line.
  const xField = many && s.chart === 'bar' ? ['label', 'series'] : 'label'
  const grouping = many ? { seriesField: 'series', legends: { visible: true } } : {}
  return {
    tag: 'chart',
    chart_spec: { type: s.chart, ...title, data: { values }, xField, yField: 'value', ...grouping },
  }
}

/** Buttons whose click calls back with exactly `{ action, value }` (behaviors: callback).
 * https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/configuring-card-interactions */
function button(b: Button): object {
  return {
    tag: 'button',
    text: plainText(b.label.slice(0, FEISHU_CARD_LIMITS.buttonLabelChars)),
    type: b.style ?? 'default',
    behaviors: [{ type: 'callback', value: { action: b.action, value: b.value } }],
  }
}

function buttons(list: Button[]): object {
  if (list.length === 1) return button(list[0] as Button)
  const columns = list.map((b) => ({ tag: 'column', width: 'auto', elements: [button(b)] }))
  return { tag: 'column_set', flex_mode: 'flow', columns }
}

function element(s: RenderSection, tableNo: number): object[] {
  switch (s.kind) {
    case 'markdown':
      return [markdown(s.text)]
    case 'fields':
      return [
        markdown(s.fields.map((f) => `**${escapeLarkMd(f.label)}**：${escapeLarkMd(f.value)}`).join('\n')),
      ]
    case 'table':
      return table(s, tableNo <= FEISHU_CARD_LIMITS.tablesPerCard)
    case 'chart':
      return [chart(s)]
    case 'buttons':
      return s.buttons.length ? [buttons(s.buttons)] : []
  }
}

function build(card: Card, sections: RenderSection[]): object {
  let tables = 0
  const elements = sections.flatMap((s) => element(s, s.kind === 'table' ? ++tables : 0))
  return {
    schema: '2.0',
    header: { title: plainText(card.title), template: TEMPLATE[card.tone] },
    body: { elements },
  }
}

/** Drops rows from the longest table, noting how many were left out; undefined when no row is left. */
function shorten(sections: RenderSection[]): RenderSection[] | undefined {
  let longest = -1
  sections.forEach((s, i) => {
    if (s.kind === 'table' && s.rows.length > 0) {
      const best = sections[longest] as TableSection | undefined
      if (!best || s.rows.length > best.rows.length) longest = i
    }
  })
  if (longest < 0) return undefined
  const t = sections[longest] as TableSection
  const drop = Math.max(1, Math.ceil(t.rows.length / 8))
  const next = { ...t, rows: t.rows.slice(0, -drop), omitted: (t.omitted ?? 0) + drop }
  return sections.map((s, i) => (i === longest ? next : s))
}

/** The card as Feishu card JSON 2.0, its table rows cut (with a "… +N" note) to fit the 30 KB limit. */
export function renderCard(card: Card): object {
  let sections: RenderSection[] = card.sections
  let json = build(card, sections)
  while (byteLength(JSON.stringify(json)) > FEISHU_SIZE_LIMITS.cardBytes) {
    const shorter = shorten(sections)
    if (!shorter) break
    sections = shorter
    json = build(card, sections)
  }
  return json
}

/**
 * Text-message content: the text message reads `<at user_id="…">` mentions and style tags
 * (https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/im-v1/message/create_json), so mention tags go and
 * any other tag, link or emphasis is broken with an invisible zero-width space.
 */
export function renderText(text: string): { text: string } {
  let safe = text
    .replace(/<\/?at\b[^>]*>/gi, '')
    .replace(/<(?=\/?[a-z])/gi, '<\u200b')
    .replace(/\]\(/g, ']\u200b(')
    .replace(/([*~_])(?=\1)/g, '$1\u200b')
  while (byteLength(JSON.stringify({ text: safe })) > FEISHU_SIZE_LIMITS.textBytes)
    safe = `${safe.slice(0, Math.floor(safe.length * 0.9))}…`
  return { text: safe }
}
