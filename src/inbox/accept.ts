import { sql } from 'drizzle-orm'
import { perDb } from '../db/prepared'
import { inbox } from '../db/schema'
import type { Db, Store } from '../db/store'
import type { CardAction, ChatEvent, Incoming } from '../messages'

export type Accepted = { id: number; duplicate: false } | { duplicate: true }

const insertFor = perDb((db) =>
  db
    .insert(inbox)
    .values({
      platform: sql.placeholder('platform'),
      eventId: sql.placeholder('eventId'),
      messageId: sql.placeholder('messageId'),
      kind: sql.placeholder('kind'),
      payload: sql.placeholder('payload'),
      receivedAt: sql.placeholder('receivedAt'),
    })
    .onConflictDoNothing()
    .returning({ id: inbox.id })
    .prepare(),
)

function rowOf(event: Incoming | CardAction | ChatEvent) {
  const isMessage = 'text' in event
  return {
    platform: event.platform,
    eventId: event.eventId,
    messageId: isMessage ? event.messageId : null,
    kind: isMessage ? 'message' : 'action' in event ? 'action' : 'event',
    payload: JSON.stringify(event),
    receivedAt: event.receivedAt,
  }
}

const answer = (rows: { id: number }[]): Accepted =>
  rows[0] ? { id: rows[0].id, duplicate: false } : { duplicate: true }

/**
 * Writes the event to the inbox before anyone answers the platform. A repeat (same event id, or for
 * messages the same message id) finds the unique index and stops here.
 */
export async function accept(db: Db, event: Incoming | CardAction | ChatEvent): Promise<Accepted> {
  return answer(await insertFor(db).all(rowOf(event)))
}

/**
 * Writes events to the inbox in ONE transaction of a synchronous driver (better-sqlite3): the group commit
 * below, and Node's Feishu verify thread on its own connection to the same file (adapters/feishu/verify-worker.ts).
 */
export function acceptAll(
  store: Pick<Store, 'db'> & Required<Pick<Store, 'runInTransaction'>>,
  events: (Incoming | CardAction | ChatEvent)[],
): Accepted[] {
  const insert = insertFor(store.db)
  return store.runInTransaction(() =>
    events.map((event) => answer(insert.all(rowOf(event)) as { id: number }[])),
  )
}

const { setImmediate } = globalThis as { setImmediate?: (fn: () => void) => void }
/** After the I/O callbacks of this turn: the requests that arrived together are in the queue by then. */
const afterThisTurn = (fn: () => void) => (setImmediate ? setImmediate(fn) : setTimeout(fn, 0))

type Waiting = {
  event: Incoming | CardAction | ChatEvent
  resolve: (a: Accepted) => void
  reject: (e: unknown) => void
}

/**
 * Group commit for a synchronous driver: the events that arrive in one turn of the event loop are written in
 * one transaction at the end of it, and each is answered only after that commit. A commit per event was a
 * quarter of the webhook's CPU under load (bench:feishu profile).
 */
export function groupCommitAccept(
  store: Store,
): (event: Incoming | CardAction | ChatEvent) => Promise<Accepted> {
  const { db, runInTransaction } = store
  if (!runInTransaction) return (event) => accept(db, event)
  const waiting: Waiting[] = []
  const flush = () => {
    const batch = waiting.splice(0)
    try {
      const results = acceptAll(
        { db, runInTransaction },
        batch.map((w) => w.event),
      )
      for (const [i, w] of batch.entries()) w.resolve(results[i] as Accepted)
    } catch (err) {
      for (const w of batch) w.reject(err)
    }
  }
  return (event) =>
    new Promise<Accepted>((resolve, reject) => {
      waiting.push({ event, resolve, reject })
      if (waiting.length === 1) afterThisTurn(flush)
    })
}
