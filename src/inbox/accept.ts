import { inbox } from '../db/schema'
import type { Db } from '../db/store'
import type { CardAction, Incoming } from '../messages'

export type Accepted = { id: number; duplicate: false } | { duplicate: true }

/**
 * Writes the event to the inbox before anyone answers the platform. A repeat (same event id, or for
 * messages the same message id) finds the unique index and stops here.
 */
export async function accept(db: Db, event: Incoming | CardAction): Promise<Accepted> {
  const isMessage = 'text' in event
  const rows = await db
    .insert(inbox)
    .values({
      platform: event.platform,
      eventId: event.eventId,
      messageId: isMessage ? event.messageId : null,
      kind: isMessage ? 'message' : 'action',
      payload: JSON.stringify(event),
      receivedAt: event.receivedAt,
    })
    .onConflictDoNothing()
    .returning({ id: inbox.id })
  const row = rows[0]
  return row ? { id: row.id, duplicate: false } : { duplicate: true }
}
