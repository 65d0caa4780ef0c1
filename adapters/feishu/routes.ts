import { Hono } from 'hono'
import type { Core } from '../../src/core'
import type { FeishuCrypto } from './crypto'
import { acceptFeishu } from './handle'
import { verifyFeishu } from './verify'

export type FeishuRouteDeps = {
  core: Core
  crypto: FeishuCrypto
  encryptKey?: string
  verificationToken?: string
  /** The bot's own open_id, to recognise its @mention; undefined until known. */
  botOpenId: () => Promise<string | undefined>
}

/** `POST /webhooks/feishu`: verify (signature, token, replay window), then accept into the inbox and answer. */
export function feishuRoutes(deps: FeishuRouteDeps): Hono {
  const app = new Hono()
  app.post('/', async (c) => {
    const rawBody = await c.req.text()
    const verified = await verifyFeishu(
      { headers: c.req.raw.headers, rawBody },
      {
        encryptKey: deps.encryptKey,
        verificationToken: deps.verificationToken,
        now: deps.core.clock(),
        crypto: deps.crypto,
      },
    )
    if (!verified.ok) return c.json({ error: verified.reason }, verified.status)
    return c.json(await acceptFeishu(deps.core, verified.body, await deps.botOpenId()))
  })
  return app
}
