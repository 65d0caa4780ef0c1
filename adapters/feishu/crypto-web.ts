import { assertBase64, assertCipherLength, decodeUtf8, type FeishuCrypto } from './crypto'

// Web Crypto only, no Node import: this file must load on Cloudflare Workers without nodejs_compat.
const encoder = new TextEncoder()

const toHex = (buf: ArrayBuffer) =>
  Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('')

function base64ToBytes(encrypted: string): Uint8Array<ArrayBuffer> {
  assertBase64(encrypted)
  const binary = atob(encrypted)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

// One key per process in practice: keep the last import instead of deriving it for every event.
let cached: { encryptKey: string; key: Promise<CryptoKey> } | undefined
function aesKey(encryptKey: string): Promise<CryptoKey> {
  if (cached?.encryptKey !== encryptKey) {
    const key = crypto.subtle
      .digest('SHA-256', encoder.encode(encryptKey))
      .then((raw) => crypto.subtle.importKey('raw', raw, { name: 'AES-CBC' }, false, ['decrypt']))
    cached = { encryptKey, key }
  }
  return cached.key
}

/** Feishu crypto on Web Crypto (`crypto.subtle`), for Workers. */
export const webCrypto: FeishuCrypto = {
  async sha256Hex(input) {
    return toHex(await crypto.subtle.digest('SHA-256', encoder.encode(input)))
  },
  async decrypt(encryptKey, encrypted) {
    const data = base64ToBytes(encrypted)
    assertCipherLength(data.length)
    let plain: ArrayBuffer
    try {
      // AES-CBC in Web Crypto strips PKCS#7 padding and rejects a bad one with an OperationError.
      plain = await crypto.subtle.decrypt(
        { name: 'AES-CBC', iv: data.subarray(0, 16) },
        await aesKey(encryptKey),
        data.subarray(16),
      )
    } catch {
      throw new Error('could not decrypt: bad padding (wrong FEISHU_ENCRYPT_KEY or corrupted data)')
    }
    return decodeUtf8(new Uint8Array(plain))
  },
}
