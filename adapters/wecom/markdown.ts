import type { Card, Section } from '../../src/cards/card'
import { cardToText } from '../../src/cards/card'

/**
 * Markdown for WeCom's and DingTalk's markdown messages, which parse a small subset (headings, bold, links,
 * quotes, lists, `<font>` tags; https://developer.work.weixin.qq.com/document/path/90236#markdown消息,
 * https://open.dingtalk.com/document/orgapp/robot-message-types-and-data-format). Neither documents an escape
 * character, so plain text is made inert instead: a zero-width space after every markdown or tag character
 * and at the start of each line keeps `**`, `[..](..)`, `<font>`, `# `, `> ` and `- ` from forming, `@` from
 * mentioning and `://` from linking.
 */
const SPECIAL = /([\\`*_~[\]()<>#|!+=-])/g

const inertChars = (plain: string) =>
  plain.replace(SPECIAL, '$1\u200b').replace(/@/g, '@\u200b').replace(/:\/\//g, ':\u200b//')
const atLineStarts = (text: string) => text.replace(/^/gm, '\u200b')

export const inertMarkdown = (plain: string): string => atLineStarts(inertChars(plain))

/** The card's trusted markdown (user text in it escaped, src/cards/markdown.ts): **bold** kept, the rest inert. */
export function trustedMarkdown(markdown: string): string {
  const parts = markdown.split(/(\*\*.+?\*\*)/g).map((part) => {
    const bold = part.length > 4 && part.startsWith('**') && part.endsWith('**')
    const plain = (bold ? part.slice(2, -2) : part).replace(/\\(.)/g, '$1')
    return bold ? `**${inertChars(plain)}**` : inertChars(plain)
  })
  return atLineStarts(parts.join(''))
}

const ICON = { info: 'ℹ️', success: '✅', warning: '⚠️', danger: '⛔' } as const

/** One section's plain lines, as the shared text rendering gives them (tables and charts as text bars). */
const plainLines = (card: Card, s: Section) =>
  cardToText({ title: '', tone: card.tone, sections: [s] })
    .split('\n')
    .slice(1)

function sectionLines(card: Card, s: Section, withButtons: boolean): string[] {
  switch (s.kind) {
    case 'markdown':
      return [trustedMarkdown(s.text)]
    case 'fields':
      return s.fields.map((f) => `**${inertMarkdown(f.label)}**：${inertMarkdown(f.value)}`)
    case 'buttons':
      return withButtons ? plainLines(card, s).map(inertMarkdown) : []
    default:
      return plainLines(card, s).map(inertMarkdown)
  }
}

const utf8 = new TextEncoder()
export const byteLength = (s: string) => utf8.encode(s).length

/** Whole lines within `maxBytes`, a "… +N" note for what is left out. */
export function withinBytes(lines: string[], maxBytes: number): string {
  const kept: string[] = []
  let used = 0
  for (const [i, line] of lines.entries()) {
    const size = byteLength(line) + 1
    if (used + size > maxBytes - 16) {
      kept.push(`… +${lines.length - i}`)
      break
    }
    kept.push(line)
    used += size
  }
  return kept.join('\n')
}

/** The card as markdown lines: a bold title, then each section; buttons as `[label]` when asked. */
export function cardMarkdownLines(card: Card, withButtons: boolean): string[] {
  return [
    `**${ICON[card.tone]} ${inertMarkdown(card.title)}**`,
    ...card.sections.flatMap((s) => sectionLines(card, s, withButtons)),
  ]
}

/** Cuts plain text to `max` characters. */
export const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s)
