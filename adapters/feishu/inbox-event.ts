import type { ChatEvent, Incoming } from '../../src/messages'
import type { Parsed } from './parse'

/**
 * What a parsed event puts in the inbox to be processed after the answer: a message (a hint for one we cannot
 * read) or the bot's arrival in a group. Undefined for the rest: a challenge, a card click (processed before
 * the answer), an ignored event.
 */
export function deferredEventOf(parsed: Parsed, receivedAt: number): Incoming | ChatEvent | undefined {
  switch (parsed.kind) {
    case 'message':
      return parsed.incoming
    case 'unsupported':
      return {
        platform: 'feishu',
        eventId: parsed.eventId,
        messageId: parsed.messageId,
        chatId: parsed.chatId,
        chatType: parsed.chatType,
        userId: parsed.userId,
        text: '',
        mentionsBot: false,
        unsupported: parsed.msgType,
        receivedAt,
      }
    case 'botAdded':
      return {
        platform: 'feishu',
        eventId: parsed.eventId,
        kind: 'botAdded',
        chatId: parsed.chatId,
        receivedAt,
      }
    default:
      return undefined
  }
}
