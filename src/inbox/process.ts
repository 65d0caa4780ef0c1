import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Card } from '../cards/card'
import type { Toast } from '../commands/command'
import { type Routed, type RouterDeps, routeAction, routeEvent, routeMessage } from '../commands/router'
import { perDb } from '../db/prepared'
import { inbox } from '../db/schema'
import type { Store } from '../db/store'
import { translate } from '../i18n'
import type { EventLine } from '../logger'
import { type CardAction, type ChatEvent, type Incoming, type Platform, text } from '../messages'
import { type Envelope, enqueue, pushEnvelope } from '../outbox/enqueue'

export type ProcessDeps = RouterDeps & {
  store: Store
  newId: () => string
  log: (msg: string, err?: unknown) => void
  /** The one line per processed event; absent where nobody reads it (tests, CLI tools). */
  logEvent?: (line: EventLine) => void
}

const rowQuery = perDb((db) =>
  db
    .select()
    .from(inbox)
    .where(eq(inbox.id, sql.placeholder('id')))
    .prepare(),
)

/** What an inbox row of an anonymous report keeps instead of the event. */
export const REDACTED_PAYLOAD = '{"redacted":true}'
/** Appended to the source of outbox rows whose recipient and text are blanked once sent (outbox/dispatcher.ts). */
export const REDACTED_SOURCE = ':redact'

/** How often a handler is re-run when a unique constraint shows it raced another writer. */
const MAX_ATTEMPTS = 3

function isAlreadyProcessed(err: unknown): boolean {
  return err instanceof Error && /inbox row already processed/.test(err.message)
}

/**
 * Routes one inbox row and commits, in one transaction, the handler's writes, its outbox rows and the
 * row's processed mark. A repeat finds the mark (a trigger refuses to set it twice) and changes nothing.
 */
export type Processed = { outcome: string; toast?: Toast; card?: Card }

export async function processInboxRow(deps: ProcessDeps, id: number, now: number): Promise<Processed> {
  const { db } = deps
  const [row] = await rowQuery(db).all({ id })
  if (!row || row.processedAt !== null) return { outcome: 'already-processed' }
  const event = JSON.parse(row.payload) as Incoming | CardAction | ChatEvent
  const source = `inbox:${id}`
  // Wall time on purpose: how long the work took, not when (the clock `now` may be a test's).
  const started = Date.now()
  for (let attempt = 1; ; attempt++) {
    let routed: Routed
    try {
      routed =
        row.kind === 'message'
          ? await routeMessage(deps, event as Incoming, now)
          : row.kind === 'action'
            ? await routeAction(deps, event as CardAction, now)
            : await routeEvent(deps, event as ChatEvent)
    } catch (err) {
      deps.log(`inbox ${id}: handler failed`, err)
      routed = {
        writes: [],
        replies: [text(translate(deps.defaultLocale, 'common.internal'))],
        outcome: 'error',
      }
    }
    const locale = deps.defaultLocale
    // In a group, an answer threads under the command that asked for it; in a forum topic, it stays in the topic.
    const threadRef = 'threadRef' in event ? event.threadRef : undefined
    const replyTo =
      row.kind === 'message' && 'text' in event && event.chatType === 'group'
        ? (threadRef ?? event.messageId)
        : threadRef
    const envelopes: Envelope[] = [
      ...routed.replies.map((reply) => ({
        to: { kind: 'chat' as const, id: event.chatId },
        reply,
        locale,
        replyTo,
      })),
      ...(routed.pushes ?? [])
        .filter((p) => (p.platform ?? event.platform) === event.platform)
        .map(pushEnvelope),
    ]
    const elsewhere = new Map<Platform, Envelope[]>()
    for (const p of routed.pushes ?? []) {
      if (!p.platform || p.platform === event.platform) continue
      elsewhere.set(p.platform, [...(elsewhere.get(p.platform) ?? []), pushEnvelope(p)])
    }
    // An anonymous report: in the same commit the row forgets its payload (sender, text) and message id (a
    // Feishu or Telegram message id leads back to the sender), and its outbox rows carry REDACTED_SOURCE so the
    // dispatcher blanks their recipient and text once they are delivered.
    const redact = routed.redact === true
    const forget = redact ? { payload: REDACTED_PAYLOAD, messageId: null } : {}
    const mark = db
      .update(inbox)
      .set({ processedAt: now, outcome: routed.outcome, ...forget })
      .where(eq(inbox.id, id))
    try {
      await deps.store.commit([
        ...routed.writes,
        ...enqueue(
          db,
          event.platform,
          redact ? `${source}${REDACTED_SOURCE}` : source,
          envelopes,
          now,
          deps.newId,
        ),
        ...[...elsewhere].flatMap(([platform, list]) =>
          enqueue(db, platform, `${source}:${platform}`, list, now, deps.newId),
        ),
        mark,
      ])
      deps.logEvent?.({
        inbox: id,
        event: row.eventId,
        platform: row.platform,
        kind: row.kind,
        outcome: routed.outcome,
        ms: Date.now() - started,
      })
      return { outcome: routed.outcome, toast: routed.toast, card: routed.card }
    } catch (err) {
      if (isAlreadyProcessed(err)) return { outcome: 'already-processed' }
      if (deps.store.isUniqueViolation(err) && attempt < MAX_ATTEMPTS) continue
      throw err
    }
  }
}

/** Inbox rows accepted but not processed (a crash between the answer and the commit); oldest first. */
export async function unprocessedIds(
  deps: Pick<ProcessDeps, 'db'>,
  afterId: number,
  limit: number,
): Promise<number[]> {
  const rows = await deps.db
    .select({ id: inbox.id })
    .from(inbox)
    .where(and(isNull(inbox.processedAt), gt(inbox.id, afterId)))
    .orderBy(asc(inbox.id))
    .limit(limit)
  return rows.map((r) => r.id)
}
