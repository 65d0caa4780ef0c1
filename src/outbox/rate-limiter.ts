/**
 * Sliding-window limits: per platform per second and per minute, and per chat per second.
 * `reserve` answers how long to wait before the next send may go; the caller sleeps, then sends.
 */
export class RateLimiter {
  private readonly global: number[] = []
  private readonly perChat = new Map<string, number[]>()

  constructor(
    private readonly limits: { perSecond: number; perMinute?: number; perChatPerSecond?: number },
    private readonly scale = 1,
  ) {}

  /** Milliseconds to wait before a send to `chatKey` fits every window; 0 records it as sent now. */
  reserve(chatKey: string, now: number): number {
    const waits = [
      waitFor(this.global, 1_000, Math.floor(this.limits.perSecond * this.scale), now),
      this.limits.perMinute
        ? waitFor(this.global, 60_000, Math.floor(this.limits.perMinute * this.scale), now)
        : 0,
    ]
    let chat = this.perChat.get(chatKey)
    if (this.limits.perChatPerSecond) {
      if (!chat) {
        chat = []
        this.perChat.set(chatKey, chat)
      }
      waits.push(waitFor(chat, 1_000, Math.floor(this.limits.perChatPerSecond * this.scale), now))
    }
    const wait = Math.max(...waits)
    if (wait > 0) return wait
    this.global.push(now)
    if (chat) {
      chat.push(now)
      prune(chat, now - 1_000)
    }
    prune(this.global, now - 60_000)
    if (this.perChat.size > 10_000) this.perChat.clear()
    return 0
  }
}

function prune(times: number[], before: number) {
  let drop = 0
  while (drop < times.length && (times[drop] as number) <= before) drop++
  if (drop) times.splice(0, drop)
}

function waitFor(times: number[], windowMs: number, max: number, now: number): number {
  const limit = Math.max(1, max)
  let inWindow = 0
  let oldestInWindow = now
  for (let i = times.length - 1; i >= 0; i--) {
    const t = times[i] as number
    if (t <= now - windowMs) break
    inWindow++
    oldestInWindow = t
  }
  if (inWindow < limit) return 0
  // The send may go once the oldest of the last `limit` sends leaves the window.
  const idx = times.length - limit
  const pivot = idx >= 0 ? (times[idx] as number) : oldestInWindow
  return Math.max(1, pivot + windowMs - now)
}
