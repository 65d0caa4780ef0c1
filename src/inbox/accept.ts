import { sql } from 'drizzle-orm'
import { inbox } from '../db/schema'
import type { Db } from '../db/store'
import type { CardAction, ChatEvent, Incoming } from '../messages'

export type Accepted = { id: number; duplicate: false } | { duplicate: true }

const insertQuery = (db: Db) =>
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
    .prepare()

const prepared = new WeakMap<Db, ReturnType<typeof insertQuery>>()

/**
 * Writes the event to the inbox before anyone answers the platform. A repeat (same event id, or for
 * messages the same message id) finds the unique index and stops here.
 */
export async function accept(db: Db, event: Incoming | CardAction | ChatEvent): Promise<Accepted> {
  let insert = prepared.get(db)
  if (!insert) {
    insert = insertQuery(db)
    prepared.set(db, insert)
  }
  const isMessage = 'text' in event
  const rows = await insert.all({
    platform: event.platform,
    eventId: event.eventId,
    messageId: isMessage ? event.messageId : null,
    kind: isMessage ? 'message' : 'action' in event ? 'action' : 'event',
    payload: JSON.stringify(event),
    receivedAt: event.receivedAt,
  })
  const row = rows[0]
  return row ? { id: row.id, duplicate: false } : { duplicate: true }
}
