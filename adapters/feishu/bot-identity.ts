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
  return async () => {
    if (known !== undefined || now() - lastTry < 60_000) return known
    lastTry = now()
    try {
      known = (await botInfo()).openId
    } catch (err) {
      log(`feishu: could not read the bot's own id yet (${err instanceof Error ? err.message : String(err)})`)
    }
    return known
  }
}
