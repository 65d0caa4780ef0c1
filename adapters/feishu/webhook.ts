import type { Core } from '../../src/core'
import { type Checked, checkFeishu } from './check'
import type { FeishuCrypto } from './crypto'
import { acceptParsed } from './handle'

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
  const checked = await checkFeishu(
    {
      timestamp: headers.get('x-lark-request-timestamp'),
      nonce: headers.get('x-lark-request-nonce'),
      signature: headers.get('x-lark-signature'),
      rawBody,
    },
    {
      encryptKey: deps.encryptKey,
      verificationToken: deps.verificationToken,
      now: deps.core.clock(),
      botOpenId: await deps.botOpenId(),
    },
    deps.crypto,
  )
  return answerChecked(deps.core, checked)
}

/** A refusal as it is, a checked event accepted into the inbox. */
async function answerChecked(core: Core, checked: Checked): Promise<WebhookAnswer> {
  if (!checked.ok) return { status: checked.status, body: { error: checked.reason } }
  return { status: 200, body: await acceptParsed(core, checked.parsed) }
}
