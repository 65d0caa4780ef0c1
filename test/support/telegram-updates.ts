/**
 * Updates shaped like the Bot API's objects (https://core.telegram.org/bots/api#update): Message, User, Chat,
 * MessageEntity, CallbackQuery, ChatMemberUpdated. Pure data, so the workerd tests use them too.
 */
export const BOT = { id: 7000000001, username: 'ronghe_bot' }
export const WEBHOOK_SECRET = 'test-telegram-secret_1'

export type Person = { id: number; first_name: string; last_name?: string; username?: string }
export const person = (id: number, first_name: string, username?: string): Person => ({
  id,
  first_name,
  ...(username ? { username } : {}),
})

let nextUpdate = 100_000
let nextMessage = 500
export const freshUpdateId = () => ++nextUpdate

type Chat = {
  id: number
  type: 'private' | 'group' | 'supergroup' | 'channel'
  title?: string
  is_forum?: boolean
}
const chatFor = (chatId: number, from: Person): Chat =>
  chatId > 0
    ? ({ id: chatId, type: 'private', first_name: from.first_name } as Chat)
    : { id: chatId, type: 'supergroup', title: '第一党支部' }

/** Entities for `/cmd` at the start and each `@username` in the text, as Telegram's clients create them. */
function entitiesOf(text: string) {
  const entities: { type: string; offset: number; length: number }[] = []
  const command = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text)
  if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length })
  for (const m of text.matchAll(/@[A-Za-z]\w{3,}/g))
    if (!command || (m.index ?? 0) >= command[0].length)
      entities.push({ type: 'mention', offset: m.index ?? 0, length: m[0].length })
  return entities
}

export type MessageOptions = {
  chatId: number
  from: Person & { is_bot?: boolean }
  text?: string
  updateId?: number
  messageId?: number
  /** A forum topic's thread id: the message is a topic message. */
  thread?: number
  caption?: string
  extra?: Record<string, unknown>
  kind?: 'message' | 'edited_message'
}

export function messageUpdate(o: MessageOptions) {
  const message_id = o.messageId ?? ++nextMessage
  const body = o.text ?? o.caption
  const entities = body === undefined ? [] : entitiesOf(body)
  return {
    update_id: o.updateId ?? freshUpdateId(),
    [o.kind ?? 'message']: {
      message_id,
      from: { is_bot: false, language_code: 'zh-hans', ...o.from },
      chat: o.thread ? { ...chatFor(o.chatId, o.from), is_forum: true } : chatFor(o.chatId, o.from),
      date: 1_795_000_000,
      ...(o.thread
        ? {
            message_thread_id: o.thread,
            is_topic_message: true,
            // In a topic every message replies to the topic's creation message implicitly.
            reply_to_message: {
              message_id: o.thread,
              date: 1_794_000_000,
              chat: chatFor(o.chatId, o.from),
              forum_topic_created: { name: '学习', icon_color: 7322096 },
            },
          }
        : {}),
      ...(o.text !== undefined ? { text: o.text, ...(entities.length ? { entities } : {}) } : {}),
      ...(o.caption !== undefined
        ? {
            photo: [{ file_id: 'AgAD', file_unique_id: 'AQAD', width: 90, height: 90 }],
            caption: o.caption,
            ...(entities.length ? { caption_entities: entities } : {}),
          }
        : {}),
      ...(o.kind === 'edited_message' ? { edit_date: 1_795_000_100 } : {}),
      ...o.extra,
    },
  }
}

/** A message a group's anonymous admin posts: from GroupAnonymousBot, sender_chat the group itself. */
export function anonymousAdminUpdate(chatId: number, text: string) {
  const update = messageUpdate({
    chatId,
    from: { id: 1087968824, first_name: 'Group', username: 'GroupAnonymousBot', is_bot: true },
    text,
  })
  const { update_id, message } = update as unknown as { update_id: number; message: Record<string, unknown> }
  return {
    update_id,
    message: { ...message, sender_chat: { id: chatId, type: 'supergroup', title: '第一党支部' } },
  }
}

export function callbackUpdate(o: {
  from: Person
  chatId: number
  messageId: number
  data: string
  updateId?: number
  thread?: number
}) {
  return {
    update_id: o.updateId ?? freshUpdateId(),
    callback_query: {
      id: `cq${o.updateId ?? nextUpdate}`,
      from: { is_bot: false, ...o.from },
      chat_instance: '-8766356523477261',
      data: o.data,
      message: {
        message_id: o.messageId,
        from: { id: BOT.id, is_bot: true, first_name: '融合助手', username: BOT.username },
        chat: chatFor(o.chatId, o.from),
        date: 1_795_000_000,
        text: 'card',
        ...(o.thread ? { message_thread_id: o.thread, is_topic_message: true } : {}),
      },
    },
  }
}

export function membershipUpdate(o: {
  chatId: number
  by: Person
  before: string
  after: string
  botId?: number
}) {
  const bot = { id: o.botId ?? BOT.id, is_bot: true, first_name: '融合助手', username: BOT.username }
  return {
    update_id: freshUpdateId(),
    my_chat_member: {
      chat: { id: o.chatId, type: o.chatId > 0 ? 'private' : 'supergroup', title: '第一党支部' },
      from: { is_bot: false, ...o.by },
      date: 1_795_000_000,
      old_chat_member: { status: o.before, user: bot },
      new_chat_member: { status: o.after, user: bot },
    },
  }
}
