/**
 * WeCom's callback crypto (加解密方案说明, https://developer.work.weixin.qq.com/document/path/90968):
 * - msg_signature = sha1 of the sorted concatenation of token, timestamp, nonce and the encrypted text;
 * - AESKey = Base64_Decode(EncodingAESKey + "="), 32 bytes; AES-256-CBC with IV = the key's first 16 bytes;
 *   "数据采用PKCS#7填充至32字节的倍数";
 * - plaintext = random(16 B) + msg_len(4 B, network order) + msg + receiveid (the corp id for an app callback).
 * Web Crypto only, so the same file runs on Node and on Workers. Web Crypto's AES-CBC insists on 16-byte PKCS#7
 * padding, and WeCom pads up to 32 bytes, so the padding is handled here around it (see `decryptRaw`).
 */
const utf8 = new TextEncoder()
const BLOCK = 16
const PAD_TO = 32

export type WecomKey = { raw: Uint8Array<ArrayBuffer>; key: CryptoKey }

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  if (b64.length === 0 || !BASE64.test(b64)) throw new Error('encrypted data is not base64')
  const binary = atob(b64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

const toHex = (buf: ArrayBuffer) =>
  Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('')

/** msg_signature: sha1 over the four strings sorted as bytes and joined. */
export async function wecomSignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypted: string,
): Promise<string> {
  const joined = [token, timestamp, nonce, encrypted].sort().join('')
  return toHex(await crypto.subtle.digest('SHA-1', utf8.encode(joined)))
}

/** The 43-character EncodingAESKey as an AES-256 key; throws when it is not 43 base64 characters. */
export async function importWecomKey(encodingAesKey: string): Promise<WecomKey> {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey))
    throw new Error('WECOM_AES_KEY must be the 43-character EncodingAESKey')
  const raw = base64ToBytes(`${encodingAesKey}=`)
  const key = await crypto.subtle.importKey('raw', raw, { name: 'AES-CBC' }, false, ['encrypt', 'decrypt'])
  return { raw, key }
}

/**
 * CBC decryption without Web Crypto's padding check: one more block, built so that it decrypts to a full
 * 16-byte PKCS#7 block, is appended; Web Crypto strips exactly that block and leaves WeCom's own padding.
 */
async function decryptRaw(k: WecomKey, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const last = data.subarray(data.length - BLOCK)
  const fullPad = new Uint8Array(BLOCK).fill(BLOCK)
  const extra = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: last }, k.key, fullPad))
  const joined = new Uint8Array(data.length + BLOCK)
  joined.set(data)
  joined.set(extra.subarray(0, BLOCK), data.length)
  const iv = k.raw.subarray(0, BLOCK)
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, k.key, joined))
}

/** Decrypts an `Encrypt` / `echostr` value into its message and receiveid; throws on any malformed part. */
export async function wecomDecrypt(
  k: WecomKey,
  encrypted: string,
): Promise<{ msg: string; receiveId: string }> {
  const data = base64ToBytes(encrypted)
  if (data.length < PAD_TO || data.length % BLOCK !== 0)
    throw new Error(`encrypted data of ${data.length} bytes is not whole AES blocks`)
  const plain = await decryptRaw(k, data)
  const pad = plain[plain.length - 1] ?? 0
  if (pad < 1 || pad > PAD_TO || plain.subarray(plain.length - pad).some((b) => b !== pad))
    throw new Error('bad padding: wrong WECOM_AES_KEY or corrupted data')
  const body = plain.subarray(0, plain.length - pad)
  if (body.length < 20) throw new Error('decrypted data is too short')
  const msgLen = new DataView(body.buffer, body.byteOffset + 16, 4).getUint32(0)
  if (20 + msgLen > body.length) throw new Error('decrypted msg_len is longer than the data')
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
  try {
    return {
      msg: decoder.decode(body.subarray(20, 20 + msgLen)),
      receiveId: decoder.decode(body.subarray(20 + msgLen)),
    }
  } catch {
    throw new Error('decrypted data is not UTF-8: check WECOM_AES_KEY')
  }
}

/** The reverse, for passive replies and for tests: `random` is 16 bytes (fresh ones when omitted). */
export async function wecomEncrypt(
  k: WecomKey,
  msg: string,
  receiveId: string,
  random: Uint8Array = crypto.getRandomValues(new Uint8Array(16)),
): Promise<string> {
  const m = utf8.encode(msg)
  const r = utf8.encode(receiveId)
  const length = 20 + m.length + r.length
  const pad = PAD_TO - (length % PAD_TO)
  const plain = new Uint8Array(length + pad)
  plain.set(random.subarray(0, 16))
  new DataView(plain.buffer).setUint32(16, m.length)
  plain.set(m, 20)
  plain.set(r, 20 + m.length)
  plain.fill(pad, length)
  const iv = k.raw.subarray(0, BLOCK)
  const out = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, k.key, plain))
  // Web Crypto adds a block of its own padding; WeCom's is already in the data, so that block goes.
  return bytesToBase64(out.subarray(0, out.length - BLOCK))
}
