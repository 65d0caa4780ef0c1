import type { Api } from 'grammy'
import { botIdOf } from './client'
import type { BotIdentity } from './parse'

/**
 * The bot's identity: its id from the token at once, its @username from getMe, asked once and kept. Until
 * getMe answers (or while the API is unreachable) the username is unknown and asked again at most once a
 * minute; updates that arrive meanwhile are still handled, only an @mention of the bot goes unrecognised.
 */
export function cachedBotIdentity(
  api: Api,
  now: () => number,
  log: (msg: string) => void,
): () => Promise<BotIdentity> {
  const id = botIdOf(api.token)
  let username: string | undefined
  let lastTry = Number.NEGATIVE_INFINITY
  let asking: Promise<BotIdentity> | undefined
  return async () => {
    if (username !== undefined) return { id, username }
    if (asking) return asking
    if (now() - lastTry < 60_000) return { id }
    lastTry = now()
    asking = api
      .getMe()
      .then((me) => {
        username = me.username
        return { id, username }
      })
      .catch((err: unknown) => {
        log(
          `telegram: could not read the bot's username yet (${err instanceof Error ? err.message : String(err)})`,
        )
        return { id }
      })
      .finally(() => {
        asking = undefined
      })
    return asking
  }
}
