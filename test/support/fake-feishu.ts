import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Multipart, parseMultipart } from './multipart'

/**
 * A fake Feishu Open API on 127.0.0.1: tenant token, send / reply / patch message, file upload, bot info. It answers in
 * Feishu's shapes, checks the bearer token, keeps Feishu's `uuid` dedupe (one message per uuid within 1 h)
 * and the body size limits, and takes faults: failures, hangs, an expired token, rate limits.
 */
export type FakeMessage = {
  messageId: string
  path: string
  receiveIdType?: string
  receiveId?: string
  replyTo?: string
  msgType: string
  content: unknown
  uuid?: string
  token: string
}

export type Fault = { status: number; code?: number; msg?: string; resetSeconds?: number }

export type FakeFeishu = {
  url: string
  appId: string
  appSecret: string
  /** Accepted messages, each once however often its uuid was sent. */
  messages: FakeMessage[]
  patches: { messageId: string; content: unknown; token: string }[]
  /** 加急 calls on sent messages: `mode` is app, sms or phone. */
  urgents: { messageId: string; mode: string; userIdType: string; userIds: unknown; token: string }[]
  /** Every request, answered or not: `METHOD /path`. */
  requests: string[]
  tokensIssued: number
  /** When set, message calls over these rates get 429 (app-wide) or code 230020 (one chat). */
  limit?: { perSecond?: number; perMinute?: number; perChatPerSecond?: number }
  /** The next `n` message calls answer this status / code instead of being processed. */
  failNext(n: number, fault: Fault): void
  /** When set, that share of message calls (0–1) meets a fault picked by a seeded sequence: 429 with a
   * reset, 500, 502, 503, handled-but-never-answered, or a connection reset. */
  chaos?: { rate: number; seed: number }
  /** Every message call waits this long before it is handled: a slow platform. */
  delayMs?: number
  /** The next `n` message calls are processed (and recorded) but never answered: a lost response. */
  hangNext(n: number): void
  /** Every token issued so far becomes invalid (code 99991663). */
  expireToken(): void
  /** Files the bot uploaded (POST /open-apis/im/v1/files), each with the file_key it was given. */
  uploads: { fileKey: string; fileType: string; fileName: string; bytes: Uint8Array; token: string }[]
  /** Files people sent, served by GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=: key `<message_id>/<file_key>`. */
  resources: Map<string, { type: 'image' | 'file'; bytes: Uint8Array }>
  close(): Promise<void>
}

const HOUR = 60 * 60_000
const CARD_BYTES = 30 * 1024
const TEXT_BYTES = 150 * 1024
/** file_type values of https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/im-v1/file/create */
const FILE_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream'])

