import { type Api, InputFile } from 'grammy'
import { fromBase64 } from '../../src/outbox/file-bytes'
import type { Outbound } from '../../src/outbox/outbound'
import { renderCard, renderText, type TelegramMessage } from './cards'
import { call } from './client'
import { TELEGRAM_LIMITS } from './limits'
import { formatRef, parseRef } from './refs'

const common = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const
const CAPTION_MAX = 1024

/**
 * Telegram's side of the outbox: a chat target is a chat id, a user target the user's id (their private chat
 * with the bot has the same id). A reply to a group command quotes it, and in a forum topic stays in the topic.
 * A file goes as a document (sendDocument, multipart). The Bot API has no idempotency key, so a send whose
 * answer was lost is sent again (DESIGN §5: at least once).
 */
export function telegramOutbound(api: Api): Outbound {
  return {
    platform: 'telegram',
    limits: TELEGRAM_LIMITS,
    // Telegram has no 加急: an escalation's urgent step is skipped for it, and logged.
    capabilities: { urgent: false, edit: true, files: true, sendFiles: true },
    async send(msg) {
      const ref = msg.replyTo ? parseRef(msg.replyTo) : undefined
      const placed = {
        // A deleted command still gets its answer, just without the quote.
        ...(ref
          ? { reply_parameters: { message_id: ref.messageId, allow_sending_without_reply: true } }
          : {}),
        ...(ref?.threadId !== undefined ? { message_thread_id: ref.threadId } : {}),
      }
      if (msg.reply.kind === 'file') {
        const { file, text } = msg.reply
        const doc = new InputFile(fromBase64(file.dataBase64), file.name)
        // https://core.telegram.org/bots/api#senddocument: the caption is plain text here, at most 1024 characters.
        const sent = await call('sendDocument', () =>
          api.sendDocument(msg.target.id, doc, { caption: text.slice(0, CAPTION_MAX), ...placed }),
        )
        return { platformMessageId: formatRef(sent.chat.id, sent.message_id) }
      }
      const body = msg.reply.kind === 'card' ? renderCard(msg.reply.card) : renderText(msg.reply.text)
      const sent = await call('sendMessage', () =>
        api.sendMessage(msg.target.id, body.text, {
          ...common,
          ...(body.reply_markup ? { reply_markup: body.reply_markup } : {}),
          ...placed,
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
