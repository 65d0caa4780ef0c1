import { Hono } from 'hono'
import { acceptTelegram, type TelegramDoor } from './handle'
import { Update } from './schema'
import { SECRET_HEADER, verifyTelegramSecret } from './verify'

export type TelegramRouteDeps = TelegramDoor & { secret?: string }

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * `POST /webhooks/telegram`: the secret header, then the update into the inbox, then 200. A 2xx tells
 * Telegram the update is delivered; anything else makes it deliver again later
 * (https://core.telegram.org/bots/api#setwebhook), so only a request that is not an update at all gets a 4xx.
 * Our own route rather than grammY's webhookCallback: that one needs a Bot (getMe before the first update) whose
 * middleware would only call the door anyway, and answers 500 to a malformed body; this one answers 400 and has
 * the same shape as the Feishu route (verify, then the shared door). Both compare the secret in constant time.
 */
export function telegramRoutes(deps: TelegramRouteDeps): Hono {
  const app = new Hono()
  app.post('/', async (c) => {
    const secret = verifyTelegramSecret(c.req.header(SECRET_HEADER), deps.secret)
    if (!secret.ok) return c.json({ error: secret.reason }, 401)
    const body = parseJson(await c.req.text())
    if (!Update.safeParse(body).success)
      return c.json({ error: 'malformed body: expected a Telegram Update with an update_id' }, 400)
    await acceptTelegram(deps, body)
    // An empty object: a `method` field here would be taken as an API call (webhook reply).
    return c.json({})
  })
  return app
}
