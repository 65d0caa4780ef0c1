import { z } from 'zod'
import type { CardAction, Incoming } from '../../src/messages'
import { decodeButtonKey } from './cards'

/**
 * A decrypted WeCom callback (its inner XML, as an object) → what the bot does with it.
 * Messages: 消息格式 https://developer.work.weixin.qq.com/document/path/90239 (ToUserName = the corp id,
 * FromUserName = the member's UserID, MsgId, AgentID). Events: 事件格式 path/90376, where a click on a
 * template card button is `Event = template_card_event` with `EventKey` (the button's key), `TaskId` and the
 * `ResponseCode` that lets the card be updated once.
 * A self-built app receives only what members send to it in private (DESIGN §6), so every message is p2p;
 * its chat id is `p2p:<UserID>`, which the outbound sends back to that member with message/send.
 */
export type Parsed =
  | { kind: 'message'; incoming: Incoming }
  | { kind: 'action'; action: CardAction; responseCode?: string }
  | { kind: 'ignored'; reason: string }

const P2P = 'p2p:'
export const p2pChatId = (userId: string) => `${P2P}${userId}`
export const memberOfChat = (chatId: string) =>
  chatId.startsWith(P2P) ? chatId.slice(P2P.length) : undefined

const Common = z.object({
  ToUserName: z.string(),
  FromUserName: z.string().min(1),
  CreateTime: z.string().regex(/^\d+$/),
  MsgType: z.string(),
  AgentID: z.string().optional(),
})
const Text = Common.extend({ Content: z.string(), MsgId: z.string().min(1) })
const CardEvent = Common.extend({
  Event: z.literal('template_card_event'),
  EventKey: z.string(),
  TaskId: z.string(),
  ResponseCode: z.string().optional(),
})

const ignored = (reason: string): Parsed => ({ kind: 'ignored', reason })

export function parseWecom(xml: Record<string, unknown>, agentId: number, receivedAt: number): Parsed {
  const common = Common.safeParse(xml)
  if (!common.success) return ignored('malformed callback: FromUserName / CreateTime / MsgType missing')
  const { FromUserName: userId, MsgType: type, AgentID } = common.data
  if (AgentID !== undefined && AgentID !== String(agentId))
    return ignored(`for another app (AgentID ${AgentID})`)
  const chat = { chatId: p2pChatId(userId), chatType: 'p2p' as const, userId }
  if (type === 'text') {
    const text = Text.safeParse(xml)
    if (!text.success) return ignored('malformed text message')
    const { MsgId, Content } = text.data
    const incoming: Incoming = {
      platform: 'wecom',
      eventId: MsgId,
      messageId: MsgId,
      ...chat,
      text: Content.trim(),
      mentionsBot: false,
      receivedAt,
    }
    return { kind: 'message', incoming }
  }
  if (type === 'event') {
    const card = CardEvent.safeParse(xml)
    if (!card.success) return ignored(`event ${String(xml.Event ?? '')} is not handled`)
    const { EventKey, TaskId, ResponseCode, CreateTime } = card.data
    const button = decodeButtonKey(EventKey)
    if (!button) return ignored('card click without our action|value key')
    // Events carry no MsgId: deduped on who, when and which event (DESIGN §6), and which card.
    const eventId = `${userId}:${CreateTime}:template_card_event:${TaskId}`
    const action: CardAction = {
      platform: 'wecom',
      eventId,
      messageId: TaskId,
      ...chat,
      ...button,
      receivedAt,
    }
    return { kind: 'action', action, ...(ResponseCode ? { responseCode: ResponseCode } : {}) }
  }
  // Images, voice, files and the rest: the member gets the hint that only text is understood.
  const msgId = typeof xml.MsgId === 'string' ? xml.MsgId : undefined
  if (!msgId) return ignored(`message type ${type} without MsgId`)
  return {
    kind: 'message',
    incoming: {
      platform: 'wecom',
      eventId: msgId,
      messageId: msgId,
      ...chat,
      text: '',
      mentionsBot: false,
      unsupported: type,
      receivedAt,
    },
  }
}
