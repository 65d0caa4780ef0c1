import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseMultipart } from './multipart'

/**
 * A fake Telegram Bot API on 127.0.0.1 (https://core.telegram.org/bots/api#making-requests): `/bot<token>/<method>`
 * with JSON bodies and `{ ok, result }` / `{ ok: false, error_code, description, parameters }` answers. It checks
 * the token, parses `parse_mode: HTML` the way Telegram refuses it ("can't parse entities"), enforces the
 * message and callback_data sizes, serves getUpdates as a long poll with offsets, and takes injected faults.
 */
export type TgCall = { method: string; body: Record<string, unknown> }

export type TgSent = {
  chatId: string
  messageId: number
  /** What a reader sees: the HTML with its tags removed and entities decoded. */
  text: string
  html: string
  body: Record<string, unknown>
}

export type TgFault = { status: number; description?: string; retryAfter?: number }

export type FakeTelegram = {
  url: string
  token: string
  botId: number
  username: string
  /** Every API call, answered or refused, in order. */
  calls: TgCall[]
  /** Messages accepted by sendMessage. */
  sent: TgSent[]
  /** Files accepted by sendDocument (multipart, the file under its attach:// name). */
  documents: { chatId: string; messageId: number; filename: string; bytes: Uint8Array; caption?: string }[]
  /** The next `n` calls of `method` (sendMessage unless given) answer this fault instead. */
  failNext(n: number, fault: TgFault, method?: string): void
  /** Queues an update for getUpdates; its update_id must grow. */
  push(update: { update_id: number } & Record<string, unknown>): void
  callsOf(method: string): TgCall[]
  /** Files people sent, by file_id: getFile names `files/<file_id>`, served at `/file/bot<token>/files/<file_id>`. */
  files: Map<string, Uint8Array>
  close(): Promise<void>
}

const ALLOWED_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre'])
const ALLOWED_TAGS_MORE = new Set(['tg-spoiler', 'span', 'blockquote', 'tg-emoji'])

/** Telegram's HTML rules, strictly enough to catch unescaped user text: known tags, balanced, known entities. */
export function parseTelegramHtml(html: string): { ok: true; text: string } | { ok: false; error: string } {
  const stack: string[] = []
  let text = ''
  const re = /<(\/?)([a-z-]+)(?:\s[^<>]*)?>|&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);|[<>&]/gi
  let last = 0
  for (let m = re.exec(html); m; m = re.exec(html)) {
    text += html.slice(last, m.index)
    last = re.lastIndex
    if (m[0] === '<' || m[0] === '>' || m[0] === '&')
      return {
        ok: false,
        error: `Bad Request: can't parse entities: unexpected "${m[0]}" at byte offset ${m.index}`,
      }
    if (m[3] !== undefined) {
      const e = m[3].toLowerCase()
      text += e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : '?'
      continue
    }
    const tag = (m[2] as string).toLowerCase()
    if (!ALLOWED_TAGS.has(tag) && !ALLOWED_TAGS_MORE.has(tag))
      return { ok: false, error: `Bad Request: can't parse entities: unsupported start tag "${tag}"` }
    if (m[1]) {
      if (stack.pop() !== tag)
        return { ok: false, error: `Bad Request: can't parse entities: unmatched end tag "${tag}"` }
    } else stack.push(tag)
  }
  text += html.slice(last)
  if (stack.length)
    return { ok: false, error: `Bad Request: can't parse entities: unclosed "${stack.at(-1)}"` }
  return { ok: true, text }
}

const COMMAND = /^[a-z0-9_]{1,32}$/

