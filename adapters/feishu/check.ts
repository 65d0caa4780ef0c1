import type { FeishuCrypto } from './crypto'
import { type Parsed, parseFeishu } from './parse'
import { verifyFeishu } from './verify'

/** What a webhook answer depends on: the three signature headers and the raw body. */
export type WebhookRequest = {
  timestamp: string | null
  nonce: string | null
  signature: string | null
  rawBody: string
}

export type CheckOptions = {
  encryptKey?: string
  verificationToken?: string
  /** Milliseconds since the epoch, from the core's clock: the replay window and the event's receivedAt. */
  now: number
  /** The bot's own open_id, to recognise its @mention; undefined until known. */
  botOpenId: string | undefined
}

export type Checked = { ok: true; parsed: Parsed } | { ok: false; status: 400 | 401; reason: string }

/**
 * Signature, token, replay window, decryption and parsing: everything before the inbox, a pure function of
 * its inputs.
 */
export async function checkFeishu(
  req: WebhookRequest,
  opts: CheckOptions,
  crypto: FeishuCrypto,
): Promise<Checked> {
  const byName: Record<string, string | null> = {
    'x-lark-request-timestamp': req.timestamp,
    'x-lark-request-nonce': req.nonce,
    'x-lark-signature': req.signature,
  }
  const headers = { get: (name: string) => byName[name] ?? null }
  const verified = await verifyFeishu(
    { headers, rawBody: req.rawBody },
    { encryptKey: opts.encryptKey, verificationToken: opts.verificationToken, now: opts.now, crypto },
  )
  if (!verified.ok) return verified
  return { ok: true, parsed: parseFeishu(verified.body, opts.botOpenId, opts.now) }
}
