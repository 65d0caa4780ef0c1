import type { Api } from 'grammy'
import { z } from 'zod'
import { readLimited } from '../../src/attachments/limits'
import type { Attachment } from '../../src/messages'
import { call } from './client'

// https://core.telegram.org/bots/api#photosize and #document: only what an attachment needs is read.
const PhotoSize = z.object({ file_id: z.string().min(1), width: z.number(), height: z.number() })
const Document = z.object({
  file_id: z.string().min(1),
  file_name: z.string().optional(),
  file_size: z.number().int().nonnegative().optional(),
})
const WithFiles = z.object({ photo: z.array(PhotoSize).min(1).optional(), document: Document.optional() })

/** A message's photo (its largest size: Telegram sends one photo in several) and document, as attachments. */
export function attachmentsOf(message: unknown): Attachment[] {
  const m = WithFiles.safeParse(message)
  if (!m.success) return []
  const out: Attachment[] = []
  if (m.data.photo) {
    const largest = m.data.photo.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a))
    out.push({ kind: 'image', ref: largest.file_id })
  }
  const doc = m.data.document
  if (doc)
    out.push({
      kind: 'file',
      ref: doc.file_id,
      ...(doc.file_name ? { name: doc.file_name } : {}),
      ...(doc.file_size !== undefined ? { size: doc.file_size } : {}),
    })
  return out
}

/**
 * getFile names the file's path, then the bytes come from `<apiRoot>/file/bot<token>/<file_path>`; the Bot API
 * serves files up to 20 MB (https://core.telegram.org/bots/api#getfile).
 */
export async function downloadTelegramFile(
  o: { api: Api; token: string; apiRoot: string; fetch?: typeof fetch },
  fileId: string,
  limit: number,
): Promise<Uint8Array> {
  const file = await call('getFile', () => o.api.getFile(fileId))
  if (!file.file_path) throw new Error('telegram getFile answered without a file_path (file over 20 MB?)')
  const url = `${o.apiRoot}/file/bot${o.token}/${file.file_path}`
  const res = await (o.fetch ?? fetch)(url, { signal: AbortSignal.timeout(30_000) })
  if (!res.ok) throw new Error(`telegram file download answered ${res.status}`)
  return readLimited(res, limit)
}
