import type { SendLimits } from '../../src/outbox/outbound'

/**
 * The Bot API's send limits, before OUTBOX_RATE_SCALE. Telegram documents no exact figures; its Bot FAQ
 * ("My bot is hitting limits, how do I avoid this?", https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this)
 * says: in one chat avoid more than one message per second, bulk notifications no more than about 30 messages
 * per second, and no more than 20 messages per minute into the same group. Over them the API answers 429 with
 * `parameters.retry_after` (https://core.telegram.org/bots/api#responseparameters).
 */
export const TELEGRAM_LIMITS: SendLimits = {
  perSecond: 30,
  perChatPerSecond: 1,
  perGroupPerMinute: 20,
  // Group, supergroup and channel ids are negative; a private chat's id is the user's (positive) id.
  isGroup: (chatId) => chatId.startsWith('-'),
}

/** https://core.telegram.org/bots/api#sendmessage "1-4096 characters after entities parsing";
 * #inlinekeyboardbutton callback_data "1-64 bytes"; #answercallbackquery text "0-200 characters";
 * #botcommand command "1-32 characters ... lowercase English letters, digits and underscores", description
 * "1-256 characters"; #setmycommands "At most 100 commands can be specified". */
export const TELEGRAM_SIZE_LIMITS = {
  messageChars: 4096,
  callbackDataBytes: 64,
  toastChars: 200,
  commandChars: 32,
  commandDescriptionChars: 256,
  commands: 100,
} as const

/** Buttons per keyboard row: wide enough for 通过 / 拒绝 side by side, narrow enough for phone screens. */
export const BUTTONS_PER_ROW = 3
