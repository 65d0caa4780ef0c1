/**
 * The largest file the bot downloads or the simulator stores: a 10,000-member roster is well under 1 MiB as CSV
 * and a few MiB as XLSX, and a Worker holds the whole file in memory while it reads it.
 */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024

/** A download refused for its size, before or after reading it. */
export class AttachmentTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`attachment of ${bytes} bytes is over the ${MAX_ATTACHMENT_BYTES}-byte limit`)
  }
}

/** Reads a response body, stopping as soon as it passes `limit` bytes (a missing or false content-length too). */
export async function readLimited(res: Response, limit: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > limit) {
    await res.body?.cancel()
    throw new AttachmentTooLarge(declared)
  }
  if (!res.body) return new Uint8Array(await res.arrayBuffer())
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = res.body.getReader()
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    total += r.value.byteLength
    if (total > limit) {
      await reader.cancel()
      throw new AttachmentTooLarge(total)
    }
    chunks.push(r.value)
  }
  const bytes = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    bytes.set(c, at)
    at += c.byteLength
  }
  return bytes
}
