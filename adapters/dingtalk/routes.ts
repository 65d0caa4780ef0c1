import { Hono } from 'hono'
import { acceptDingtalk, type DingtalkDoor } from './handle'
import { verifyDingtalk } from './verify'

export type DingtalkRouteDeps = DingtalkDoor & { clientSecret: string }

/** A robot callback is a few KiB of JSON; anything far larger is not one. */
const MAX_BODY_BYTES = 64 * 1024

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * `POST /webhooks/dingtalk` (HTTP mode): the timestamp + sign headers, then the message into the inbox and an
 * empty JSON 200. Replies go through the outbox and the robot API, never in the HTTP answer (DESIGN §6).
 */
export function dingtalkRoutes(deps: DingtalkRouteDeps): Hono {
  const app = new Hono()
  app.post('/', async (c) => {
    const signed = await verifyDingtalk(
      { timestamp: c.req.header('timestamp'), sign: c.req.header('sign') },
      deps.clientSecret,
      deps.core.clock(),
    )
    if (!signed.ok) return c.json({ error: signed.reason }, 401)
    const raw = await c.req.text()
    if (raw.length > MAX_BODY_BYTES) return c.json({ error: 'body over 64 KiB: not a robot callback' }, 413)
    const body = parseJson(raw)
    if (typeof body !== 'object' || body === null)
      return c.json({ error: 'malformed body: expected the robot callback JSON' }, 400)
    await acceptDingtalk(deps, body)
    return c.json({})
  })
  return app
}
