import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Card } from '../cards/card'
import type { Toast } from '../commands/command'
import { type Routed, type RouterDeps, routeAction, routeEvent, routeMessage } from '../commands/router'
import { perDb } from '../db/prepared'
import { inbox } from '../db/schema'
import type { Store } from '../db/store'
import { translate } from '../i18n'
import { type CardAction, type ChatEvent, type Incoming, type Platform, text } from '../messages'
import { type Envelope, enqueue, pushEnvelope } from '../outbox/enqueue'

export type ProcessDeps = RouterDeps & {
  store: Store
  newId: () => string
  log: (msg: string, err?: unknown) => void
}

const rowQuery = perDb((db) =>
  db
    .select()
    .from(inbox)
    .where(eq(inbox.id, sql.placeholder('id')))
    .prepare(),
)

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
    const mark = db.update(inbox).set({ processedAt: now, outcome: routed.outcome }).where(eq(inbox.id, id))
    try {
      await deps.store.commit([
        ...routed.writes,
        ...enqueue(db, event.platform, source, envelopes, now, deps.newId),
        ...[...elsewhere].flatMap(([platform, list]) =>
          enqueue(db, platform, `${source}:${platform}`, list, now, deps.newId),
        ),
        mark,
      ])
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
