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

/** What a platform can do beyond sending; a feature step it cannot do is skipped and logged, never failed. */
export type Capabilities = {
  /** 加急 on the bot's own message (Feishu urgent_app, and paid SMS / phone). */
  urgent: boolean
  /** Replace a sent message or card in place. */
  edit: boolean
  /** Photos and files members send arrive as attachments. */
  files: boolean
  /** The bot can send a file (a `file` reply); without it the dispatcher sends the reply's text and a note. */
  sendFiles: boolean
}

export const NO_CAPABILITIES: Capabilities = { urgent: false, edit: false, files: false, sendFiles: false }

/** In-app 加急 costs nothing; SMS and phone 加急 cost the enterprise money (settings budget them). */
export type UrgentMode = 'app' | 'sms' | 'phone'

/**
 * What the dispatcher knows of a platform: render and send one message (the message id is the idempotency
 * key), throwing `PlatformError` when the platform refuses or cannot be reached.
 */
export interface Outbound {
  readonly platform: Platform
  readonly limits: SendLimits
  /** Sends one message; resolves with the platform's id for it when the platform gives one. */
  send(msg: OutboundMessage): Promise<{ platformMessageId?: string } | undefined>
  /** Undeclared means none of them. */
  readonly capabilities?: Capabilities
  /** 加急 on a message this bot sent, for these platform user ids; only where `capabilities.urgent`. */
  urgent?(m: { messageId: string; userIds: string[]; mode: UrgentMode }): Promise<void>
}
