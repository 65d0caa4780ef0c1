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

export type WebhookAnswer = { status: 200 | 400 | 401; body: object }

/**
 * `POST /webhooks/feishu` whatever serves it (the Hono route, or Node's listener on the hot path): verify the
 * signature, token and replay window, then accept into the inbox and answer.
 */
export async function answerFeishuWebhook(
  deps: FeishuWebhookDeps,
  headers: Pick<Headers, 'get'>,
  rawBody: string,
): Promise<WebhookAnswer> {
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
