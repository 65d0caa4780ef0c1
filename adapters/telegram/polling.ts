import { Api } from 'grammy'
import { PlatformError } from '../../src/errors'
import { call } from './client'
import { acceptTelegram, type TelegramDoor } from './handle'

/** The update kinds the bot reads; asking for no others saves traffic (https://core.telegram.org/bots/api#getupdates). */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const

export type PollingOptions = {
  /** Long-poll wait per getUpdates call; Telegram holds the request open up to this long. */
  pollSeconds?: number
  log: (msg: string, err?: unknown) => void
}

const MAX_BACKOFF_MS = 60_000

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    const wake = () => {
      clearTimeout(timer)
      resolve()
    }
    signal.addEventListener('abort', wake, { once: true })
  })
}

/**
 * TELEGRAM_MODE=polling (Node only): a getUpdates loop, for local use and intranets without a public URL.
 * getUpdates with `offset` confirms every update below it, so the offset moves past an update only once it
 * is in the inbox: a crash in between means Telegram delivers it again and the inbox drops the repeat.
 * A webhook, while set, makes getUpdates fail with 409, so the loop removes it first.
 */
export function startTelegramPolling(
  door: TelegramDoor,
  opts: PollingOptions,
): { stop: () => Promise<void> } {
  const pollSeconds = opts.pollSeconds ?? 30
  // Its own client: the request legitimately waits the whole poll, longer than a send may.
  const poller = new Api(door.api.token, { ...door.api.options, timeoutSeconds: pollSeconds + 10 })
  const controller = new AbortController()
  let stopped = false
  const loop = async () => {
    let offset: number | undefined
    let webhookRemoved = false
    let backoff = 1_000
    while (!stopped) {
      try {
        if (!webhookRemoved) {
          await call('deleteWebhook', () => door.api.deleteWebhook({ drop_pending_updates: false }))
          webhookRemoved = true
        }
        const updates = await call('getUpdates', () =>
          poller.getUpdates(
            {
              timeout: pollSeconds,
              allowed_updates: [...ALLOWED_UPDATES],
              ...(offset !== undefined ? { offset } : {}),
            },
            // grammY's Node build types the signal with the abort-controller polyfill; Node's own is what it uses.
            controller.signal as Parameters<Api['getUpdates']>[1],
          ),
        )
        for (const update of updates) {
          await acceptTelegram(door, update)
          offset = update.update_id + 1
        }
        backoff = 1_000
      } catch (err) {
        if (stopped) break
        const hint =
          err instanceof PlatformError && err.status === 409 ? ' (another instance is polling?)' : ''
        opts.log(`telegram: polling failed${hint}`, err)
        const wait = err instanceof PlatformError && err.retryAfterMs ? err.retryAfterMs : backoff
        await sleep(wait, controller.signal)
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)
      }
    }
  }
  const running = loop()
  return {
    stop: async () => {
      stopped = true
      controller.abort()
      await running
    },
  }
}
