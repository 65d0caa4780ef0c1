import type { CardAction, ChatEvent, Incoming, Mention } from '../../src/messages'
import { decodeCallbackData } from './callback-data'
import { attachmentsOf } from './files'
import { formatRef } from './refs'
import { CallbackQuery, ChatMemberUpdated, type Entity, Message, Update } from './schema'

/** Who the bot is: its id is the token's number; its username comes from getMe and may not be known yet. */
export type BotIdentity = { id: number; username?: string }

export type Parsed =
  | { kind: 'message'; incoming: Incoming }
  | { kind: 'action'; action: CardAction; callbackQueryId: string }
  /** A click the bot cannot use (stale or foreign button): answered empty so the client stops its spinner. */
  | { kind: 'staleClick'; callbackQueryId: string; reason: string }
  | { kind: 'botAdded'; event: ChatEvent }
  | { kind: 'ignored'; reason: string }

const ignored = (reason: string): Parsed => ({ kind: 'ignored', reason })

/** Telegram's fixed account that posts for a group's anonymous admins (sender_chat is the group itself).
 * https://core.telegram.org/bots/api#message "from ... the field contains a fake sender user in non-channel chats" */
const ANONYMOUS_ADMIN = 'GroupAnonymousBot'

/** Content a person sends that carries no words: answered with a hint in private, ignored as group chatter.
 * A photo or document without a caption comes in as an attachment instead (the router decides). */
const CONTENT_KINDS = [
  ...['photo', 'video', 'document', 'sticker', 'voice', 'audio', 'animation', 'video_note'],
  ...['location', 'venue', 'contact', 'poll', 'dice', 'story'],
]

/** Statuses in which the bot is in a chat (https://core.telegram.org/bots/api#chatmember). */
const PRESENT = new Set(['creator', 'administrator', 'member', 'restricted'])

/** Turns one update into what the core understands; never throws on a malformed update. */
export function parseTelegram(body: unknown, bot: BotIdentity, receivedAt: number): Parsed {
  const update = Update.safeParse(body)
  if (!update.success) return ignored('not an update: no update_id')
  const u = body as Record<string, unknown>
  const eventId = String(update.data.update_id)
  if ('message' in u) return parseMessage(u.message, eventId, bot, receivedAt)
  if ('callback_query' in u) return parseClick(u.callback_query, eventId, receivedAt)
  if ('my_chat_member' in u) return parseMembership(u.my_chat_member, eventId, bot, receivedAt)
  // DESIGN §6: an edited message is not re-run.
  if ('edited_message' in u) return ignored('edited message')
  return ignored(`unhandled update kind ${Object.keys(u).find((k) => k !== 'update_id') ?? 'none'}`)
}

const fullName = (user: { first_name: string; last_name?: string }) =>
  [user.first_name, user.last_name].filter(Boolean).join(' ')

function parseMessage(input: unknown, eventId: string, bot: BotIdentity, receivedAt: number): Parsed {
  const parsed = Message.safeParse(input)
  if (!parsed.success) return ignored('malformed message')
  const m = parsed.data
  if (m.chat.type === 'channel') return ignored('channel post')
  if (!m.from) return ignored('message without a sender')
  const anonymous = m.from.is_bot && m.from.username === ANONYMOUS_ADMIN && m.sender_chat?.id === m.chat.id
  // DESIGN §3: only people. The bot's own messages and other bots never come back in.
  if (m.from.is_bot && !anonymous) return ignored('not sent by a person (from.is_bot)')
  const chatType: Incoming['chatType'] = m.chat.type === 'private' ? 'p2p' : 'group'
  const chatId = String(m.chat.id)
  const base = {
    platform: 'telegram' as const,
    eventId,
    // Message ids count per chat, so the chat makes them unique per bot.
    messageId: formatRef(chatId, m.message_id),
    chatId,
    chatType,
    userId: String(m.from.id),
    userName: fullName(m.from),
    receivedAt,
    ...(anonymous ? { anonymous: true } : {}),
    // In a forum topic the answer must land in the same topic, so the reference carries the thread.
    ...(m.is_topic_message && m.message_thread_id !== undefined
      ? { threadRef: formatRef(chatId, m.message_id, m.message_thread_id) }
      : {}),
  }
  const raw = m.text ?? m.caption
  // A photo or document travels as an attachment, its caption as the text (`导入 名册` with the file).
  const attachments = attachmentsOf(input)
  const files = attachments.length > 0 ? { attachments } : {}
  if (raw === undefined && attachments.length > 0)
    return { kind: 'message', incoming: { ...base, text: '', mentionsBot: false, ...files } }
  if (raw === undefined) {
    // The raw message: the schema keeps only the fields read, and content kinds are told by their field.
    const kind = CONTENT_KINDS.find((k) => k in (input as Record<string, unknown>))
    if (!kind) return ignored('service message')
    return { kind: 'message', incoming: { ...base, text: '', mentionsBot: false, unsupported: kind } }
  }
  const read = readText(raw, (m.text !== undefined ? m.entities : m.caption_entities) ?? [], bot)
  if (read.forOtherBot) return ignored('a command for another bot')
  // A topic's messages reply to the topic's first message implicitly; only a real reply to the bot addresses it.
  const reply = m.reply_to_message
  const implicit = m.is_topic_message && reply?.message_id === m.message_thread_id
  const repliesToBot = !implicit && reply?.from?.id === bot.id
  return {
    kind: 'message',
    incoming: {
      ...base,
      text: read.text,
      mentionsBot: read.mentionsBot || repliesToBot,
      ...(read.mentions.length ? { mentions: read.mentions } : {}),
      ...files,
    },
  }
}

