import { type Core, receive, receiveDeferred } from '../../src/core'
import { renderCard } from './cards'
import { deferredEventOf } from './inbox-event'
import { type Parsed, parseFeishu } from './parse'

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
  return acceptParsed(core, parseFeishu(body, botOpenId, core.clock()))
}

/** The same for an event already parsed (where it was verified and parsed off the main thread). */
export async function acceptParsed(core: Core, parsed: Parsed): Promise<FeishuAnswer> {
  const deferred = deferredEventOf(parsed, core.clock())
  if (deferred) {
    await receiveDeferred(core, deferred)
    return {}
  }
  switch (parsed.kind) {
    case 'challenge':
      return { challenge: parsed.challenge }
    case 'action': {
      const result = await receive(core, parsed.action)
      if (result.duplicate) return {}
      return {
        ...(result.toast ? { toast: { type: result.toast.kind, content: result.toast.text } } : {}),
        ...(result.card ? { card: { type: 'raw' as const, data: renderCard(result.card) } } : {}),
      }
    }
    default:
      return {}
  }
}
