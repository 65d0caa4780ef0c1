import { TELEGRAM_SIZE_LIMITS } from './limits'

/**
 * A button's `{ action, value }` as callback_data, which Telegram caps at 64 bytes: `action|value`, short
 * enough for every button the bot makes (`bind.approve|17`). Action names never contain `|`; values may.
 */
const utf8 = new TextEncoder()

export function encodeCallbackData(action: string, value: string): string | undefined {
  const data = `${action}|${value}`
  if (action.includes('|') || utf8.encode(data).length > TELEGRAM_SIZE_LIMITS.callbackDataBytes)
    return undefined
  return data
}

export function decodeCallbackData(data: string): { action: string; value: string } | undefined {
  const bar = data.indexOf('|')
  if (bar <= 0) return undefined
  return { action: data.slice(0, bar), value: data.slice(bar + 1) }
}
