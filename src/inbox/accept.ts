import { sql } from 'drizzle-orm'
import { perDb } from '../db/prepared'
import { inbox } from '../db/schema'
import type { Db, Store } from '../db/store'
import type { CardAction, ChatEvent, Incoming } from '../messages'

export type Accepted = { id: number; duplicate: false } | { duplicate: true }

const insertInto = (db: Db) =>
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
const insertFor = perDb((db) => insertInto(db).returning({ id: inbox.id }).prepare())
/**
 * The same insert for a synchronous driver, without RETURNING: better-sqlite3's run result has the new rowid,
 * and drizzle maps no result row (the mapping was a tenth of the insert's CPU in bench:feishu's profile).
 */
const runFor = perDb((db) => insertInto(db).prepare())
type RunResult = { changes: number; lastInsertRowid: number | bigint }

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
  const run = store.runInTransaction
  if (!run) return (event) => accept(store.db, event)
  const waiting: Waiting[] = []
  const flush = () => {
    const batch = waiting.splice(0)
    const insert = runFor(store.db)
    try {
      const results = run(() =>
        batch.map((w): Accepted => {
          const { changes, lastInsertRowid } = insert.run(rowOf(w.event)) as unknown as RunResult
          return changes > 0 ? { id: Number(lastInsertRowid), duplicate: false } : { duplicate: true }
        }),
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
