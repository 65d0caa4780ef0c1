import type { Params } from '../i18n'

/** Every character that one of escapeMarkdown's replacements acts on (`<at`, `@`, `://` and the markdown ones). */
const NEEDS_ESCAPE = /[\\`*_~[\]()<>#|!@:]/

/**
 * User text inside a card's markdown can never create a mention (@all, <at>), a link or formatting
 * (DESIGN §3): markdown characters are backslash-escaped, `@` and `://` are broken with a zero-width space.
 */
export function escapeMarkdown(userText: string): string {
  // Most names and titles hold none of the characters below: one test instead of four replacements.
  if (!NEEDS_ESCAPE.test(userText)) return userText
  return userText
    .replace(/<\/?at\b[^>]*>/gi, '')
    .replace(/([\\`*_~[\]()<>#|!])/g, '\\$1')
    .replace(/@/g, '@\u200b')
    .replace(/:\/\//g, ':\u200b//')
}

/** Escapes every value before it is put into a markdown template. */
export function markdownParams(params: Params): Params {
  const escaped: Params = {}
  for (const k in params) {
    const v = params[k] as string | number
    escaped[k] = typeof v === 'string' ? escapeMarkdown(v) : v
  }
  return escaped
}

/** Markdown shown as plain text (simulator, fallbacks): escapes and emphasis markers removed. */
export function markdownToPlain(markdown: string): string {
  return markdown.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\\(.)/g, '$1')
}
