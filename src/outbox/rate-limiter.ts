import type { SendLimits } from './outbound'

/**
 * Sliding-window limits: per platform per second and per minute, per chat per second, and per group chat
 * per minute.
 * `reserve` answers how long to wait before the next send may go; 0 records it as sent now.
 */
export class RateLimiter {
  /** Send times of the last minute, oldest first. */
  private readonly global: number[] = []
  private readonly perChat = new Map<string, number[]>()
  private readonly perSecond: number
  private readonly perMinute: number
  private readonly perChatPerSecond: number
  private readonly perGroupPerMinute: number
  private readonly isGroup: (chatKey: string) => boolean

  constructor(limits: SendLimits, scale = 1) {
    const scaled = (n: number | undefined) =>
      n === undefined ? Number.POSITIVE_INFINITY : Math.max(1, Math.floor(n * scale))
    this.perSecond = scaled(limits.perSecond)
    this.perMinute = scaled(limits.perMinute)
    this.perChatPerSecond = scaled(limits.perChatPerSecond)
    this.perGroupPerMinute = scaled(limits.perGroupPerMinute)
    this.isGroup = limits.isGroup ?? (() => true)
  }

  reserve(chatKey: string, now: number): number {
    if (this.perSecond === Number.POSITIVE_INFINITY && this.perMinute === Number.POSITIVE_INFINITY) return 0
    const chat = this.perChat.get(chatKey)
    const group = this.perGroupPerMinute !== Number.POSITIVE_INFINITY && this.isGroup(chatKey)
    const wait = Math.max(
      waitFor(this.global, 1_000, this.perSecond, now),
      waitFor(this.global, 60_000, this.perMinute, now),
      chat ? waitFor(chat, 1_000, this.perChatPerSecond, now) : 0,
      chat && group ? waitFor(chat, 60_000, this.perGroupPerMinute, now) : 0,
    )
    if (wait > 0) return wait
    this.global.push(now)
    dropBefore(this.global, now - 60_000)
    if (this.perChatPerSecond !== Number.POSITIVE_INFINITY || group) {
      const times = chat ?? []
      times.push(now)
      dropBefore(times, now - (group ? 60_000 : 1_000))
      this.perChat.set(chatKey, times)
      if (this.perChat.size > 10_000) this.forgetIdleChats(now)
    }
    return 0
  }

  private forgetIdleChats(now: number) {
    for (const [key, times] of this.perChat) if ((times.at(-1) ?? 0) <= now - 60_000) this.perChat.delete(key)
  }
}

function dropBefore(times: number[], cutoff: number) {
  let drop = 0
  while (drop < times.length && (times[drop] as number) <= cutoff) drop++
  if (drop) times.splice(0, drop)
}

/** With sorted send times, the `limit`-th newest decides: once it leaves the window, one more may go. */
function waitFor(times: number[], windowMs: number, limit: number, now: number): number {
  if (times.length < limit) return 0
  const pivot = times[times.length - limit] as number
  return pivot <= now - windowMs ? 0 : pivot + windowMs - now
}
