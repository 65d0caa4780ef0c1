import { and, asc, eq, lte, sql } from 'drizzle-orm'
import { outbox } from '../db/schema'
import type { Db } from '../db/store'
import type { Locale } from '../i18n'
import type { Platform, Reply } from '../messages'
import { sendableBy } from './file-reply'
import type { Outbound } from './outbound'
import { RateLimiter } from './rate-limiter'
import { retryDecision } from './retry'

export type DispatcherDeps = {
  db: Db
  outbounds: ReadonlyMap<Platform, Outbound>
  now: () => number
  sleep: (ms: number) => Promise<void>
  rateScale: number
  log: (msg: string, err?: unknown) => void
  /** Claim each row before sending it: needed where other dispatchers drain the same outbox (Workers). */
  claimRows?: boolean
}

export type DrainReport = { sent: number; retried: number; dead: number }

const MAX_IN_FLIGHT = 16

/** inbox/process.ts REDACTED_SOURCE: replies to an anonymous reporter. */
const REDACTED = ':redact'
/**
 * Once such a row is sent (or dead) it keeps no recipient, thread or text, in the same statement that marks it,
 * so nothing stored links the reporter's chat to the report's tracking number after delivery.
 */
const forgetRedacted = {
  targetId: sql`CASE WHEN ${outbox.source} LIKE '%${sql.raw(REDACTED)}' THEN '' ELSE ${outbox.targetId} END`,
  replyTo: sql`CASE WHEN ${outbox.source} LIKE '%${sql.raw(REDACTED)}' THEN NULL ELSE ${outbox.replyTo} END`,
  reply: sql`CASE WHEN ${outbox.source} LIKE '%${sql.raw(REDACTED)}' THEN '{"kind":"text","text":""}' ELSE ${outbox.reply} END`,
}
/**
 * How long a claimed row belongs to the dispatcher that claimed it. Two Worker invocations may drain the same
 * outbox at once; the claim (a conditional update) lets only one send a row. A single Node process has no
 * rival and skips it (one write fewer per message). A dispatcher that dies holding a
 * claim leaves the row due again after this long: sent at least once, never lost.
 */
export const LEASE_MS = 60_000

/** Rows changed by a run: better-sqlite3 says `changes`, D1 says `meta.changes`. */
function changesOf(result: unknown): number {
  const r = result as { changes?: number; meta?: { changes?: number } }
  return r.changes ?? r.meta?.changes ?? 0
}
/** A longer wait (a Telegram group's 20 a minute, a per-minute ceiling) puts the row back until its window opens
 * rather than holding up every other chat behind it; shorter ones (one chat's per-second share) are slept. */
const MAX_INLINE_WAIT_MS = 1_000

/** Sends due outbox rows through each platform's Outbound, within its limits, retrying with backoff. */
export class Dispatcher {
  private readonly limiters = new Map<Platform, RateLimiter>()
  private readonly inFlight = new Set<string>()

  constructor(private readonly deps: DispatcherDeps) {
    for (const [platform, out] of deps.outbounds)
      this.limiters.set(platform, new RateLimiter(out.limits, deps.rateScale))
  }

  private prepared?: ReturnType<typeof this.buildDueQuery>

  private buildDueQuery() {
    return (
      this.deps.db
        .select()
        .from(outbox)
        // A literal, not a bound parameter: SQLite uses the partial index `outbox_due` only then.
        .where(and(sql`${outbox.status} = 'pending'`, lte(outbox.nextAttemptAt, sql.placeholder('now'))))
        .orderBy(asc(outbox.nextAttemptAt), asc(outbox.createdAt), asc(outbox.seq))
        .limit(sql.placeholder('limit'))
        .prepare()
    )
  }

  private preparedSent?: ReturnType<typeof this.buildSentUpdate>

