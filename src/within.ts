import { PlatformError } from './errors'
import type { Platform } from './messages'

/**
 * Runs `work` with a signal that aborts after `ms`, and clears the timer as soon as the work settles.
 * `AbortSignal.timeout` keeps its timer after the call is done: it fires for every request, finished or not,
 * and builds a DOMException with a stack each time (bench:feishu's profile: 3% of the webhook's main thread
 * under load went to the timers of sends made seconds earlier).
 */
export async function within<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ms,
  )
  try {
    return await work(controller.signal)
  } finally {
    clearTimeout(timer)
  }
}

/**
 * A platform API call: the fetch and the reading of its body as text, both within `ms`. No answer at all
 * (refused, reset, timed out) is a PlatformError with status 0, `<platform> <call> got no answer (<why>)`, which
 * the outbox retries.
 */
export async function fetchTextWithin(
  who: { platform: Platform; call: string },
  doFetch: typeof fetch,
  url: string,
  init: RequestInit,
  ms: number,
): Promise<{ res: Response; text: string }> {
  try {
    return await within(ms, async (signal) => {
      const res = await doFetch(url, { ...init, signal })
      return { res, text: await res.text() }
    })
  } catch (err) {
    const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err)
    throw new PlatformError(who.platform, 0, {
      message: `${who.platform} ${who.call} got no answer (${why})`,
    })
  }
}
