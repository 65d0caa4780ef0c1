import { z } from 'zod'
import type { CardAction, Incoming, Mention } from '../../src/messages'
import { attachmentOf, postImages } from './resources'

type Body = Record<string, unknown>
type MessageIds = Pick<Incoming, 'eventId' | 'messageId' | 'chatId' | 'chatType' | 'userId'>

export type Parsed =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'message'; incoming: Incoming }
  /** A person sent a sticker, audio, video...: the route answers with a short hint. */
  | ({ kind: 'unsupported'; msgType: string } & MessageIds)
  | { kind: 'action'; action: CardAction }
  | { kind: 'botAdded'; eventId: string; chatId: string; chatName?: string }
  | { kind: 'ignored'; reason: string }

const ignored = (reason: string): Parsed => ({ kind: 'ignored', reason })
const id = z.string().min(1)
const str = z.string().optional()

const Envelope = z.object({
  schema: z.literal('2.0'),
  header: z.object({ event_id: id, event_type: id }),
  event: z.unknown(),
})

const FeishuMention = z.object({ key: id, id: z.object({ open_id: str }).optional(), name: str })
type FeishuMention = z.infer<typeof FeishuMention>

// https://open.feishu.cn/document/server-docs/im-v1/message/events/receive
const MessageEvent = z.object({
  sender: z.object({ sender_id: z.object({ open_id: id.optional() }).optional(), sender_type: str }),
  message: z.object({
    ...{ message_id: id, chat_id: id, chat_type: z.string(), message_type: id, content: z.string() },
    mentions: z.array(FeishuMention).optional(),
  }),
})

// https://open.feishu.cn/document/feishu-cards/card-callback-communication — our buttons send { action, value }.
const ButtonValue = z.object({ action: id, value: z.string() })
const ActionEvent = z.object({
  operator: z.object({ open_id: id }),
  action: z.object({ value: z.unknown() }),
  context: z.object({ open_message_id: id, open_chat_id: id }),
})

// https://open.feishu.cn/document/server-docs/group/chat-member/event/added-2
const BotAddedEvent = z.object({ chat_id: id, name: str })

/**
 * DESIGN §6: removed or kicked, nothing. Feishu documents no message-edit event (the im-v1 message events are
 * receive, message_read, recalled and reactions), so an edited message never comes back to be re-run.
 */
const KNOWN_IGNORED: Record<string, string> = {
  'im.chat.member.bot.deleted_v1': 'bot removed from the chat',
  'im.message.message_read_v1': 'read receipt',
  'im.message.recalled_v1': 'message recalled',
}

/** Turns a verified Feishu body into what the core understands; never throws on a malformed event. */
export function parseFeishu(body: Body, botOpenId: string | undefined, receivedAt: number): Parsed {
  if (body.type === 'url_verification')
    return typeof body.challenge === 'string'
      ? { kind: 'challenge', challenge: body.challenge }
      : ignored('url_verification without a challenge')
  // DESIGN §6: schema 1.0 events are acknowledged and ignored.
  if (body.schema !== '2.0') return ignored('schema 1.0 event')
  const envelope = Envelope.safeParse(body)
  if (!envelope.success) return ignored('schema 2.0 event without header.event_id / header.event_type')
  const { event_id: eventId, event_type: type } = envelope.data.header
  const event = envelope.data.event
  switch (type) {
    case 'im.message.receive_v1':
      return parseMessage(event, eventId, botOpenId, receivedAt)
    case 'card.action.trigger':
      return parseAction(event, eventId, receivedAt)
    case 'im.chat.member.bot.added_v1': {
      const added = BotAddedEvent.safeParse(event)
      if (!added.success) return ignored('malformed im.chat.member.bot.added_v1')
      const { chat_id: chatId, name } = added.data
      return { kind: 'botAdded', eventId, chatId, ...(name ? { chatName: name } : {}) }
    }
    default:
      return ignored(KNOWN_IGNORED[type] ?? `unhandled event type ${type}`)
  }
}

function parseMessage(event: unknown, eventId: string, botOpenId: string | undefined, at: number): Parsed {
  const parsed = MessageEvent.safeParse(event)
  if (!parsed.success) return ignored('malformed im.message.receive_v1')
  const { sender, message } = parsed.data
  // DESIGN §3: only people. The bot's own messages and other bots ("app"/"bot") never come back in.
  if (sender.sender_type !== 'user')
    return ignored(`not sent by a person (sender_type ${sender.sender_type ?? 'missing'})`)
  const userId = sender.sender_id?.open_id
  if (!userId) return ignored('message without the sender open_id')
  // Documented values are p2p and group; anything else is taken as a group, where only commands are answered.
  const chatType: Incoming['chatType'] = message.chat_type === 'p2p' ? 'p2p' : 'group'
  const ids: MessageIds = {
    eventId,
    messageId: message.message_id,
    chatId: message.chat_id,
    chatType,
    userId,
  }
  const type = message.message_type
  if (type === 'image' || type === 'file') {
    // A file or picture on its own: the router hints, or hands it to an import waiting for it.
    const attachment = attachmentOf(type, parseJson(message.content), message.message_id)
    if (!attachment) return ignored(`malformed ${type} content`)
    const incoming: Incoming = { platform: 'feishu', ...ids, text: '', mentionsBot: false, receivedAt: at }
    return { kind: 'message', incoming: { ...incoming, attachments: [attachment] } }
  }
  if (type !== 'text' && type !== 'post') return { kind: 'unsupported', ...ids, msgType: type }
  const mentionList = message.mentions ?? []
  const post = type === 'post' ? postOf(message.content) : undefined
  const raw = type === 'text' ? textOf(message.content) : post && postText(post, mentionList)
  if (raw === undefined) return ignored(`malformed ${type} content`)
  const { text, mentions, mentionsBot } = resolveMentions(raw, mentionList, botOpenId)
  const images = post ? postImages(post.content ?? [], message.message_id) : []
  return {
    kind: 'message',
    incoming: {
      platform: 'feishu',
      ...ids,
      text,
      mentionsBot,
      mentions,
      ...(images.length > 0 ? { attachments: images } : {}),
      receivedAt: at,
    },
  }
}

