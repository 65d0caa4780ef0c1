import { type Core, receive, receiveDeferred } from '../../src/core'
import type { Incoming } from '../../src/messages'
import { renderCard } from './cards'
import { parseFeishu } from './parse'

/** What Feishu reads in our answer: the challenge, a card-callback toast and card, or nothing. */
export type FeishuAnswer =
  | { challenge: string }
  | { toast?: { type: string; content: string }; card?: { type: 'raw'; data: object } }
  | Record<string, never>

/**
 * The one door for every Feishu transport (webhook, long connection): a verified event body goes into the
 * inbox and the answer goes back. Messages are processed after the answer; a card click is answered with
 * its toast and card, which Feishu needs within 3 s (local and fast, so it is processed at once).
 */
export async function acceptFeishu(
  core: Core,
  body: Record<string, unknown>,
  botOpenId: string | undefined,
): Promise<FeishuAnswer> {
  const parsed = parseFeishu(body, botOpenId, core.clock())
  switch (parsed.kind) {
    case 'challenge':
      return { challenge: parsed.challenge }
    case 'message':
      await receiveDeferred(core, parsed.incoming)
      return {}
    case 'unsupported': {
      const incoming: Incoming = {
        platform: 'feishu',
        eventId: parsed.eventId,
        messageId: parsed.messageId,
        chatId: parsed.chatId,
        chatType: parsed.chatType,
        userId: parsed.userId,
        text: '',
        mentionsBot: false,
        unsupported: parsed.msgType,
        receivedAt: core.clock(),
      }
      await receiveDeferred(core, incoming)
      return {}
    }
    case 'botAdded':
      await receiveDeferred(core, {
        platform: 'feishu',
        eventId: parsed.eventId,
        kind: 'botAdded',
        chatId: parsed.chatId,
        receivedAt: core.clock(),
      })
      return {}
    case 'action': {
      const result = await receive(core, parsed.action)
      if (result.duplicate) return {}
      return {
        ...(result.toast ? { toast: { type: result.toast.kind, content: result.toast.text } } : {}),
        ...(result.card ? { card: { type: 'raw' as const, data: renderCard(result.card) } } : {}),
      }
    }
    case 'ignored':
      return {}
  }
}
