import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types'
import type { Button, Card, Section, Tone } from '../../src/cards/card'
import { encodeCallbackData } from './callback-data'
import { BUTTONS_PER_ROW, TELEGRAM_SIZE_LIMITS } from './limits'

/**
 * Card → a `parse_mode: HTML` message plus an inline keyboard (https://core.telegram.org/bots/api#html-style).
 * Every string is escaped for HTML, and what Telegram would turn into a link or a mention by itself (@name,
 * `scheme://`, a bare domain) is broken with a zero-width space, so user text can never mention, link or format.
 * Charts become text bars: resvg with a CJK font does not fit the Worker bundle (DESIGN §6).
 */
const ICON: Record<Tone, string> = { info: 'ℹ️', success: '✅', warning: '⚠️', danger: '⛔' }
const BAR_WIDTH = 12

/** What Telegram would turn into a mention or a link by itself (@name, `scheme://`, a bare domain), broken. */
function breakAutolinks(plain: string): string {
  return plain
    .replace(/@/g, '@\u200b')
    .replace(/:\/\//g, ':\u200b//')
    .replace(/([\p{L}\p{N}])\.(?=\p{L}{2,})/gu, '$1.\u200b')
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Plain text made inert: HTML escaped, no mention, no autolink. */
export const escapeTelegramHtml = (plain: string): string => escapeHtml(breakAutolinks(plain))

/** The card's trusted markdown (user text in it is escaped, src/cards/markdown.ts): **bold** only. */
function markdownHtml(markdown: string): string {
  return escapeTelegramHtml(markdown)
    .replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')
    .replace(/\\(.)/g, '$1')
}

const bold = (plain: string) => `<b>${escapeTelegramHtml(plain)}</b>`

function chartLines(s: Extract<Section, { kind: 'chart' }>): string[] {
  const lines = s.title ? [bold(s.title)] : []
  for (const series of s.series) {
    if (s.series.length > 1) lines.push(`${escapeTelegramHtml(series.name)}:`)
    const total = series.data.reduce((a, b) => a + Math.max(0, b), 0)
    const max = Math.max(1, ...series.data)
    series.data.forEach((v, i) => {
      const bar = '█'.repeat(Math.round((Math.max(0, v) / max) * BAR_WIDTH)) || '▏'
      const share = s.chart === 'pie' && total > 0 ? ` (${Math.round((Math.max(0, v) / total) * 100)}%)` : ''
      lines.push(`${escapeTelegramHtml(s.labels[i] ?? '')} ${bar} ${v}${share}`)
    })
  }
  return lines
}

/** Each section as lines of complete HTML, so the message can be cut between any two of them. */
function sectionLines(s: Section): string[] {
  switch (s.kind) {
    case 'markdown':
      return [markdownHtml(s.text)]
    case 'fields':
      return s.fields.map((f) => `${bold(f.label)}：${escapeTelegramHtml(f.value)}`)
    case 'table':
      return [bold(s.columns.join(' | ')), ...s.rows.map((r) => r.map(escapeTelegramHtml).join(' | '))]
    case 'chart':
      return chartLines(s)
    case 'buttons':
      return []
  }
}

function keyboard(card: Card): InlineKeyboardMarkup | undefined {
  const rows: InlineKeyboardButton[][] = []
  for (const s of card.sections) {
    if (s.kind !== 'buttons') continue
    // A button whose action and value exceed callback_data's 64 bytes cannot be sent; no button we make does.
    const buttons = s.buttons.flatMap((b: Button) => {
      const data = encodeCallbackData(b.action, b.value)
      return data ? [{ text: b.label, callback_data: data }] : []
    })
    for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW) rows.push(buttons.slice(i, i + BUTTONS_PER_ROW))
  }
  return rows.length ? { inline_keyboard: rows } : undefined
}

/** Keeps whole lines within the message limit; HTML is never shorter than what Telegram counts. */
function withinLimit(lines: string[]): string {
  const room = TELEGRAM_SIZE_LIMITS.messageChars - 16
  let used = 0
  const kept: string[] = []
  for (const [i, line] of lines.entries()) {
    if (used + line.length + 1 > room) {
      kept.push(`… +${lines.length - i}`)
      break
    }
    kept.push(line)
    used += line.length + 1
  }
  return kept.join('\n')
}

export type TelegramMessage = { text: string; reply_markup?: InlineKeyboardMarkup }

export function renderCard(card: Card): TelegramMessage {
  const lines = [`${ICON[card.tone]} ${bold(card.title)}`, ...card.sections.flatMap(sectionLines)]
  const markup = keyboard(card)
  return { text: withinLimit(lines), ...(markup ? { reply_markup: markup } : {}) }
}

/** A text reply: made inert, then cut to the limit before HTML escaping (entities count as one character). */
export function renderText(text: string): TelegramMessage {
  const max = TELEGRAM_SIZE_LIMITS.messageChars
  const shown = breakAutolinks(text)
  return { text: escapeHtml(shown.length > max ? `${shown.slice(0, max - 1)}…` : shown) }
}
