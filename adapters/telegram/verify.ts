/**
 * Telegram signs nothing; the only proof an update comes from it is the `secret_token` given to setWebhook,
 * which it sends back in `X-Telegram-Bot-Api-Secret-Token` on every request
 * (https://core.telegram.org/bots/api#setwebhook). Compared in constant time so that response timing leaks
 * nothing of it.
 */
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token'

export type SecretCheck = { ok: true } | { ok: false; reason: string }

const utf8 = new TextEncoder()

export function constantTimeEqual(a: string, b: string): boolean {
  const x = utf8.encode(a)
  const y = utf8.encode(b)
  let diff = x.length ^ y.length
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0)
  return diff === 0
}

/** With no TELEGRAM_WEBHOOK_SECRET configured every request passes (README says to set one). */
export function verifyTelegramSecret(
  header: string | null | undefined,
  secret: string | undefined,
): SecretCheck {
  if (secret === undefined) return { ok: true }
  if (!header)
    return { ok: false, reason: 'missing X-Telegram-Bot-Api-Secret-Token: pass secret_token to setWebhook' }
  if (!constantTimeEqual(header, secret))
    return { ok: false, reason: 'X-Telegram-Bot-Api-Secret-Token does not match TELEGRAM_WEBHOOK_SECRET' }
  return { ok: true }
}
