import { type Locale, translate } from '../i18n'
import type { Reply } from '../messages'
import { base64Bytes, MAX_FILE_BYTES } from './file-bytes'
import type { Outbound } from './outbound'

const mb = (bytes: number) => String(Math.round((bytes / 1024 / 1024) * 10) / 10)

/** Before a reply is queued: a file over `MAX_FILE_BYTES` becomes a text that says so (nothing half-sent). */
export function withinFileLimit(reply: Reply, locale: Locale): Reply {
  if (reply.kind !== 'file') return reply
  const size = base64Bytes(reply.file.dataBase64)
  if (size <= MAX_FILE_BYTES) return reply
  return {
    kind: 'text',
    text: translate(locale, 'export.tooLarge', {
      name: reply.file.name,
      size: mb(size),
      max: mb(MAX_FILE_BYTES),
    }),
  }
}

/** Before a reply is sent: a platform that cannot send files gets the file's text and where to get it. */
export function sendableBy(out: Outbound, reply: Reply, locale: Locale): Reply {
  if (reply.kind !== 'file' || out.capabilities?.sendFiles) return reply
  return { kind: 'text', text: translate(locale, 'export.noFiles', { text: reply.text }) }
}
