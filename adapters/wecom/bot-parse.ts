import { z } from 'zod'
import type { Incoming } from '../../src/messages'
import { p2pChatId } from './parse'

/**
 * A decrypted callback of WeCom's 智能机器人 in API mode (接收消息,
 * https://developer.work.weixin.qq.com/document/path/100719): JSON with `msgid`, `aibotid`, `chattype`
 * (`single` | `group`), `chatid` (groups), `from.userid` (the same UserID the app sees), `response_url` and
 * `text.content`, which starts with the robot's @name. The app hears no group message (DESIGN §6), so this is
 * how group commands arrive. `response_url` answers the message once (主动回复消息 path/101138); it travels with
 * the message as `threadRef`, and only when it points at the WeCom API's own origin.
 */
const Callback = z.object({
  msgid: z.string().min(1),
  chattype: z.enum(['single', 'group']),
  chatid: z.string().optional(),
  from: z.object({ userid: z.string().min(1) }),
  response_url: z.string().optional(),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
})

export type BotParsed = { kind: 'message'; incoming: Incoming } | { kind: 'ignored'; reason: string }

/** The robot's own @name: the first mention in the text (the one WeCom delivered the message for). */
const stripBotMention = (content: string) => content.replace(/@\S+\s*/, '').trim()

export function parseWecomBot(body: unknown, apiRoot: string, receivedAt: number): BotParsed {
  const parsed = Callback.safeParse(body)
  if (!parsed.success) return { kind: 'ignored', reason: 'malformed smart-bot callback' }
  const m = parsed.data
  const group = m.chattype === 'group'
  if (group && !m.chatid) return { kind: 'ignored', reason: 'group message without chatid' }
  const userId = m.from.userid
  const origin = new URL(apiRoot).origin
  const replyUrl = m.response_url && safeOrigin(m.response_url) === origin ? m.response_url : undefined
  const incoming: Incoming = {
    platform: 'wecom',
    eventId: m.msgid,
    messageId: m.msgid,
    chatId: group ? (m.chatid as string) : p2pChatId(userId),
    chatType: group ? 'group' : 'p2p',
    userId,
    text: m.msgtype === 'text' ? stripBotMention(m.text?.content ?? '') : '',
    // WeCom hands the robot only the group messages that @ it.
    mentionsBot: group,
    ...(m.msgtype === 'text' ? {} : { unsupported: m.msgtype }),
    ...(group && replyUrl ? { threadRef: replyUrl } : {}),
    receivedAt,
  }
  return { kind: 'message', incoming }
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}
