import type { Push } from '../commands/command'
import { outbox } from '../db/schema'
import type { Db, Write } from '../db/store'
import type { Locale } from '../i18n'
import type { Platform, Reply } from '../messages'
import { withinFileLimit } from './file-reply'

export type OutboxTarget = { kind: 'chat' | 'user'; id: string }

/** `notBefore`: a personal push held later than the source's own time (the member is on shift or resting). */
export type Envelope = {
  to: OutboxTarget
  reply: Reply
  locale: Locale
  replyTo?: string
  notBefore?: number
}

/**
 * Outbox rows for one source (an inbox event or a job slot), numbered so that a second attempt to write
 * the same source collides on (source, seq) instead of queueing the replies twice.
 */
export function enqueue(
  db: Db,
  platform: Platform,
  source: string,
  envelopes: Envelope[],
  now: number,
  newId: () => string,
  notBefore = now,
): Write[] {
  return envelopes.map((e, seq) =>
    db.insert(outbox).values({
      id: newId(),
      platform,
      targetKind: e.to.kind,
      targetId: e.to.id,
      replyTo: e.replyTo ?? null,
      reply: JSON.stringify(withinFileLimit(e.reply, e.locale)),
      locale: e.locale,
      source,
      seq,
      status: 'pending',
      nextAttemptAt: Math.max(notBefore, e.notBefore ?? notBefore),
      createdAt: now,
    }),
  )
}

export const pushEnvelope = (p: Push): Envelope => ({ to: p.to, reply: p.reply, locale: p.locale })
