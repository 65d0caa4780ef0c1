import { Hono } from 'hono'
import { z } from 'zod'
import { cardToText } from '../../src/cards/card'
import { type Core, receive } from '../../src/core'
import { findMe } from '../../src/db/queries'
import type { Reply } from '../../src/messages'
import { clockRoutes } from './clock-routes'
import { directory, pushesTo, repliesFor } from './directory'
import { fileRoute, fileView } from './files'
import { DevActionBody, DevChatBody, toCardAction, toIncoming } from './inbound'
import { CHAT_PAGE } from './page'
import { uploadRoute } from './upload'

/** A reply as the page shows it: a card with its text, a file with its download link (`outboxId`), or text. */
const render = (r: Reply, outboxId: string) =>
  r.kind === 'card'
    ? { kind: r.kind, text: cardToText(r.card), card: r.card }
    : r.kind === 'file'
      ? fileView(r, outboxId)
      : { kind: r.kind, text: r.text }

function problem(err: z.ZodError) {
  return {
    error: 'invalid request',
    problems: err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`),
    example: { chatId: 'g-ZC01', userId: 'u1001', text: '帮助' },
  }
}

async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json()
  } catch {
    return Symbol.for('malformed')
  }
}

/** The local simulator: anyone may act as anyone, so it is mounted only when DEV_CHAT is on. */
export function consoleRoutes(core: Core): Hono {
  const app = new Hono()
  const { db } = core.store

  async function run(source: Awaited<ReturnType<typeof receive>>, chatId: string) {
    if (source.duplicate) return { replies: [] }
    const rows = await repliesFor(db, `inbox:${source.inboxId}`, chatId)
    // The synchronous answer is the delivery: drain so the rows are marked sent.
    await core.dispatcher.drain()
    return { replies: rows.map((r) => render(JSON.parse(r.reply) as Reply, r.id)) }
  }

  app.get('/', (c) => c.html(CHAT_PAGE))

  app.post('/dev/chat', async (c) => {
    const parsed = DevChatBody.safeParse(await readJson(c.req.raw))
    if (!parsed.success) return c.json(problem(parsed.error), 400)
    const name = (await findMe(db, 'console', parsed.data.userId))?.name
    const result = await receive(core, toIncoming(parsed.data, core.clock(), core.process.newId(), name))
    return c.json(await run(result, parsed.data.chatId))
  })

  app.post('/dev/upload', (c) => uploadRoute(core, c))

  app.get('/dev/files/:id', (c) => fileRoute(db, c))

  app.post('/dev/action', async (c) => {
    const parsed = DevActionBody.safeParse(await readJson(c.req.raw))
    if (!parsed.success) return c.json(problem(parsed.error), 400)
    const result = await receive(core, toCardAction(parsed.data, core.clock(), core.process.newId()))
    const answer = await run(result, parsed.data.chatId)
    if (result.duplicate) return c.json(answer)
    return c.json({
      ...answer,
      ...(result.toast ? { toast: result.toast } : {}),
      ...(result.card ? { card: result.card } : {}),
    })
  })

  app.get('/dev/directory', async (c) => c.json(await directory(db)))

  app.route('/', clockRoutes(core))

  app.get('/dev/outbox', async (c) => {
    const q = z
      .object({ chatId: z.string().max(64).optional(), userId: z.string().max(64).optional() })
      .safeParse(c.req.query())
    if (!q.success || (!q.data.chatId && !q.data.userId))
      return c.json({ error: 'give chatId or userId, e.g. /dev/outbox?userId=u1001' }, 400)
    const rows = await pushesTo(db, q.data)
    return c.json({
      messages: rows.map((r) => ({
        id: r.id,
        to: { kind: r.targetKind, id: r.targetId },
        status: r.status,
        at: new Date(r.createdAt).toISOString(),
        // A push held (quiet hours, a shift, the rest after it) names the minute it goes out.
        ...(r.status === 'pending' && r.nextAttemptAt > r.createdAt
          ? { notBefore: new Date(r.nextAttemptAt).toISOString() }
          : {}),
        ...render(JSON.parse(r.reply) as Reply, r.id),
      })),
    })
  })

  return app
}
