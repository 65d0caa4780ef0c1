import type { MessageKey, Params } from './i18n'
import type { Platform } from './messages'

/** A mistake the user can fix; the router renders it through i18n. */
export class UserError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Params = {},
  ) {
    super(key)
    this.name = 'UserError'
  }
}

/** A platform API said no or could not be reached; the outbox decides to retry or give up. */
export class PlatformError extends Error {
  readonly retryAfterMs?: number
  constructor(
    readonly platform: Platform,
    readonly status: number,
    opts: { retryAfterMs?: number; message?: string } = {},
  ) {
    super(opts.message ?? `${platform} answered ${status}`)
    this.name = 'PlatformError'
    this.retryAfterMs = opts.retryAfterMs
  }
}
