import { PlatformError } from '../../src/errors'
import type { UrgentMode } from '../../src/outbox/outbound'
import { fetchTextWithin } from '../../src/within'
import { FEISHU_CHAT_BACKOFF_MS, FEISHU_UUID_MAX_CHARS } from './limits'
import { urgentRequest } from './urgent'

/**
 * The few Open API calls the bot makes, on `fetch` alone so that one implementation serves Node and Workers
 * (the official SDK does not load on Workers, STACK.md). Every failure is a `PlatformError('feishu', …)`:
 * 429 (with the platform's wait), 5xx, 0 for a network failure or timeout, 400 for a refusal.
 */
export type FeishuClientOptions = {
  appId: string
  appSecret: string
  /** `https://open.feishu.cn`, `https://open.larksuite.com`, or a fake server in tests. */
  domain: string
  fetch?: typeof fetch
  now?: () => number
  timeoutMs?: number
}

export type MsgType = 'text' | 'interactive' | 'file'
/** The upload's `file_type`: Feishu names a few (pdf, doc, xls, ppt, mp4, opus); anything else is `stream`. */
export type FileType = 'xls' | 'pdf' | 'doc' | 'ppt' | 'stream'

type Body = {
  code?: number
  msg?: string
  data?: { message_id?: string; file_key?: string }
  [k: string]: unknown
}

/** Token missing or invalid: fetch a new one and try once more.
 * https://open.feishu.cn/document/server-docs/api-call-guide/generic-error-code */
const TOKEN_INVALID = new Set([99991661, 99991663, 99991668])
/** "request trigger frequency limit", sent with HTTP 429 (400 on older APIs) and x-ogw-ratelimit-reset.
 * https://open.feishu.cn/document/server-docs/api-call-guide/frequency-control */
const RATE_LIMITED = 99991400
/** "This operation triggers the frequency limit": one chat's 5 QPS, so only that row backs off. */
const CHAT_RATE_LIMITED = 230020
/** tenant_access_token lives at most 2 h and a new one is issued once less than 30 min remain; we renew
 * 5 min before `expire`. https://open.feishu.cn/document/server-docs/authentication-management/access-token/tenant_access_token_internal */
const TOKEN_MARGIN_MS = 5 * 60_000

const HINTS: Record<number, string> = {
  230002: 'the bot is not in this chat: add it to the group',
  230013: 'the user is outside the app’s availability range: widen it in the developer console',
  99991672: 'the app lacks a scope: enable im:message:send_as_bot and publish a new version',
  10003: 'FEISHU_APP_ID / FEISHU_APP_SECRET are wrong',
}

export class FeishuClient {
  private readonly doFetch: typeof fetch
  private readonly now: () => number
  private readonly timeoutMs: number
  private token?: { value: string; expiresAt: number }
  private tokenRequest?: Promise<string>
  private bot?: { openId: string; name: string }

  constructor(private readonly opts: FeishuClientOptions) {
    // Workers throw "Illegal invocation" when fetch is called as a method of another object.
    const f = opts.fetch
    this.doFetch = (input, init) => (f ? f(input, init) : fetch(input, init))
    this.now = opts.now ?? Date.now
    this.timeoutMs = opts.timeoutMs ?? 10_000
  }

