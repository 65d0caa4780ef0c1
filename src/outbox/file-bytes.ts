/**
 * A file reply's bytes travel base64 in its outbox row. D1 stores at most 2,000,000 bytes in one string or row
 * (https://developers.cloudflare.com/d1/platform/limits/) and base64 adds a third, so 1 MiB of file is the most
 * a row carries on both runtimes; a larger file is replaced by a text saying so (enqueue.ts).
 */
export const MAX_FILE_BYTES = 1024 * 1024

/** Base64 in slices: `String.fromCharCode(...bytes)` overflows the call stack on a file of a few MiB. */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

export function fromBase64(data: string): Uint8Array {
  const binary = atob(data)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** The size of the file a base64 string holds, without decoding it. */
export const base64Bytes = (data: string) =>
  Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0)
