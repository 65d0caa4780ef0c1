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

/** Renders a message; keys not in the catalog (e.g. dynamic command ids) fall back to the key itself. */
export function translate(locale: Locale, key: string, params: Params = {}): string {
  const template = lookup(catalogs[locale], key) ?? lookup(zhCN, key) ?? key
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}

export function hasKey(key: string): boolean {
  return lookup(zhCN, key) !== undefined
}

export const translator = (locale: Locale) => (key: MessageKey, params?: Params) =>
  translate(locale, key, params)