export async function startFakeTelegram(
  opts: { token?: string; username?: string } = {},
): Promise<FakeTelegram> {
  const token = opts.token ?? '7000000001:AAfakefakefakefakefakefakefakefake'
  const botId = Number(token.split(':')[0])
  const username = opts.username ?? 'ronghe_bot'
  const faults = new Map<string, TgFault[]>()
  const updates: ({ update_id: number } & Record<string, unknown>)[] = []
  const waiting = new Set<() => void>()
  const perChat = new Map<string, number>()

  const answer = (res: http.ServerResponse, status: number, body: object) => {
    if (res.writableEnded) return
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const ok = (res: http.ServerResponse, result: unknown) => answer(res, 200, { ok: true, result })
  const refuse = (res: http.ServerResponse, status: number, description: string, retryAfter?: number) =>
    answer(res, status, {
      ok: false,
      error_code: status,
      description,
      ...(retryAfter !== undefined ? { parameters: { retry_after: retryAfter } } : {}),
    })

  const chatOf = (id: string) => ({
    id: Number(id),
    type: id.startsWith('-') ? 'supergroup' : 'private',
    ...(id.startsWith('-') ? { title: 'fake group' } : { first_name: 'someone' }),
  })
  const botUser = { id: botId, is_bot: true, first_name: '融合助手', username }

  function getUpdates(res: http.ServerResponse, body: Record<string, unknown>) {
    const offset = typeof body.offset === 'number' ? body.offset : 0
    // An offset confirms every update below it: they are never sent again.
    while (updates.length && (updates[0] as { update_id: number }).update_id < offset) updates.shift()
    if (updates.length) return ok(res, updates.slice(0, 100))
    const seconds = typeof body.timeout === 'number' ? body.timeout : 0
    const wake = () => {
      waiting.delete(wake)
      clearTimeout(timer)
      ok(res, updates.slice(0, 100))
    }
    const timer = setTimeout(wake, seconds * 1000)
    waiting.add(wake)
  }

  function sendMessage(res: http.ServerResponse, body: Record<string, unknown>) {
    const chatId = String(body.chat_id ?? '')
    if (!/^-?\d+$/.test(chatId)) return refuse(res, 400, 'Bad Request: chat not found')
    if (typeof body.text !== 'string' || body.text.trim() === '')
      return refuse(res, 400, 'Bad Request: message text is empty')
    const parsed =
      body.parse_mode === 'HTML' ? parseTelegramHtml(body.text) : { ok: true as const, text: body.text }
    if (!parsed.ok) return refuse(res, 400, parsed.error)
    if (parsed.text.length > 4096) return refuse(res, 400, 'Bad Request: message is too long')
    const rows = (body.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)
      ?.inline_keyboard
    for (const b of rows?.flat() ?? [])
      if (Buffer.byteLength(b.callback_data ?? '') > 64 || !b.callback_data)
        return refuse(res, 400, 'Bad Request: BUTTON_DATA_INVALID')
    const messageId = (perChat.get(chatId) ?? 0) + 1
    perChat.set(chatId, messageId)
    fake.sent.push({ chatId, messageId, text: parsed.text, html: body.text, body })
    const thread =
      typeof body.message_thread_id === 'number' ? { message_thread_id: body.message_thread_id } : {}
    return ok(res, {
      message_id: messageId,
      from: botUser,
      chat: chatOf(chatId),
      date: Math.floor(Date.now() / 1000),
      text: parsed.text,
      ...thread,
    })
  }

  /** https://core.telegram.org/bots/api#senddocument: a new file comes as `attach://<part>` (multipart). */
  function sendDocument(res: http.ServerResponse, body: Record<string, unknown>) {
    const chatId = String(body.chat_id ?? '')
    if (!/^-?\d+$/.test(chatId)) return refuse(res, 400, 'Bad Request: chat not found')
    const files = (body.__files ?? {}) as Record<string, { filename: string; bytes: Uint8Array }>
    const part = /^attach:\/\/(.+)$/.exec(String(body.document ?? ''))?.[1]
    const file = part ? files[part] : undefined
    if (!file) return refuse(res, 400, 'Bad Request: there is no document in the request')
    if (file.bytes.length === 0) return refuse(res, 400, 'Bad Request: file must be non-empty')
    const caption = typeof body.caption === 'string' ? body.caption : undefined
    if (caption && caption.length > 1024) return refuse(res, 400, 'Bad Request: message caption is too long')
    const messageId = (perChat.get(chatId) ?? 0) + 1
    perChat.set(chatId, messageId)
    fake.documents.push({ chatId, messageId, filename: file.filename, bytes: file.bytes, caption })
    return ok(res, {
      message_id: messageId,
      from: botUser,
      chat: chatOf(chatId),
      date: Math.floor(Date.now() / 1000),
      document: {
        file_id: `doc-${messageId}`,
        file_unique_id: `u-doc-${messageId}`,
        file_name: file.filename,
      },
      ...(caption ? { caption } : {}),
    })
  }

  function setMyCommands(res: http.ServerResponse, body: Record<string, unknown>) {
    const list = body.commands as { command?: string; description?: string }[] | undefined
    if (!Array.isArray(list) || list.length > 100) return refuse(res, 400, 'Bad Request: too many commands')
    for (const c of list) {
      if (!COMMAND.test(c.command ?? '')) return refuse(res, 400, 'Bad Request: BOT_COMMAND_INVALID')
      const d = c.description ?? ''
      if (d.length < 1 || d.length > 256)
        return refuse(res, 400, 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID')
    }
    return ok(res, true)
  }

  function api(res: http.ServerResponse, method: string, body: Record<string, unknown>) {
    fake.calls.push({ method, body })
    const fault = faults.get(method)?.shift()
    if (fault) return refuse(res, fault.status, fault.description ?? 'injected fault', fault.retryAfter)
    switch (method) {
      case 'getMe':
        return ok(res, { ...botUser, can_join_groups: true, can_read_all_group_messages: false })
      case 'sendMessage':
        return sendMessage(res, body)
      case 'sendDocument':
        return sendDocument(res, body)
      case 'editMessageText': {
        const parsed = parseTelegramHtml(String(body.text ?? ''))
        if (!parsed.ok) return refuse(res, 400, parsed.error)
        return ok(res, { message_id: body.message_id, chat: chatOf(String(body.chat_id)), text: parsed.text })
      }
      case 'answerCallbackQuery':
        if (String(body.text ?? '').length > 200) return refuse(res, 400, 'Bad Request: MESSAGE_TOO_LONG')
        return ok(res, true)
      case 'setMyCommands':
        return setMyCommands(res, body)
      case 'deleteWebhook':
      case 'setWebhook':
        return ok(res, true)
      case 'getUpdates':
        return getUpdates(res, body)
      case 'getFile': {
        const id = String(body.file_id ?? '')
        const file = fake.files.get(id)
        if (!file) return refuse(res, 400, 'Bad Request: invalid file_id')
        return ok(res, {
          file_id: id,
          file_unique_id: `u-${id}`,
          file_size: file.length,
          file_path: `files/${id}`,
        })
      }
      default:
        return refuse(res, 404, 'Not Found: method not found')
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      // For tests in workerd, which cannot read this process's memory.
      if (req.method === 'GET' && url.pathname === '/__calls')
        return ok(res, { calls: fake.calls, sent: fake.sent })
      const download = /^\/file\/bot([^/]+)\/files\/([^/]+)$/.exec(url.pathname)
      if (req.method === 'GET' && download) {
        const file =
          download[1] === token ? fake.files.get(decodeURIComponent(download[2] as string)) : undefined
        if (!file) return refuse(res, 404, 'Not Found')
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': String(file.length),
        })
        return void res.end(file)
      }
      const m = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname)
      if (!m) return refuse(res, 404, 'Not Found')
      if (m[1] !== token) return refuse(res, 401, 'Unauthorized')
      let body: Record<string, unknown> = {}
      const type = req.headers['content-type'] ?? ''
      if (type.startsWith('multipart/form-data')) {
        const form = parseMultipart(type, Buffer.concat(chunks))
        if (!form) return refuse(res, 400, 'Bad Request: invalid multipart body')
        // grammY sends objects as JSON strings and scalars as text.
        const fields = Object.fromEntries(
          Object.entries(form.fields).map(([k, v]) => [k, /^[[{]/.test(v) ? JSON.parse(v) : v]),
        )
        return api(res, m[2] as string, { ...fields, __files: form.files })
      }
      try {
        body = chunks.length
          ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
          : {}
      } catch {
        return refuse(res, 400, 'Bad Request: invalid JSON')
      }
      api(res, m[2] as string, body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  const fake: FakeTelegram = {
    url: `http://127.0.0.1:${port}`,
    token,
    botId,
    username,
    calls: [],
    sent: [],
    documents: [],
    files: new Map(),
    failNext: (n, fault, method = 'sendMessage') =>
      faults.set(method, [...(faults.get(method) ?? []), ...Array.from({ length: n }, () => fault)]),
    push: (update) => {
      updates.push(update)
      for (const wake of [...waiting]) wake()
    },
    callsOf: (method) => fake.calls.filter((c) => c.method === method),
    close: () =>
      new Promise<void>((resolve) => {
        for (const wake of [...waiting]) wake()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  return fake
}
