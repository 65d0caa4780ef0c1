import { Api, GrammyError, HttpError } from 'grammy'
import { PlatformError } from '../../src/errors'

/**
 * grammY's Api client (the official-style SDK, fetch-based, it runs on Node and workerd alike, STACK.md),
 * pointed at TELEGRAM_API_ROOT. Every failure becomes a `PlatformError('telegram', …)`: the API's own error
 * code (429 with `retry_after` in ms, 5xx, 400/403 refusals), or 0 when the network failed or timed out.
 */
export type TelegramClientOptions = {
  token: string
  /** `https://api.telegram.org`, a self-hosted telegram-bot-api, or a fake server in tests. */
  apiRoot: string
  fetch?: typeof fetch
  /** grammY's default is 500 s; a send that hangs should be retried by the outbox long before that. */
  timeoutSeconds?: number
}

export function telegramApi(o: TelegramClientOptions): Api {
  return new Api(o.token, {
    apiRoot: o.apiRoot,
    timeoutSeconds: o.timeoutSeconds ?? 10,
    // Workers throw "Illegal invocation" when fetch is called as a method of another object.
    ...(o.fetch ? { fetch: ((input, init) => (o.fetch as typeof fetch)(input, init)) as typeof fetch } : {}),
  })
}

/** The bot's numeric id is the part of its token before the colon (https://core.telegram.org/bots/api#authorizing-your-bot). */
export const botIdOf = (token: string): number => Number(token.split(':')[0])

/** What the operator can do about the usual refusals. */
const HINTS: [RegExp, string][] = [
  [/bot was blocked by the user/i, 'the person blocked the bot'],
  [/bot was kicked|not a member/i, 'the bot is no longer in this chat: add it again'],
  [/chat not found/i, 'unknown chat: a person must open the bot and press Start before it can write to them'],
  [/upgraded to a supergroup/i, 'the group became a supergroup: bind the new chat id again with 绑定群'],
]

export function toPlatformError(err: unknown, method: string): PlatformError {
  if (err instanceof PlatformError) return err
  if (err instanceof GrammyError) {
    const hint = HINTS.find(([re]) => re.test(err.description))?.[1]
    const message = `telegram ${method} answered ${err.error_code}: ${err.description}${hint ? `; ${hint}` : ''}`
    const retryAfter = err.parameters.retry_after
    return new PlatformError('telegram', err.error_code, {
      message,
      ...(retryAfter !== undefined ? { retryAfterMs: retryAfter * 1_000 } : {}),
    })
  }
  const why = err instanceof HttpError ? err.message : err instanceof Error ? err.message : String(err)
  return new PlatformError('telegram', 0, { message: `telegram ${method} failed: ${why}` })
}

/** Runs one API call, turning its failure into a PlatformError. */
export async function call<T>(method: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    throw toPlatformError(err, method)
  }
}
