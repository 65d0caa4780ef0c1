// The Web Crypto twin of test/support/feishu-events.ts, which needs node:crypto and so cannot load in workerd.
export const ENCRYPT_KEY = 'test-encrypt-key'
export const VERIFICATION_TOKEN = 'test-verification-token'

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

/** A schema 2.0 `im.message.receive_v1` text message from a person. */
export function textMessage(o: {
  text: string
  chatId: string
  chatType: 'group' | 'p2p'
  openId: string
  eventId: string
  messageId: string
}) {
  return {
    schema: '2.0',
    header: {
      event_id: o.eventId,
      token: VERIFICATION_TOKEN,
      create_time: '1764036000000',
      event_type: 'im.message.receive_v1',
      tenant_key: 'tenant_demo',
      app_id: 'cli_fake0000000000',
    },
    event: {
      sender: {
        sender_id: { open_id: o.openId, union_id: `on_${o.openId}`, user_id: o.openId.slice(3) },
        sender_type: 'user',
        tenant_key: 'tenant_demo',
      },
      message: {
        message_id: o.messageId,
        create_time: '1764036000000',
        chat_id: o.chatId,
        chat_type: o.chatType,
        message_type: 'text',
        content: JSON.stringify({ text: o.text }),
        mentions: [],
      },
    },
  }
}