export async function startFakeFeishu(
  opts: { appId?: string; appSecret?: string } = {},
): Promise<FakeFeishu> {
  const appId = opts.appId ?? 'cli_fake0000000000'
  const appSecret = opts.appSecret ?? 'fake-secret'
  const validTokens = new Set<string>()
  const byUuid = new Map<string, { at: number; answer: object }>()
  const chatOf = new Map<string, string>()
  const faults: (Fault | 'hang')[] = []
  const sentAt: number[] = []
  const sentAtByChat = new Map<string, number[]>()
  const hanging = new Set<http.ServerResponse>()
  let seq = 0

  const reply = (
    res: http.ServerResponse,
    status: number,
    body: object,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    res.end(JSON.stringify(body))
  }

  const overLimit = (key: string, now: number): Fault | undefined => {
    const lim = fake.limit
    if (!lim) return undefined
    const recent = (times: number[]) => times.filter((t) => t > now - 1_000).length
    if (lim.perSecond !== undefined && recent(sentAt) >= lim.perSecond)
      return { status: 429, code: 99991400, msg: 'request trigger frequency limit', resetSeconds: 1 }
    const lastMinute = sentAt.filter((t) => t > now - 60_000)
    if (lim.perMinute !== undefined && lastMinute.length >= lim.perMinute) {
      const frees = (lastMinute[lastMinute.length - lim.perMinute] as number) + 60_000
      return {
        status: 429,
        code: 99991400,
        msg: 'request trigger frequency limit',
        resetSeconds: Math.ceil((frees - now) / 1_000),
      }
    }
    const chat = sentAtByChat.get(key) ?? []
    if (lim.perChatPerSecond !== undefined && recent(chat) >= lim.perChatPerSecond)
      return { status: 400, code: 230020, msg: 'This operation triggers the frequency limit.' }
    return undefined
  }

  let chaosState = 0
  /** A seeded pick among the faults a platform shows under load; 'hang' is handled and never answered. */
  const chaosFault = (): Fault | 'hang' | 'reset' | undefined => {
    const c = fake.chaos
    if (!c) return undefined
    chaosState = (Math.imul(chaosState || c.seed, 1103515245) + 12345) >>> 0
    const roll = chaosState / 2 ** 32
    if (roll >= c.rate) return undefined
    const kinds = [
      { status: 429, code: 99991400, msg: 'request trigger frequency limit', resetSeconds: 2 },
      { status: 500 },
      { status: 502, msg: 'Bad Gateway' },
      { status: 503, msg: 'Service Unavailable' },
      'hang' as const,
      'reset' as const,
    ]
    return kinds[Math.floor((roll / c.rate) * kinds.length)]
  }

  const fail = (res: http.ServerResponse, f: Fault) =>
    reply(
      res,
      f.status,
      { code: f.code ?? f.status, msg: f.msg ?? 'injected fault' },
      f.resetSeconds
        ? {
            'x-ogw-ratelimit-limit': '50',
            'x-ogw-ratelimit-reset': String(f.resetSeconds),
          }
        : {},
    )

  function message(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    body: Record<string, unknown>,
  ) {
    const auth = req.headers.authorization ?? ''
    const token = auth.replace(/^Bearer /, '')
    const fault = url.pathname.startsWith('/open-apis/im/') ? (faults.shift() ?? chaosFault()) : undefined
    if (fault === 'reset') return void req.socket.destroy()
    if (fault && fault !== 'hang') return fail(res, fault)
    if (!validTokens.has(token))
      return reply(res, 400, {
        code: 99991663,
        msg: 'Invalid access token for authorization. Please make a request with token attached.',
      })
    const resource = url.pathname.match(/^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/)
    if (req.method === 'GET' && resource) {
      const file = fake.resources.get(
        `${decodeURIComponent(resource[1] as string)}/${decodeURIComponent(resource[2] as string)}`,
      )
      // 234003 "file not in message"; the type must match the resource (an image fetched as a file fails).
      if (!file || file.type !== url.searchParams.get('type'))
        return reply(res, 400, { code: 234003, msg: 'File not in msg.' })
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(file.bytes.length),
      })
      return void res.end(file.bytes)
    }
    if (req.method === 'POST' && url.pathname === '/open-apis/im/v1/files')
      return upload(res, body, token, fault)
    if (url.pathname === '/open-apis/bot/v3/info')
      return reply(res, 200, {
        code: 0,
        msg: 'ok',
        bot: {
          activate_status: 2,
          app_name: '融合助手',
          avatar_url: '',
          ip_white_list: [],
          open_id: 'ou_fakebot',
        },
      })
    const urgent = url.pathname.match(/^\/open-apis\/im\/v1\/messages\/([^/]+)\/urgent_(app|sms|phone)$/)
    if (req.method === 'PATCH' && urgent) {
      const messageId = decodeURIComponent(urgent[1] as string)
      // Only a message the bot sent can be pressed (230001 is Feishu's answer for any other id).
      if (!chatOf.has(messageId)) return reply(res, 400, { code: 230001, msg: 'invalid message_id' })
      const userIds = body.user_id_list
      fake.urgents.push({
        messageId,
        mode: urgent[2] as string,
        userIdType: url.searchParams.get('user_id_type') ?? '',
        userIds,
        token,
      })
      return reply(res, 200, { code: 0, msg: 'success', data: { invalid_user_id_list: [] } })
    }
    const patch = url.pathname.match(/^\/open-apis\/im\/v1\/messages\/([^/]+)$/)
    if (req.method === 'PATCH' && patch) {
      const messageId = decodeURIComponent(patch[1] as string)
      if (!chatOf.has(messageId)) return reply(res, 400, { code: 230001, msg: 'invalid message_id' })
      fake.patches.push({ messageId, content: JSON.parse(String(body.content)), token })
      return fault === 'hang' ? hanging.add(res) : reply(res, 200, { code: 0, msg: 'success', data: {} })
    }
    const replyTo = url.pathname.match(/^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/)?.[1]
    if (req.method !== 'POST' || (!replyTo && url.pathname !== '/open-apis/im/v1/messages'))
      return reply(res, 404, { code: 404, msg: 'not found' })
    const uuid = typeof body.uuid === 'string' ? body.uuid : undefined
    if (uuid && uuid.length > 50)
      return reply(res, 400, { code: 230001, msg: 'uuid is longer than 50 characters' })
    const content = String(body.content ?? '')
    if (body.msg_type === 'file') {
      const key = (JSON.parse(content) as { file_key?: string }).file_key
      if (!fake.uploads.some((u) => u.fileKey === key))
        return reply(res, 400, { code: 230001, msg: 'invalid file_key' })
    }
    if (Buffer.byteLength(content) > (body.msg_type === 'text' ? TEXT_BYTES : CARD_BYTES))
      return reply(res, 400, { code: 230025, msg: 'The length of the message content reaches its limit.' })
    const now = Date.now()
    const known = uuid ? byUuid.get(uuid) : undefined
    if (known && known.at > now - HOUR)
      return fault === 'hang' ? hanging.add(res) : reply(res, 200, known.answer)
    const receiveId = body.receive_id === undefined ? undefined : String(body.receive_id)
    const chatKey = receiveId ?? chatOf.get(decodeURIComponent(replyTo ?? '')) ?? String(replyTo)
    const limited = overLimit(chatKey, now)
    if (limited) return fail(res, limited)
    const messageId = `om_fake${String(++seq).padStart(6, '0')}`
    fake.messages.push({
      messageId,
      path: url.pathname,
      ...(receiveId ? { receiveIdType: url.searchParams.get('receive_id_type') ?? '', receiveId } : {}),
      ...(replyTo ? { replyTo: decodeURIComponent(replyTo) } : {}),
      msgType: String(body.msg_type),
      content: JSON.parse(content),
      uuid,
      token,
    })
    chatOf.set(messageId, chatKey)
    sentAt.push(now)
    sentAtByChat.set(chatKey, [...(sentAtByChat.get(chatKey) ?? []), now].slice(-100))
    const answer = {
      code: 0,
      msg: 'success',
      data: {
        message_id: messageId,
        ...(replyTo ? { root_id: replyTo, parent_id: replyTo } : {}),
        msg_type: body.msg_type,
        create_time: String(now),
        update_time: String(now),
        deleted: false,
        updated: false,
        chat_id: chatKey,
        sender: { id: appId, id_type: 'app_id', sender_type: 'app', tenant_key: 'fake_tenant' },
        body: { content },
      },
    }
    if (uuid) byUuid.set(uuid, { at: now, answer })
    return fault === 'hang' ? hanging.add(res) : reply(res, 200, answer)
  }

  /** The upload's fields as Feishu documents them: file_type from its list, file_name, a non-empty file. */
  function upload(res: http.ServerResponse, body: Record<string, unknown>, token: string, fault?: 'hang') {
    const form = body.form as Multipart | undefined
    const file = form?.files.file
    const fileType = form?.fields.file_type ?? ''
    const fileName = form?.fields.file_name ?? ''
    if (!file || !FILE_TYPES.has(fileType) || !fileName)
      return reply(res, 400, { code: 234001, msg: 'Invalid request param.' })
    if (file.bytes.length === 0) return reply(res, 400, { code: 234010, msg: 'File size is 0.' })
    const fileKey = `file_v3_fake${String(++seq).padStart(6, '0')}`
    fake.uploads.push({ fileKey, fileType, fileName, bytes: file.bytes, token })
    return fault === 'hang'
      ? hanging.add(res)
      : reply(res, 200, { code: 0, msg: 'success', data: { file_key: fileKey } })
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      // For tests in workerd, which cannot read this process's memory: what was accepted, over HTTP.
      if (req.method === 'GET' && url.pathname === '/__messages') return reply(res, 200, fake.messages)
      fake.requests.push(`${req.method} ${url.pathname}`)
      let body: Record<string, unknown> = {}
      const multipart = (req.headers['content-type'] ?? '').startsWith('multipart/form-data')
      if (multipart) {
        const form = parseMultipart(req.headers['content-type'] ?? '', Buffer.concat(chunks))
        if (!form) return reply(res, 400, { code: 9499, msg: 'Bad Request' })
        if (fake.delayMs) setTimeout(() => message(req, res, url, { form }), fake.delayMs)
        else message(req, res, url, { form })
        return
      }
      try {
        body = chunks.length
          ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
          : {}
      } catch {
        return reply(res, 400, { code: 9499, msg: 'Bad Request' })
      }
      if (url.pathname === '/open-apis/auth/v3/tenant_access_token/internal') {
        if (body.app_id !== appId || body.app_secret !== appSecret)
          return reply(res, 400, { code: 10003, msg: 'invalid param' })
        const token = `t-fake${++fake.tokensIssued}`
        validTokens.add(token)
        return reply(res, 200, { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 })
      }
      if (fake.delayMs) setTimeout(() => message(req, res, url, body), fake.delayMs)
      else message(req, res, url, body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  const fake: FakeFeishu = {
    url: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    resources: new Map(),
    uploads: [],
    messages: [],
    patches: [],
    urgents: [],
    requests: [],
    tokensIssued: 0,
    failNext: (n, fault) => faults.push(...Array.from({ length: n }, () => fault)),
    hangNext: (n) => faults.push(...Array.from({ length: n }, () => 'hang' as const)),
    expireToken: () => validTokens.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive and hanging sockets would hold close() open (STACK.md).
        server.closeAllConnections()
        hanging.clear()
        server.close(() => resolve())
      }),
  }
  return fake
}
