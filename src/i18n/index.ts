import { en } from './en'
import { zhCN } from './zh-CN'

export type Locale = 'zh-CN' | 'en'
export type Params = Record<string, string | number>

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>
}[keyof T & string]

/** Every message key, e.g. `bind.done`; a typo is a type error. */
export type MessageKey = Leaves<typeof zhCN>

const catalogs: Record<Locale, typeof zhCN> = { 'zh-CN': zhCN, en }

function lookup(catalog: unknown, key: string): string | undefined {
  let node = catalog
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string' ? node : undefined
}

/** A template split at its placeholders: literal text at even indexes, placeholder names at odd ones. */
type Compiled = string[]

const compile = (template: string): Compiled => template.split(/\{(\w+)\}/)

/**
 * Each catalog message compiled once per locale (a card renders dozens of messages, a morning job thousands of
 * cards). Keys missing from the catalogs are not kept: they may be anything (e.g. dynamic command ids).
 */
const compiled: Record<Locale, Map<string, Compiled>> = { 'zh-CN': new Map(), en: new Map() }

function templateOf(locale: Locale, key: string): Compiled {
  const cache = compiled[locale]
  let parts = cache.get(key)
  if (!parts) {
    const template = lookup(catalogs[locale], key) ?? lookup(zhCN, key)
    if (template === undefined) return compile(key)
    parts = compile(template)
    cache.set(key, parts)
  }
  return parts
}

/** Renders a message; keys not in the catalog (e.g. dynamic command ids) fall back to the key itself. */
export function translate(locale: Locale, key: string, params: Params = {}): string {
  const parts = templateOf(locale, key)
  let text = parts[0] as string
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string
    text += (name in params ? String(params[name]) : `{${name}}`) + parts[i + 1]
  }
  return text
}

export function hasKey(key: string): boolean {
  return lookup(zhCN, key) !== undefined
}

export const translator = (locale: Locale) => (key: MessageKey, params?: Params) =>
  translate(locale, key, params)
