import type { Core } from '../../src/core'
import type { FeishuCrypto } from './crypto'
import { acceptFeishu } from './handle'
import { verifyFeishu } from './verify'

export type FeishuWebhookDeps = {
  core: Core
  crypto: FeishuCrypto
  encryptKey?: string
  verificationToken?: string
  /** The bot's own open_id, to recognise its @mention; undefined until known. */
  botOpenId: () => Promise<string | undefined>
}

export type WebhookAnswer = { status: 200 | 400 | 401 | 503; body: object }

/**
 * `POST /webhooks/feishu` whatever serves it (the Hono route, or Node's listener on the hot path): verify the
 * signature, token and replay window, then accept into the inbox and answer.
 */
export async function answerFeishuWebhook(
  deps: FeishuWebhookDeps,
  headers: Pick<Headers, 'get'>,
  rawBody: string,
): Promise<WebhookAnswer> {
  // While shutting down, an event is refused rather than half-handled: Feishu delivers it again.
  if (deps.core.draining) return { status: 503, body: { error: 'shutting down, retry later' } }
  const verified = await verifyFeishu(
    { headers, rawBody },
    {
      encryptKey: deps.encryptKey,
      verificationToken: deps.verificationToken,
      now: deps.core.clock(),
      crypto: deps.crypto,
    },
  )
  if (!verified.ok) return { status: verified.status, body: { error: verified.reason } }
  return { status: 200, body: await acceptFeishu(deps.core, verified.body, await deps.botOpenId()) }
}