/**
 * The callback names no chat type, and p2p chat ids start with `oc_` like group ones, so a click is taken as
 * in a group: the stricter reading (per-member results go out privately anyway, DESIGN §3).
 */
function parseAction(event: unknown, eventId: string, receivedAt: number): Parsed {
  const parsed = ActionEvent.safeParse(event)
  if (!parsed.success) return ignored('malformed card.action.trigger')
  const { operator, action, context } = parsed.data
  // `value` is "string 或 object" per the doc; a string value is our object serialised.
  const raw = typeof action.value === 'string' ? parseJson(action.value) : action.value
  const button = ButtonValue.safeParse(raw)
  if (!button.success) return ignored('card action without our { action, value }')
  const { action: name, value } = button.data
  const ids = { messageId: context.open_message_id, chatId: context.open_chat_id, userId: operator.open_id }
  return {
    kind: 'action',
    action: { platform: 'feishu', eventId, ...ids, chatType: 'group', action: name, value, receivedAt },
  }
}

function parseJson(content: string): unknown {
  try {
    return JSON.parse(content)
  } catch {
    return undefined
  }
}

/** Message content of the receive event: https://open.feishu.cn/document/server-docs/im-v1/message-content-description/message_content */
// Built once: zod compiles a schema on first use, and rebuilding it per event cost ~50 µs (bench:feishu profile).
const TextContent = z.object({ text: z.string() })

function textOf(content: string): string | undefined {
  const parsed = TextContent.safeParse(parseJson(content))
  return parsed.success ? parsed.data.text : undefined
}

const PostElement = z.object({ tag: z.string(), text: str, href: str, user_id: str, user_name: str })
const PostBody = z.object({ title: str, content: z.array(z.array(z.unknown())).optional() })

/** A received post is `{ title, content }`; the sent form wraps it in a locale key (`zh_cn`, `en_us`, ...), so
 * both are read. */
function postOf(content: string): z.infer<typeof PostBody> | undefined {
  const json = parseJson(content)
  if (typeof json !== 'object' || json === null) return undefined
  const record = json as Record<string, unknown>
  const direct = 'title' in record || 'content' in record
  const localized = ['zh_cn', 'en_us', 'ja_jp'].map((k) => record[k]).find((v) => v !== undefined)
  return PostBody.safeParse(direct ? record : (localized ?? Object.values(record)[0])).data
}

/** Text, links and @mentions count; images (taken as attachments), media, emoji and rules carry no words. */
function postText(post: z.infer<typeof PostBody>, mentions: FeishuMention[]): string {
  const lines = (post.content ?? []).map((paragraph) =>
    paragraph.map((el) => elementText(PostElement.safeParse(el).data, mentions)).join(''),
  )
  return [post.title ?? '', ...lines].filter((line) => line.trim() !== '').join('\n')
}

function elementText(el: z.infer<typeof PostElement> | undefined, mentions: FeishuMention[]): string {
  if (el?.tag === 'text') return el.text ?? ''
  if (el?.tag === 'a') return el.text ?? el.href ?? ''
  if (el?.tag !== 'at') return ''
  const who = el.user_id ?? ''
  if (who === 'all' || who === '@_all') return '@_all'
  // Received posts carry the `@_user_N` key; an open_id is mapped back to its key so it resolves the same way.
  const byOpenId = mentions.find((m) => m.id?.open_id === who)
  if (who.startsWith('@_') || byOpenId) return byOpenId?.key ?? who
  return el.user_name ? `@${el.user_name}` : ''
}

const BOT = '\uE000'

/**
 * Placeholders `@_user_N` stand for `message.mentions[]` (https://open.feishu.cn/document/server-docs/im-v1/message/intro):
 * the bot's own is removed, others become `@name`, `@_all` becomes 「@所有人」 text, never a mention.
 */
function resolveMentions(raw: string, list: FeishuMention[], botOpenId: string | undefined) {
  const mentions: Mention[] = []
  let mentionsBot = false
  const byKey = new Map<string, string>()
  for (const m of list) {
    const openId = m.id?.open_id
    if (m.key === '@_all' || openId === 'all') byKey.set(m.key, '@所有人')
    else if (botOpenId !== undefined && openId === botOpenId) {
      mentionsBot = true
      byKey.set(m.key, BOT)
    } else {
      byKey.set(m.key, `@${m.name ?? ''}`)
      if (openId) mentions.push({ userId: openId, name: m.name ?? '' })
    }
  }
  const text = raw
    .replaceAll(BOT, '')
    .replace(/@_user_\d+|@_all/g, (key) => byKey.get(key) ?? (key === '@_all' ? '@所有人' : key))
    .replace(/ ?\uE000 ?/g, ' ')
    .trim()
  return { text, mentions, mentionsBot }
}
