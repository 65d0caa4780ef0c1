/**
 * Signature and decryption behind one small interface (DESIGN §1): `node:crypto` on Node (crypto-node.ts),
 * Web Crypto on Workers (crypto-web.ts). Feishu's scheme: "Encrypt Key 加密" — AES-256-CBC, key =
 * sha256(encryptKey), the first 16 bytes of the base64-decoded data are the IV, PKCS#7 padding.
 * https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/encrypt-key-encryption-configuration-case
 */
export interface FeishuCrypto {
  /** hex sha256 of a UTF-8 string */
  sha256Hex(input: string): Promise<string>
  /** AES-256-CBC decrypt of Feishu's `encrypt` field: key = sha256(encryptKey), IV = first 16 bytes of the base64-decoded data; returns the UTF-8 plaintext decoded with ONE TextDecoder over the whole buffer */
  decrypt(encryptKey: string, encrypted: string): Promise<string>
}

/** Compares two strings in time that depends only on their lengths, never on where they first differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length)
  let diff = a.length ^ b.length
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0)
  return diff === 0
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const BLOCK = 16

export const notBase64 = () => new Error('encrypted data is not base64')

/** Throws unless `encrypted` is padded standard base64; lenient decoders would skip bad characters. */
export function assertBase64(encrypted: string): void {
  if (encrypted.length === 0 || !BASE64.test(encrypted)) throw notBase64()
}

/** Throws unless the data holds an IV and at least one whole AES block. */
export function assertCipherLength(byteLength: number): void {
  if (byteLength < 2 * BLOCK || byteLength % BLOCK !== 0)
    throw new Error(`encrypted data of ${byteLength} bytes is not an IV plus whole AES blocks`)
}

/**
 * The whole plaintext through one decoder: decoding block by block splits the 3-byte characters of Chinese
 * text (STACK.md "Crypto"). `fatal` turns bytes that are not UTF-8 (a wrong key whose padding happened to
 * look valid) into an error instead of replacement characters.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    // ignoreBOM spelled out: the Workers type definitions require it (false is the default everywhere).
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw new Error('decrypted data is not UTF-8: check FEISHU_ENCRYPT_KEY')
  }
}
