import { z } from 'zod'
import type { CardAction, Incoming } from '../../src/messages'
import { parseClick } from './cards'

/**
 * A robot callback body (HTTP mode and Stream mode carry the same JSON; 接收消息
 * https://open.dingtalk.com/document/orgapp/receive-message): `msgId`, `conversationType` ("1" 单聊, "2" 群聊),
 * `conversationId` (the group's openConversationId), `senderStaffId` (the member's userId in the org),
 * `senderNick`, `isInAtList`, `text.content` (without the robot's @), `robotCode`, `createAt`.
 * A group delivers only messages that @ the robot. A private chat's id is `p2p:<userId>`, which the outbound
 * sends back to that member. Other @mentions carry no names (`atUsers` holds ids only), so none are passed on.
 */
export type Parsed =
  | { kind: 'message'; incoming: Incoming }
  | { kind: 'action'; action: CardAction }
  | { kind: 'ignored'; reason: string }

const P2P = 'p2p:'
export const p2pChatId = (userId: string) => `${P2P}${userId}`
export const memberOfChat = (chatId: string) =>
  chatId.startsWith(P2P) ? chatId.slice(P2P.length) : undefined

const Callback = z.object({
  msgId: z.string().min(1),
  msgtype: z.string(),
  conversationType: z.enum(['1', '2']),
  conversationId: z.string().min(1),
  senderStaffId: z.string().optional(),
  senderNick: z.string().optional(),
  isInAtList: z.boolean().optional(),
  robotCode: z.string().optional(),
  text: z.object({ content: z.string() }).optional(),
})

const ignored = (reason: string): Parsed => ({ kind: 'ignored', reason })

export function parseDingtalk(body: unknown, robotCode: string, receivedAt: number): Parsed {
  const parsed = Callback.safeParse(body)
  if (!parsed.success)
    return ignored('malformed robot callback: msgId / conversationType / conversationId missing')
  const m = parsed.data
  if (m.robotCode !== undefined && m.robotCode !== robotCode)
    return ignored(`for another robot (${m.robotCode})`)
  // A person outside the org (no staff id) cannot be bound to the roster, nor written to privately.
  if (!m.senderStaffId) return ignored('sender is not a member of the organisation (no senderStaffId)')
  const userId = m.senderStaffId
  const group = m.conversationType === '2'
  const where = {
    chatId: group ? m.conversationId : p2pChatId(userId),
    chatType: group ? ('group' as const) : ('p2p' as const),
    userId,
  }
  const text = m.msgtype === 'text' ? (m.text?.content ?? '').trim() : ''
  const click = m.msgtype === 'text' ? parseClick(text) : undefined
  if (click) {
    const action: CardAction = {
      platform: 'dingtalk',
      eventId: m.msgId,
      messageId: m.msgId,
      ...where,
      ...click,
      receivedAt,
    }
    return { kind: 'action', action }
  }
  const incoming: Incoming = {
    platform: 'dingtalk',
    eventId: m.msgId,
    messageId: m.msgId,
    ...where,
    ...(m.senderNick ? { userName: m.senderNick } : {}),
    text,
    // In a group the robot is only ever told of messages that @ it.
    mentionsBot: group && m.isInAtList !== false,
    ...(m.msgtype === 'text' ? {} : { unsupported: m.msgtype }),
    receivedAt,
  }
  return { kind: 'message', incoming }
}
