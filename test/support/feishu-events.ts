import crypto from 'node:crypto'

import { ENCRYPT_KEY } from './feishu-payloads'

export { botAdded, cardClick, ENCRYPT_KEY, textMessage, VERIFICATION_TOKEN } from './feishu-payloads'

/** Feishu's encryption: AES-256-CBC, key sha256(encryptKey), a random IV in front, base64. */
export function encrypt(plain: string, key = ENCRYPT_KEY): string {
  const iv = crypto.randomBytes(16)
  const cipher = crypto.createCipheriv('aes-256-cbc', crypto.createHash('sha256').update(key).digest(), iv)
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64')
}

/** Headers and body of a signed, encrypted event as Feishu posts it. */
export function signedEvent(event: object, opts: { timestampSec: number; key?: string; nonce?: string }) {
  const key = opts.key ?? ENCRYPT_KEY
  const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(event), key) })
  const timestamp = String(opts.timestampSec)
  const nonce = opts.nonce ?? crypto.randomBytes(8).toString('hex')
  const signature = crypto
    .createHash('sha256')
    .update(timestamp + nonce + key + body)
    .digest('hex')
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
