import { and, eq } from 'drizzle-orm'
import type { Context } from 'hono'
import { outbox } from '../../src/db/schema'
import type { Db } from '../../src/db/store'
import type { Reply } from '../../src/messages'
import { fromBase64 } from '../../src/outbox/file-bytes'

type FileReply = Extract<Reply, { kind: 'file' }>

/** What the chat page shows for a file the bot sent: its text and a link that downloads it. */
export const fileView = (r: FileReply, outboxId: string) => ({
  kind: r.kind,
  text: r.text,
  name: r.file.name,
  url: `/dev/files/${encodeURIComponent(outboxId)}`,
})

/**
 * GET /dev/files/:id: the file of one console outbox row, as a download. The row is the simulator's whole
 * delivery (consoleOutbound sends nothing), so the bytes stay where the outbox put them.
 */
export async function fileRoute(db: Db, c: Context) {
  const id = c.req.param('id') ?? ''
  const [row] = await db
    .select({ reply: outbox.reply })
    .from(outbox)
    .where(and(eq(outbox.id, id), eq(outbox.platform, 'console')))
  const reply = row ? (JSON.parse(row.reply) as Reply) : undefined
  if (reply?.kind !== 'file') return c.json({ error: `no file with id ${id}` }, 404)
  const bytes = fromBase64(reply.file.dataBase64)
  return c.body(bytes.buffer as ArrayBuffer, 200, {
    'content-type': reply.file.mime,
    'content-length': String(bytes.length),
    // RFC 6266: a Chinese file name needs filename*; the plain filename is the ASCII fallback.
    'content-disposition': `attachment; filename="export${extOf(reply.file.name)}"; filename*=UTF-8''${encodeURIComponent(reply.file.name)}`,
  })
}

const extOf = (name: string) => /\.[a-z0-9]{1,5}$/i.exec(name)?.[0] ?? ''
