import { z } from 'zod'
import type { CardAction, Incoming } from '../../src/messages'

const id = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.:-]+$/, 'letters, digits, _ . : -')

/** A file uploaded through POST /dev/upload, as that route answered it. */
const DevAttachment = z.object({
  kind: z.enum(['image', 'file']),
  ref: id,
  name: z.string().min(1).max(100).optional(),
  size: z.number().int().nonnegative().optional(),
})

export const DevChatBody = z
  .object({
    chatId: id,
    userId: id,
    text: z.string().trim().max(4000).default(''),
    attachments: z.array(DevAttachment).max(10).optional(),
  })
  // A file alone is a message; without one, text is required.
  .refine((b) => b.text !== '' || (b.attachments?.length ?? 0) > 0, {
    message: 'an empty message',
    path: ['text'],
  })
export const DevActionBody = z.object({
  chatId: id,
  userId: id,
  action: z.string().min(1).max(64),
  value: z.string().max(256).default(''),
  messageId: z.string().max(64).optional(),
})

/** How people address the bot in the simulator: `@融合助手`, `@ronghe` or `@bot` anywhere in the text. */
const BOT_MENTION = /@(融合助手|ronghe|bot)(?![\w\u3400-\u9fff])/gi

export function toIncoming(
  body: z.infer<typeof DevChatBody>,
  now: number,
  eventId: string,
  userName?: string,
): Incoming {
  const mentionsBot = BOT_MENTION.test(body.text)
  BOT_MENTION.lastIndex = 0
  return {
    platform: 'console',
    eventId,
    messageId: eventId,
    chatId: body.chatId,
    chatType: body.chatId === body.userId ? 'p2p' : 'group',
    userId: body.userId,
    userName,
    text: body.text.replace(BOT_MENTION, ' ').trim(),
    mentionsBot,
    ...(body.attachments?.length ? { attachments: body.attachments } : {}),
    receivedAt: now,
  }
}

export function toCardAction(body: z.infer<typeof DevActionBody>, now: number, eventId: string): CardAction {
  return {
    platform: 'console',
    eventId,
    messageId: body.messageId ?? eventId,
    chatId: body.chatId,
    chatType: body.chatId === body.userId ? 'p2p' : 'group',
    userId: body.userId,
    action: body.action,
    value: body.value,
    receivedAt: now,
  }
}
