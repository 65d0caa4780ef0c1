import type { Params } from '../i18n'

/**
 * User text inside a card's markdown can never create a mention (@all, <at>), a link or formatting
 * (DESIGN §3): markdown characters are backslash-escaped, `@` and `://` are broken with a zero-width space.
 */
export function escapeMarkdown(userText: string): string {
  return userText
    .replace(/<\/?at\b[^>]*>/gi, '')
    .replace(/([\\`*_~[\]()<>#|!])/g, '\\$1')
    .replace(/@/g, '@\u200b')
    .replace(/:\/\//g, ':\u200b//')
}

/** Escapes every value before it is put into a markdown template. */
export function markdownParams(params: Params): Params {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? escapeMarkdown(v) : v]),
  )
}

/** Markdown shown as plain text (simulator, fallbacks): escapes and emphasis markers removed. */
export function markdownToPlain(markdown: string): string {
  return markdown.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\\(.)/g, '$1')
}