  /** Once per message sent, so prepared once (a statement built per call costs more than the update itself). */
  private buildSentUpdate() {
    return this.deps.db
      .update(outbox)
      .set({
        status: 'sent',
        attempts: sql`${sql.placeholder('attempts')}`,
        sentAt: sql`${sql.placeholder('sentAt')}`,
        lastError: null,
        ...forgetRedacted,
        // The platform's id of the reply would lead back to the reporter's chat through its API.
        platformMessageId: sql`CASE WHEN ${outbox.source} LIKE '%${sql.raw(REDACTED)}' THEN NULL ELSE ${sql.placeholder('platformMessageId')} END`,
      })
      .where(eq(outbox.id, sql.placeholder('id')))
      .prepare()
  }

  private dueQuery() {
    this.prepared ??= this.buildDueQuery()
    return this.prepared
  }

  /** One pass over what is due now; bounded by `limit` so a Worker invocation stays small. */
  async drain(limit = 500): Promise<DrainReport> {
    const due = await this.dueQuery().all({ now: this.deps.now(), limit })
    const report: DrainReport = { sent: 0, retried: 0, dead: 0 }
    const running = new Set<Promise<void>>()
    for (const row of due) {
      if (this.inFlight.has(row.id)) continue
      const out = this.deps.outbounds.get(row.platform as Platform)
      if (!out) continue
      const limiter = this.limiters.get(out.platform) as RateLimiter
      let wait = limiter.reserve(row.targetId, this.deps.now())
      while (wait > 0 && wait <= MAX_INLINE_WAIT_MS) {
        await this.deps.sleep(wait)
        wait = limiter.reserve(row.targetId, this.deps.now())
      }
      if (wait > 0) {
        // Not an attempt: the row waits for its window, and the chats behind it go on.
        await this.deps.db
          .update(outbox)
          .set({ nextAttemptAt: this.deps.now() + wait })
          .where(eq(outbox.id, row.id))
        continue
      }
      if (this.deps.claimRows && !(await this.claim(row))) continue
      this.inFlight.add(row.id)
      const job = this.sendOne(out, row, report).finally(() => {
        this.inFlight.delete(row.id)
        running.delete(job)
      })
      running.add(job)
      if (running.size >= MAX_IN_FLIGHT) await Promise.race(running)
    }
    await Promise.all(running)
    return report
  }

  /** Takes the row for this pass unless another dispatcher took it since it was read. */
  private async claim(row: typeof outbox.$inferSelect): Promise<boolean> {
    const result = await this.deps.db
      .update(outbox)
      .set({ nextAttemptAt: this.deps.now() + LEASE_MS })
      .where(
        and(
          eq(outbox.id, row.id),
          sql`${outbox.status} = 'pending'`,
          eq(outbox.nextAttemptAt, row.nextAttemptAt),
        ),
      )
      .run()
    return changesOf(result) === 1
  }

  private async sendOne(out: Outbound, row: typeof outbox.$inferSelect, report: DrainReport): Promise<void> {
    const { db } = this.deps
    const attempt = row.attempts + 1
    try {
      const sent = await out.send({
        id: row.id,
        target: { kind: row.targetKind, id: row.targetId },
        replyTo: row.replyTo ?? undefined,
        reply: sendableBy(out, JSON.parse(row.reply) as Reply, row.locale as Locale),
        locale: row.locale as Locale,
        attempt,
      })
      this.preparedSent ??= this.buildSentUpdate()
      await this.preparedSent.run({
        id: row.id,
        attempts: attempt,
        sentAt: this.deps.now(),
        platformMessageId: sent?.platformMessageId ?? null,
      })
      report.sent++
    } catch (err) {
      const decision = retryDecision(err, attempt)
      const lastError = err instanceof Error ? err.message : String(err)
      if (decision.retry) {
        report.retried++
        await db
          .update(outbox)
          .set({ attempts: attempt, nextAttemptAt: this.deps.now() + decision.delayMs, lastError })
          .where(eq(outbox.id, row.id))
      } else {
        report.dead++
        const to = row.source.endsWith(REDACTED) ? 'an anonymous reporter' : `${row.platform}:${row.targetId}`
        this.deps.log(`outbox ${row.id} to ${to} is dead: ${decision.reason}`)
        await db
          .update(outbox)
          .set({ status: 'dead', attempts: attempt, lastError, ...forgetRedacted })
          .where(eq(outbox.id, row.id))
      }
    }
  }
}
