import { PlatformError } from '../errors'

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string }

export const MAX_ATTEMPTS = 8
const BASE_DELAY_MS = 1_000
const MAX_DELAY_MS = 10 * 60_000

/**
 * The one place that turns a send failure into retry-or-dead-letter: 429, 5xx and network failures
 * (status 0) are retried with exponential backoff, honouring the platform's hint; other 4xx are final.
 */
export function retryDecision(err: unknown, attempt: number): RetryDecision {
  const status = err instanceof PlatformError ? err.status : 0
  const retriable = status === 0 || status === 408 || status === 429 || status >= 500
  if (!retriable) return { retry: false, reason: err instanceof Error ? err.message : String(err) }
  if (attempt >= MAX_ATTEMPTS)
    return { retry: false, reason: `gave up after ${attempt} attempts: ${String(err)}` }
  const backoff = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1))
  const hint = err instanceof PlatformError ? (err.retryAfterMs ?? 0) : 0
  return { retry: true, delayMs: Math.max(backoff, hint) }
}
