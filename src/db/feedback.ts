import { and, eq, lt, sql } from 'drizzle-orm'
import { feedbackQuota } from './schema'
import type { Db, Write } from './store'

/**
 * Who stands behind the daily report limit: an HMAC-SHA256 of the account under FEEDBACK_SALT and the day, so
 * the table says only "someone filed n reports today"; without the salt nobody can tell whose key it is, and a
 * key changes every day. Web Crypto runs on Node and Workers alike.
 */
export async function quotaKey(salt: string, account: string, day: string): Promise<string> {
  const enc = new TextEncoder()
  const key = await crypto.subtle.importKey(
    'raw',
    enc.encode(salt),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, enc.encode(`${account}\n${day}`))
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

export async function reportsToday(db: Db, keyHash: string, day: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(feedbackQuota)
    .where(and(eq(feedbackQuota.keyHash, keyHash), eq(feedbackQuota.day, day)))
  return Number(row?.n ?? 0)
}

/**
 * One more report today under this key. Two reports racing from one sender both write `used + 1`; the primary
 * key refuses one and its handler is re-run. Earlier days' keys go: they limit nothing any more.
 */
export const countReport = (db: Db, keyHash: string, day: string, used: number): Write[] => [
  db.delete(feedbackQuota).where(lt(feedbackQuota.day, day)),
  db.insert(feedbackQuota).values({ keyHash, day, seq: used + 1 }),
]
