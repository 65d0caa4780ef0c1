import { constantTimeEqual } from '../feishu/crypto'
import { type WecomKey, wecomDecrypt, wecomSignature } from './crypto'
import { parseWecomXml } from './xml'

/**
 * Checks a WeCom callback (回调配置 https://developer.work.weixin.qq.com/document/path/90930, 加解密方案
 * path/90968): the msg_signature over token, timestamp, nonce and the encrypted text, compared in constant
 * time; the timestamp window; then decryption and the receiveid, which for an app's callback is the corp id.
 * WeCom retries an unanswered callback three times within seconds, so an hour's window refuses nothing real;
 * a replay inside it is stopped by the inbox's MsgId dedupe.
 */
export const MAX_AGE_MS = 60 * 60 * 1000
export const MAX_AHEAD_MS = 5 * 60 * 1000

export type WecomSecrets = { token: string; key: WecomKey; corpId: string }

export type Checked<T> = { ok: true; value: T } | { ok: false; status: 400 | 401; reason: string }

const refuse = <T>(status: 400 | 401, reason: string): Checked<T> => ({ ok: false, status, reason })

type Query = { msg_signature?: string; timestamp?: string; nonce?: string; echostr?: string }

/** Signature, window, decryption and receiveid of one encrypted value (an `Encrypt`, `echostr` or `encrypt`). */
export async function openWecomEnvelope(
  q: Query,
  encrypted: string,
  s: WecomSecrets,
  now: number,
): Promise<Checked<string>> {
  const { msg_signature: signature, timestamp, nonce } = q
  if (!signature || !timestamp || nonce === undefined)
    return refuse(401, 'unsigned callback: msg_signature, timestamp and nonce are required in the query')
  if (!/^\d{1,12}$/.test(timestamp)) return refuse(401, 'timestamp is not a time in seconds')
  const sentAt = Number(timestamp) * 1000
  if (now - sentAt > MAX_AGE_MS) return refuse(401, 'stale callback: its timestamp is more than an hour old')
  if (sentAt - now > MAX_AHEAD_MS)
    return refuse(401, "callback timestamp is more than 5 minutes ahead: check this server's clock")
  const expected = await wecomSignature(s.token, timestamp, nonce, encrypted)
  if (!constantTimeEqual(expected, signature.toLowerCase()))
    return refuse(401, 'msg_signature does not match: check that WECOM_TOKEN is the app’s callback Token')
  let opened: { msg: string; receiveId: string }
  try {
    opened = await wecomDecrypt(s.key, encrypted)
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err)
    return refuse(401, `could not decrypt (${why}): check WECOM_AES_KEY`)
  }
  if (!constantTimeEqual(opened.receiveId, s.corpId))
    return refuse(401, 'receiveid is not WECOM_CORP_ID: the callback is for another corp')
  return { ok: true, value: opened.msg }
}

/** GET: the URL check when the callback is saved; answers the decrypted echostr, to be returned as is. */
export function verifyWecomUrl(q: Query, s: WecomSecrets, now: number): Promise<Checked<string>> {
  if (!q.echostr) return Promise.resolve(refuse(400, 'echostr is missing'))
  return openWecomEnvelope(q, q.echostr, s, now)
}

/** POST: `<xml><ToUserName/><AgentID/><Encrypt/></xml>` → the decrypted inner XML as an object. */
export async function verifyWecomPost(
  q: Query,
  rawBody: string,
  s: WecomSecrets,
  now: number,
): Promise<Checked<Record<string, unknown>>> {
  const outer = parseWecomXml(rawBody)
  if (!outer) return refuse(400, 'malformed body: expected the callback XML (a DOCTYPE is never accepted)')
  if (typeof outer.Encrypt !== 'string' || outer.Encrypt === '')
    return refuse(400, 'malformed body: <Encrypt> is missing')
  const opened = await openWecomEnvelope(q, outer.Encrypt, s, now)
  if (!opened.ok) return opened
  const inner = parseWecomXml(opened.value)
  if (!inner) return refuse(400, 'malformed body: the decrypted message is not XML')
  return { ok: true, value: inner }
}
