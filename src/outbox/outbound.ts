import type { Locale } from '../i18n'
import type { Platform, Reply } from '../messages'
import type { OutboxTarget } from './enqueue'

export type OutboundMessage = {
  id: string
  target: OutboxTarget
  /** The platform message this answers, when the platform threads replies (a command in a group). */
  replyTo?: string
  reply: Reply
  locale: Locale
  attempt: number
}

/** Send limits of one platform, before OUTBOX_RATE_SCALE. */
export type SendLimits = {
  perSecond: number
  perMinute?: number
  perChatPerSecond?: number
  /** A per-minute ceiling for each chat that `isGroup` picks out (Telegram: 20 a minute into one group). */
  perGroupPerMinute?: number
  isGroup?: (chatKey: string) => boolean
}

/**
 * What the dispatcher knows of a platform: render and send one message (the message id is the idempotency
 * key), throwing `PlatformError` when the platform refuses or cannot be reached.
 */
export interface Outbound {
  readonly platform: Platform
  readonly limits: SendLimits
  /** Sends one message; resolves with the platform's id for it when the platform gives one. */
  send(msg: OutboundMessage): Promise<{ platformMessageId?: string } | undefined>
}
