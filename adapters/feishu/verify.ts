import { constantTimeEqual, type FeishuCrypto } from './crypto'

export type Verified =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; status: 400 | 401; reason: string }

export type VerifyOptions = {
  encryptKey?: string
  verificationToken?: string
  /** Milliseconds since the epoch, from the request's Clock. */
  now: number
  crypto: FeishuCrypto
}

/**
 * Feishu retries an event for about 7.1 h (15 s, 5 min, 1 h, 6 h) and does not say whether a retry carries a
 * fresh timestamp, so a 5-minute window could refuse the retries after an outage. DESIGN §6: refuse older
 * than 8 h or more than 5 min ahead; a replay inside that span is stopped by the inbox's event_id dedupe.
 */
export const MAX_AGE_MS = 8 * 60 * 60 * 1000
export const MAX_AHEAD_MS = 5 * 60 * 1000

const refuse = (status: 400 | 401, reason: string): Verified => ({ ok: false, status, reason })

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text)
    return isObject(v) ? v : undefined
  } catch {
    return undefined
  }
}

/**
 * Checks a Feishu webhook request and returns its (decrypted) body; a pure function of its inputs.
 * Encryption and the X-Lark-Signature header come with the Encrypt Key ("Encrypt Key 加密"):
 * https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/encrypt-key-encryption-configuration-case
 * The 413 size limit is the route's job.
 */
export async function verifyFeishu(
  req: { headers: Pick<Headers, 'get'>; rawBody: string },
  opts: VerifyOptions,
): Promise<Verified> {
  const outer = parseObject(req.rawBody)
  if (!outer) return refuse(400, 'malformed body: expected a JSON object')

  let body = outer
  if ('encrypt' in outer) {
    if (!opts.encryptKey) return refuse(401, 'encrypted event but FEISHU_ENCRYPT_KEY is not set')
    if (typeof outer.encrypt !== 'string') return refuse(400, 'malformed body: `encrypt` is not a string')
    let plain: string
    try {
      plain = await opts.crypto.decrypt(opts.encryptKey, outer.encrypt)
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err)
      return refuse(
        401,
        `could not decrypt the event (${why}): check that FEISHU_ENCRYPT_KEY is the app's Encrypt Key`,
      )
    }
    const inner = parseObject(plain)
    if (!inner) return refuse(400, 'malformed body: the decrypted event is not a JSON object')
    body = inner
  } else if (opts.encryptKey) {
    return refuse(
      401,
      'FEISHU_ENCRYPT_KEY is set but this event is not encrypted: check the event subscription settings',
    )
  }

  // The Request URL check is not signed by Feishu; its token (checked below) is what proves it.
  // https://open.feishu.cn/document/ukTMukTMukTM/uYDNxYjL2QTM24iN0EjN/event-subscription-configure-/request-url-configuration-case
  if (opts.encryptKey && body.type !== 'url_verification') {
    const signed = await checkSignature(req, opts.encryptKey, opts.now, opts.crypto)
    if (signed) return signed
  }

  if (opts.verificationToken !== undefined && !constantTimeEqual(tokenOf(body), opts.verificationToken))
    return refuse(401, 'verification token does not match FEISHU_VERIFICATION_TOKEN')

  return { ok: true, body }
}

/** Schema 2.0 events and card callbacks carry `header.token`; schema 1.0 events and url_verification `token`. */
function tokenOf(body: Record<string, unknown>): string {
  const token = body.schema === '2.0' && isObject(body.header) ? body.header.token : body.token
  return typeof token === 'string' ? token : ''
}

/** A refusal, or undefined when the timestamp is in the window and the signature matches the raw bytes. */
async function checkSignature(
  req: { headers: Pick<Headers, 'get'>; rawBody: string },
  encryptKey: string,
  now: number,
  crypto: FeishuCrypto,
): Promise<Verified | undefined> {
  const timestamp = req.headers.get('x-lark-request-timestamp')
  const nonce = req.headers.get('x-lark-request-nonce')
  const signature = req.headers.get('x-lark-signature')
  if (!timestamp || nonce === null || !signature)
    return refuse(
      401,
      'unsigned event: X-Lark-Request-Timestamp, X-Lark-Request-Nonce and X-Lark-Signature are required',
    )
  if (!/^\d{1,12}$/.test(timestamp)) return refuse(401, 'X-Lark-Request-Timestamp is not a time in seconds')
  const sentAt = Number(timestamp) * 1000
  if (now - sentAt > MAX_AGE_MS) return refuse(401, 'stale event: its timestamp is more than 8 hours old')
  if (sentAt - now > MAX_AHEAD_MS)
    return refuse(401, "event timestamp is more than 5 minutes ahead: check this server's clock")
  // Over the raw bytes as received: re-serialised JSON would not match what Feishu signed.
  const expected = await crypto.sha256Hex(timestamp + nonce + encryptKey + req.rawBody)
  if (!constantTimeEqual(expected, signature.toLowerCase()))
    return refuse(
      401,
      'signature does not match: check that FEISHU_ENCRYPT_KEY is the Encrypt Key of this app',
    )
  return undefined
}
