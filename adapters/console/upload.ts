import { eq, lt } from 'drizzle-orm'
import type { Context } from 'hono'
import { AttachmentTooLarge, MAX_ATTACHMENT_BYTES } from '../../src/attachments/limits'
import type { AttachmentFetcher } from '../../src/attachments/port'
import type { Core } from '../../src/core'
import { devUploads } from '../../src/db/schema'
import type { Db } from '../../src/db/store'
import type { Attachment } from '../../src/messages'

/** Uploads older than this are removed with the next upload: the page sends its message right after uploading. */
const KEEP_MS = 24 * 60 * 60_000

/** Base64 in slices: `String.fromCharCode(...bytes)` overflows the call stack on a file of a few MiB. */
function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

function fromBase64(data: string): Uint8Array {
  const binary = atob(data)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/**
 * POST /dev/upload, a multipart form with one `file`: stores it (up to 5 MiB) and answers the attachment the
 * chat page then sends with its message (`attachments` of /dev/chat).
 */
export async function uploadRoute(core: Core, c: Context) {
  const declared = Number(c.req.header('content-length'))
  // Multipart framing adds a few hundred bytes around the file.
  if (Number.isFinite(declared) && declared > MAX_ATTACHMENT_BYTES + 16 * 1024)
    return c.json({ error: `file too large: at most ${MAX_ATTACHMENT_BYTES} bytes (5 MiB)` }, 413)
  let file: unknown
  try {
    file = (await c.req.formData()).get('file')
  } catch {
    return c.json({ error: 'send a multipart/form-data body with one field "file"' }, 400)
  }
  if (!(file instanceof File)) return c.json({ error: 'the form has no field "file" holding a file' }, 400)
  if (file.size > MAX_ATTACHMENT_BYTES)
    return c.json({ error: `file too large: at most ${MAX_ATTACHMENT_BYTES} bytes (5 MiB)` }, 413)
  const name = (file.name || 'upload').slice(-100)
  const id = `up-${core.process.newId()}`
  const now = core.clock()
  const { db } = core.store
  await core.store.commit([
    db.delete(devUploads).where(lt(devUploads.createdAt, now - KEEP_MS)),
    db.insert(devUploads).values({
      id,
      name,
      size: file.size,
      data: toBase64(new Uint8Array(await file.arrayBuffer())),
      createdAt: now,
    }),
  ])
  const attachment: Attachment = {
    kind: file.type.startsWith('image/') ? 'image' : 'file',
    ref: id,
    name,
    size: file.size,
  }
  return c.json({ attachment })
}

/** The simulator's download: the stored upload, by its id. */
export function consoleFetcher(db: Db): AttachmentFetcher {
  return async (attachment, limit) => {
    const [row] = await db.select().from(devUploads).where(eq(devUploads.id, attachment.ref))
    if (!row) throw new Error(`no simulator upload ${attachment.ref} (uploads are kept one day)`)
    if (row.size > limit) throw new AttachmentTooLarge(row.size)
    return fromBase64(row.data)
  }
}
