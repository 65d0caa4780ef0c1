/**
 * The bot's own open_id, asked of the Open API once and kept; until the first answer arrives (or while the
 * API is unreachable) it is unknown and asked again on the next event, at most once a minute.
 */
export function cachedBotOpenId(
  botInfo: () => Promise<{ openId: string }>,
  now: () => number,
  log: (msg: string) => void,
): () => Promise<string | undefined> {
  let known: string | undefined
  let lastTry = Number.NEGATIVE_INFINITY
  // Events that arrive while the first lookup is under way wait for it, so none misses the bot's @mention.
  let asking: Promise<string | undefined> | undefined
  return async () => {
    if (known !== undefined) return known
    if (asking) return asking
    if (now() - lastTry < 60_000) return known
    lastTry = now()
    asking = botInfo()
      .then((info) => {
        known = info.openId
        return known
      })
      .catch((err) => {
        log(
          `feishu: could not read the bot's own id yet (${err instanceof Error ? err.message : String(err)})`,
        )
        return undefined
      })
      .finally(() => {
        asking = undefined
      })
    return asking
  }
}
