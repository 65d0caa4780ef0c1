// The Web Crypto twin of test/support/feishu-events.ts, which needs node:crypto and so cannot load in workerd;
// the event bodies themselves come from test/support/feishu-payloads.ts.
import { ENCRYPT_KEY } from '../support/feishu-payloads'

const utf8 = new TextEncoder()
const hex = (buf: ArrayBuffer) =>
  Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('')
const base64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''))

/** Feishu's encryption: AES-256-CBC, key sha256(encryptKey), a random IV in front, base64. */
async function encrypt(plain: string, key: string): Promise<string> {
  const raw = await crypto.subtle.digest('SHA-256', utf8.encode(key))
  const aes = await crypto.subtle.importKey('raw', raw, { name: 'AES-CBC' }, false, ['encrypt'])
  const iv = crypto.getRandomValues(new Uint8Array(16))
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, aes, utf8.encode(plain)))
  const out = new Uint8Array(16 + cipher.length)
  out.set(iv)
  out.set(cipher, 16)
  return base64(out)
}

/** Headers and body of a signed, encrypted event as Feishu posts it; `key` other than ours forges it. */
export async function signedEvent(event: object, opts: { timestampSec: number; key?: string }) {
  const key = opts.key ?? ENCRYPT_KEY
  const body = JSON.stringify({ encrypt: await encrypt(JSON.stringify(event), key) })
  const timestamp = String(opts.timestampSec)
  const nonce = hex(crypto.getRandomValues(new Uint8Array(8)).buffer)
  const signature = hex(await crypto.subtle.digest('SHA-256', utf8.encode(timestamp + nonce + key + body)))
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signature,
    },
  }
}
