import { Hono } from 'hono'
import { type Core, receiveDeferred } from '../../src/core'
import { parseWecomBot } from './bot-parse'
import type { WecomKey } from './crypto'
import { openWecomEnvelope, verifyWecomUrl, type WecomSecrets } from './verify'

export type WecomBotRouteDeps = {
  core: Core
  apiRoot: string
  secrets: () => Promise<{ token: string; key: WecomKey }>
}

const MAX_BODY_BYTES = 64 * 1024

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * `GET/POST /webhooks/wecom-bot`: the smart robot's callback (回调和回复的加解密方案 as for apps, with an empty
 * receiveid and a JSON `{ "encrypt": … }` body; https://developer.work.weixin.qq.com/document/path/101033).
 * Verified like the app's callback, accepted into the inbox, answered with an empty 200; the reply goes out
 * through the outbox to the message's response_url.
 */
export function wecomBotRoutes(deps: WecomBotRouteDeps): Hono {
  const app = new Hono()
  const secretsOf = async (): Promise<WecomSecrets> => ({ ...(await deps.secrets()), corpId: '' })
  app.get('/', async (c) => {
    const checked = await verifyWecomUrl(c.req.query(), await secretsOf(), deps.core.clock())
    if (!checked.ok) return c.text(checked.reason, checked.status)
    return c.text(checked.value)
  })
  app.post('/', async (c) => {
    const raw = await c.req.text()
    if (raw.length > MAX_BODY_BYTES) return c.text('body over 64 KiB: not a robot callback', 413)
    const outer = parseJson(raw) as { encrypt?: unknown } | undefined
    if (typeof outer?.encrypt !== 'string' || outer.encrypt === '')
      return c.text('malformed body: expected {"encrypt": "…"}', 400)
    const checked = await openWecomEnvelope(
      c.req.query(),
      outer.encrypt,
      await secretsOf(),
      deps.core.clock(),
    )
    if (!checked.ok) return c.text(checked.reason, checked.status)
    const parsed = parseWecomBot(parseJson(checked.value), deps.apiRoot, deps.core.clock())
    if (parsed.kind === 'message') await receiveDeferred(deps.core, parsed.incoming)
    return c.body(null, 200)
  })
  return app
}
