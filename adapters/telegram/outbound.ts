import type { Api } from 'grammy'
import type { Outbound } from '../../src/outbox/outbound'
import { renderCard, renderText, type TelegramMessage } from './cards'
import { call } from './client'
import { TELEGRAM_LIMITS } from './limits'
import { formatRef, parseRef } from './refs'

const common = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const

/**
 * Telegram's side of the outbox: a chat target is a chat id, a user target the user's id (their private chat
 * with the bot has the same id). A reply to a group command quotes it, and in a forum topic stays in the topic.
 * The Bot API has no idempotency key, so a send whose answer was lost is sent again (DESIGN §5: at least once).
 */
export function telegramOutbound(api: Api): Outbound {
  return {
    platform: 'telegram',
    limits: TELEGRAM_LIMITS,
    // Telegram has no 加急: an escalation's urgent step is skipped for it, and logged.
    capabilities: { urgent: false, edit: true, files: true },
    async send(msg) {
      const body = msg.reply.kind === 'card' ? renderCard(msg.reply.card) : renderText(msg.reply.text)
      const ref = msg.replyTo ? parseRef(msg.replyTo) : undefined
      const sent = await call('sendMessage', () =>
        api.sendMessage(msg.target.id, body.text, {
          ...common,
          ...(body.reply_markup ? { reply_markup: body.reply_markup } : {}),
          // A deleted command still gets its answer, just without the quote.
          ...(ref
            ? { reply_parameters: { message_id: ref.messageId, allow_sending_without_reply: true } }
            : {}),
          ...(ref?.threadId !== undefined ? { message_thread_id: ref.threadId } : {}),
        }),
      )
      return { platformMessageId: formatRef(sent.chat.id, sent.message_id) }
    },
  }
}

/** Replaces a clicked card's text and keyboard (https://core.telegram.org/bots/api#editmessagetext). */
export async function editCard(api: Api, ref: string, message: TelegramMessage): Promise<void> {
  const at = parseRef(ref)
  if (!at) return
  try {
    await call('editMessageText', () =>
      api.editMessageText(at.chatId, at.messageId, message.text, {
        ...common,
        ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
      }),
    )
  } catch (err) {
    // Two clicks that render the same card: Telegram refuses the second edit, and nothing is wrong.
    if (err instanceof Error && /message is not modified/i.test(err.message)) return
    throw err
  }
}
