export type RateLimit = { commands: number; seconds: number }
export type RateVerdict = { kind: 'ok' } | { kind: 'warn'; retryInSeconds: number } | { kind: 'silent' }

/** Beyond this many people tracked, those idle for a whole window are forgotten (memory stays bounded). */
const SWEEP_AT = 10_000

/**
 * Commands per person in a sliding window (DESIGN §5), so one member cannot flood a group through the bot.
 * Over the limit the bot says so once, then stays silent until the window has room again: an answer to
 * every extra command would be the very flood it prevents. Kept in memory: per process on Node, per isolate
 * on Workers (a limit there is per isolate, which is enough to stop a script without a shared counter).
 */
export class UserRate {
  private readonly hits = new Map<string, number[]>()
  private readonly warned = new Map<string, number>()

  check(key: string, now: number, limit: RateLimit): RateVerdict {
    const windowMs = limit.seconds * 1_000
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs)
    if (recent.length >= limit.commands) {
      this.hits.set(key, recent)
      const warnedAt = this.warned.get(key)
      if (warnedAt !== undefined && warnedAt > now - windowMs) return { kind: 'silent' }
      this.warned.set(key, now)
      const frees = (recent[recent.length - limit.commands] as number) + windowMs
      return { kind: 'warn', retryInSeconds: Math.max(1, Math.ceil((frees - now) / 1_000)) }
    }
    recent.push(now)
    this.hits.set(key, recent)
    if (this.hits.size > SWEEP_AT) this.sweep(now - windowMs)
    return { kind: 'ok' }
  }

  private sweep(before: number) {
    for (const [key, times] of this.hits) if ((times[times.length - 1] ?? 0) <= before) this.hits.delete(key)
    for (const [key, at] of this.warned) if (at <= before) this.warned.delete(key)
  }
}