  /** The cached tenant token; concurrent callers share one request for a new one. */
  async tenantToken(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt - TOKEN_MARGIN_MS) return this.token.value
    this.tokenRequest ??= this.fetchToken().finally(() => {
      this.tokenRequest = undefined
    })
    return this.tokenRequest
  }

  private async fetchToken(): Promise<string> {
    const { appId: app_id, appSecret: app_secret } = this.opts
    const body = await this.request('POST', '/open-apis/auth/v3/tenant_access_token/internal', {
      app_id,
      app_secret,
    })
    const value = body.tenant_access_token
    if (typeof value !== 'string')
      throw new PlatformError('feishu', 502, { message: 'feishu: token answer has no tenant_access_token' })
    this.token = { value, expiresAt: this.now() + Number(body.expire ?? 0) * 1_000 }
    return value
  }

  /** POST /open-apis/im/v1/messages; `uuid` makes a retry within 1 h post nothing new. */
  async send(m: {
    receiveIdType: 'chat_id' | 'open_id'
    receiveId: string
    msgType: MsgType
    content: string
    uuid: string
  }) {
    const path = `/open-apis/im/v1/messages?receive_id_type=${m.receiveIdType}`
    const body = { receive_id: m.receiveId, msg_type: m.msgType, content: m.content, uuid: checkUuid(m.uuid) }
    return (await this.api('POST', path, body)).data?.message_id
  }

  /** POST /open-apis/im/v1/messages/{message_id}/reply. */
  async reply(m: { messageId: string; msgType: MsgType; content: string; uuid: string }) {
    const path = `/open-apis/im/v1/messages/${encodeURIComponent(m.messageId)}/reply`
    const body = { msg_type: m.msgType, content: m.content, uuid: checkUuid(m.uuid) }
    return (await this.api('POST', path, body)).data?.message_id
  }

  /**
   * POST /open-apis/im/v1/files, multipart `file_type`, `file_name`, `file`: the `file_key` a `file` message
   * sends (at most 30 MB, never empty: https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/im-v1/file/create). An upload
   * has no idempotency key; a retried send uploads again, and the message's `uuid` still posts it once.
   */
  async uploadFile(f: { fileType: FileType; fileName: string; mime: string; bytes: Uint8Array }) {
    const form = new FormData()
    form.append('file_type', f.fileType)
    form.append('file_name', f.fileName)
    form.append('file', new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.mime }), f.fileName)
    const key = (await this.api('POST', '/open-apis/im/v1/files', form)).data?.file_key
    if (typeof key !== 'string')
      throw new PlatformError('feishu', 502, { message: 'feishu: file upload answer has no file_key' })
    return key
  }

  /** PATCH /open-apis/im/v1/messages/{message_id}: replaces a shared card's content. */
  async patchCard(m: { messageId: string; content: string }): Promise<void> {
    await this.api('PATCH', `/open-apis/im/v1/messages/${encodeURIComponent(m.messageId)}`, {
      content: m.content,
    })
  }

  /** 加急 on one of the bot's own messages for these open_ids (urgent.ts). */
  async urgent(m: { messageId: string; userIds: string[]; mode: UrgentMode }): Promise<void> {
    const { path, body } = urgentRequest(m)
    await this.api('PATCH', path, body)
  }

  /** GET /open-apis/bot/v3/info, asked once. */
  async botInfo(): Promise<{ openId: string; name: string }> {
    if (this.bot) return this.bot
    const { bot } = (await this.api('GET', '/open-apis/bot/v3/info')) as {
      bot?: { open_id?: string; app_name?: string }
    }
    if (!bot?.open_id) throw new PlatformError('feishu', 502, { message: 'feishu: bot info has no open_id' })
    this.bot = { openId: bot.open_id, name: bot.app_name ?? '' }
    return this.bot
  }

  /**
   * A GET answered with bytes (a message's file): the successful response, its body unread, so the caller can
   * stop reading at its size limit. A refusal comes as JSON with a code, and a stale token is renewed once.
   */
  async download(path: string): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.tenantToken()
      let res: Response
      try {
        // The caller reads the body after this returns, still within the timeout: hence no `within` here.
        const signal = AbortSignal.timeout(this.timeoutMs)
        res = await this.doFetch(`${this.opts.domain}${path}`, {
          headers: { authorization: `Bearer ${token}` },
          signal,
        })
      } catch (err) {
        const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err)
        throw new PlatformError('feishu', 0, {
          message: `feishu GET ${path.split('?')[0]} got no answer (${why})`,
        })
      }
      if (res.ok && !(res.headers.get('content-type') ?? '').includes('application/json')) return res
      let json: Body = {}
      try {
        json = JSON.parse(await res.text()) as Body
      } catch {}
      if (TOKEN_INVALID.has(json.code ?? 0) && attempt === 1) {
        if (this.token?.value === token) this.token = undefined
        continue
      }
      if (res.status === 429 || json.code === RATE_LIMITED)
        throw new PlatformError('feishu', 429, { message: `feishu GET ${path.split('?')[0]}: rate limited` })
      if (res.status >= 500)
        throw new PlatformError('feishu', res.status, {
          message: `feishu GET ${path.split('?')[0]} answered ${res.status}`,
        })
      throw refusal(json, 'GET', path, res.ok ? 400 : res.status)
    }
  }

  private async api(method: string, path: string, body?: unknown): Promise<Body> {
    const token = await this.tenantToken()
    const res = await this.request(method, path, body, token)
    if (!TOKEN_INVALID.has(res.code ?? 0)) return res
    if (this.token?.value === token) this.token = undefined
    const again = await this.request(method, path, body, await this.tenantToken())
    if (TOKEN_INVALID.has(again.code ?? 0)) throw refusal(again, method, path, 401)
    return again
  }

  /** One HTTP call; answers the body when it succeeded or said the token is invalid, throws otherwise. */
  private async request(method: string, path: string, body?: unknown, token?: string): Promise<Body> {
    // A multipart body (an upload) sets its own content type, with the boundary.
    const form = body instanceof FormData
    const headers: Record<string, string> = form ? {} : { 'content-type': 'application/json; charset=utf-8' }
    if (token) headers.authorization = `Bearer ${token}`
    const where = `${method} ${path.split('?')[0]}`
    const payload = (body === undefined || form ? body : JSON.stringify(body)) as BodyInit | undefined
    const { res, text } = await fetchTextWithin(
      { platform: 'feishu', call: where },
      this.doFetch,
      `${this.opts.domain}${path}`,
      { method, headers, body: payload },
      this.timeoutMs,
    )
    let json: Body = {}
    try {
      json = JSON.parse(text) as Body
    } catch {}
    const code = json.code
    const reset = Number(res.headers.get('x-ogw-ratelimit-reset'))
    const resetMs = Number.isFinite(reset) && reset > 0 ? reset * 1_000 : undefined
    if (code === CHAT_RATE_LIMITED)
      throw new PlatformError('feishu', 429, {
        retryAfterMs: resetMs ?? FEISHU_CHAT_BACKOFF_MS,
        message: `feishu ${where}: ${code} ${json.msg ?? 'chat frequency limit'}`,
      })
    if (res.status === 429 || code === RATE_LIMITED)
      throw new PlatformError('feishu', 429, {
        retryAfterMs: resetMs,
        message: `feishu ${where}: rate limited`,
      })
    if (res.status >= 500)
      throw new PlatformError('feishu', res.status, {
        message: `feishu ${where} answered ${res.status} ${json.msg ?? ''}`.trim(),
      })
    if (code !== undefined && TOKEN_INVALID.has(code) && token) return json
    if (!res.ok || code !== 0) throw refusal(json, method, path, res.ok ? 400 : res.status)
    return json
  }
}

function refusal(json: Body, method: string, path: string, status: number): PlatformError {
  const code = json.code ?? 'no code'
  const hint = typeof json.code === 'number' && HINTS[json.code] ? `; ${HINTS[json.code]}` : ''
  const message = `feishu ${method} ${path.split('?')[0]} refused: code ${code} ${json.msg ?? ''}${hint}`
  return new PlatformError('feishu', status >= 400 && status < 500 ? status : 400, { message })
}

function checkUuid(uuid: string): string {
  if (uuid.length > FEISHU_UUID_MAX_CHARS)
    throw new PlatformError('feishu', 400, { message: `feishu: uuid "${uuid}" is longer than 50 characters` })
  return uuid
}