/**
 * The bot's own @username and text_mention are cut out; `/cmd@ourbot` becomes `/cmd`, and `/cmd@otherbot`
 * marks a command meant for another bot. A text_mention of a person (one without a username) becomes `@name`
 * with their id in `mentions`. Offsets are UTF-16 code units, as JavaScript strings count
 * (https://core.telegram.org/bots/api#messageentity).
 */
function readText(raw: string, entities: Entity[], bot: BotIdentity) {
  const own = bot.username?.toLowerCase()
  const mentions: Mention[] = []
  const cuts: { from: number; to: number; with: string }[] = []
  let mentionsBot = false
  let forOtherBot = false
  for (const e of entities) {
    const slice = raw.slice(e.offset, e.offset + e.length)
    if (e.type === 'mention' && own !== undefined && slice.toLowerCase() === `@${own}`) {
      mentionsBot = true
      cuts.push({ from: e.offset, to: e.offset + e.length, with: '' })
    } else if (e.type === 'text_mention' && e.user) {
      if (e.user.id === bot.id) {
        mentionsBot = true
        cuts.push({ from: e.offset, to: e.offset + e.length, with: '' })
      } else {
        const name = fullName(e.user).replace(/\s+/g, '')
        mentions.push({ userId: String(e.user.id), name })
        cuts.push({ from: e.offset, to: e.offset + e.length, with: `@${name}` })
      }
    } else if (e.type === 'bot_command' && e.offset === 0) {
      const at = slice.indexOf('@')
      if (at > 0 && own !== undefined) {
        if (slice.slice(at + 1).toLowerCase() === own) cuts.push({ from: at, to: e.length, with: '' })
        else forOtherBot = true
      }
    }
  }
  let text = raw
  for (const c of cuts.sort((a, b) => b.from - a.from))
    text = text.slice(0, c.from) + c.with + text.slice(c.to)
  return { text: text.replace(/\s+/g, ' ').trim(), mentionsBot, mentions, forOtherBot }
}

function parseClick(raw: unknown, eventId: string, receivedAt: number): Parsed {
  const parsed = CallbackQuery.safeParse(raw)
  if (!parsed.success) return ignored('malformed callback_query')
  const q = parsed.data
  const button = q.data === undefined ? undefined : decodeCallbackData(q.data)
  if (!button || !q.message)
    return { kind: 'staleClick', callbackQueryId: q.id, reason: 'a button that is not ours' }
  const chatId = String(q.message.chat.id)
  const { message_id: messageId, message_thread_id: thread } = q.message
  const inTopic = q.message.is_topic_message && thread !== undefined
  return {
    kind: 'action',
    callbackQueryId: q.id,
    action: {
      platform: 'telegram',
      eventId,
      messageId: formatRef(chatId, q.message.message_id),
      chatId,
      chatType: q.message.chat.type === 'private' ? 'p2p' : 'group',
      userId: String(q.from.id),
      action: button.action,
      value: button.value,
      ...(inTopic ? { threadRef: formatRef(chatId, messageId, thread) } : {}),
      receivedAt,
    },
  }
}

/** DESIGN §6: added to a group, one greeting; removed, kicked or a change of rights, nothing. */
function parseMembership(raw: unknown, eventId: string, bot: BotIdentity, receivedAt: number): Parsed {
  const parsed = ChatMemberUpdated.safeParse(raw)
  if (!parsed.success) return ignored('malformed my_chat_member')
  const { chat, old_chat_member: before, new_chat_member: after } = parsed.data
  if (after.user.id !== bot.id) return ignored('my_chat_member about another user')
  // In a private chat this update means the person blocked or unblocked the bot.
  if (chat.type === 'private' || chat.type === 'channel')
    return ignored(`my_chat_member in a ${chat.type} chat`)
  if (PRESENT.has(before.status) || !PRESENT.has(after.status)) return ignored('not an addition to the chat')
  return {
    kind: 'botAdded',
    event: { platform: 'telegram', eventId, kind: 'botAdded', chatId: String(chat.id), receivedAt },
  }
}
