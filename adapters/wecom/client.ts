import { PlatformError } from '../../src/errors'
import { fetchTextWithin } from '../../src/within'
import { WECOM_TOKEN_MARGIN_MS } from './limits'

/**
 * The few WeCom server API calls the bot makes, on `fetch` alone (Node and Workers). Every answer is
 * `{ errcode, errmsg, ... }` with HTTP 200; failures become `PlatformError('wecom', …)`: 429 for the frequency
 * limits, 503 for "系统繁忙", 0 for a network failure or timeout, 400 for a refusal (final).
 * Global error codes: https://developer.work.weixin.qq.com/document/path/90313
 */
export type WecomClientOptions = {
  corpId: string
  secret: string
  agentId: number
  /** `https://qyapi.weixin.qq.com`, or a fake server in tests. */
  apiRoot: string
  fetch?: typeof fetch
  now?: () => number
  timeoutMs?: number
}

type Body = { errcode?: number; errmsg?: string; [k: string]: unknown }

/** 40014 "不合法的access_token", 42001 "access_token已过期": fetch a new token and try once more. */
const TOKEN_INVALID = new Set([40014, 42001])
/** 45009 "接口调用超过限制", 45033 "接口并发调用超过限制". */
const RATE_LIMITED = new Set([45009, 45033])
/** -1 "系统繁忙，此时请开发者稍候再试". */
const BUSY = -1
/** Frequency limits block for the rest of the minute ("按分钟拦截则被屏蔽60秒"). */
const RATE_LIMIT_BACKOFF_MS = 60_000

const HINTS: Record<number, string> = {
  40001: 'WECOM_SECRET is wrong: use the Secret of this self-built app',
  40013: 'WECOM_CORP_ID is wrong',
  40056: 'WECOM_AGENT_ID is wrong',
  60020: "this server's IP is not in the app's 企业可信IP list",
  81013: 'the member is outside the app’s visible range (可见范围): widen it in the admin console',
  86003: 'unknown group chat: appchat/send reaches only groups the app created',
}

/** A refusal with WeCom's errcode, for the caller that handles one code itself (86003: not an app group). */
export class WecomRefusal extends PlatformError {
  constructor(
    readonly errcode: number | undefined,
    message: string,
  ) {
    super('wecom', 400, { message })
  }
}

export class WecomClient {
  private readonly doFetch: typeof fetch
  private readonly now: () => number
  private token?: { value: string; expiresAt: number }
  private tokenRequest?: Promise<string>

  constructor(private readonly opts: WecomClientOptions) {
    // Workers throw "Illegal invocation" when fetch is called as a method of another object.
    const f = opts.fetch
    this.doFetch = (input, init) => (f ? f(input, init) : fetch(input, init))
    this.now = opts.now ?? Date.now
  }

  get agentId(): number {
    return this.opts.agentId
  }

  /** The cached access_token; concurrent callers share one request for a new one (gettoken, path/91039). */
  async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt - WECOM_TOKEN_MARGIN_MS) return this.token.value
    this.tokenRequest ??= this.fetchToken().finally(() => {
      this.tokenRequest = undefined
    })
    return this.tokenRequest
  }

  private async fetchToken(): Promise<string> {
    const q = new URLSearchParams({ corpid: this.opts.corpId, corpsecret: this.opts.secret })
    const body = await this.request('GET', `/cgi-bin/gettoken?${q}`)
    if (body.errcode !== 0 || typeof body.access_token !== 'string') throw refusal(body, '/cgi-bin/gettoken')
    this.token = { value: body.access_token, expiresAt: this.now() + Number(body.expires_in ?? 0) * 1_000 }
    return body.access_token
  }

  /**
   * POST /cgi-bin/message/send (发送应用消息, path/90236); answers the msgid. To several members (`a|b|c`), a
   * recipient outside the visible range is skipped and the rest receive it ("如果部分接收人无权限或不存在，发送仍然执行");
   * to one, errcode 0 with that recipient in `invaliduser` means nothing was delivered.
   */
  async sendMessage(message: Record<string, unknown>): Promise<string | undefined> {
    const body = await this.api('/cgi-bin/message/send', { ...message, agentid: this.opts.agentId })
    const invalid = [body.invaliduser, body.unlicenseduser].find((v) => typeof v === 'string' && v !== '')
    if (invalid && !String(message.touser ?? '').includes('|'))
      throw new PlatformError('wecom', 400, {
        message: `wecom message/send: recipient ${String(invalid)} is not reachable; ${HINTS[81013]}`,
      })
    return typeof body.msgid === 'string' ? body.msgid : undefined
  }

  /** POST /cgi-bin/appchat/send (应用推送消息, path/90248): into a group chat the app created. */
  async sendToChat(message: Record<string, unknown>): Promise<void> {
    await this.api('/cgi-bin/appchat/send', message)
  }

  /** POST /cgi-bin/message/update_template_card (更新模版卡片消息, path/94888), with the click's ResponseCode. */
  async updateTemplateCard(update: Record<string, unknown>): Promise<void> {
    await this.api('/cgi-bin/message/update_template_card', { ...update, agentid: this.opts.agentId })
  }

  /** Answers a smart-bot message through its response_url (主动回复消息, path/101138): once, no token. */
  async respond(responseUrl: string, message: Record<string, unknown>): Promise<void> {
    if (!responseUrl.startsWith(`${this.opts.apiRoot}/`))
      throw new PlatformError('wecom', 400, {
        message: 'wecom: a response_url outside WECOM_API_ROOT is never called',
      })
    const body = await this.request('POST', responseUrl.slice(this.opts.apiRoot.length), message)
    if (body.errcode !== 0) throw refusal(body, '/cgi-bin/aibot/response')
  }

  private async api(path: string, payload: unknown): Promise<Body> {
    const token = await this.accessToken()
    let body = await this.request('POST', `${path}?access_token=${encodeURIComponent(token)}`, payload)
    if (TOKEN_INVALID.has(body.errcode ?? 0)) {
      if (this.token?.value === token) this.token = undefined
      const fresh = await this.accessToken()
      body = await this.request('POST', `${path}?access_token=${encodeURIComponent(fresh)}`, payload)
    }
    if (body.errcode !== 0) throw refusal(body, path)
    return body
  }

  /** One HTTP call; answers the parsed body whatever its errcode, throws when there is no usable answer. */
  private async request(method: string, pathAndQuery: string, payload?: unknown): Promise<Body> {
    const where = `${method} ${pathAndQuery.split('?')[0]}`
    const { res, text } = await fetchTextWithin(
      { platform: 'wecom', call: where },
      this.doFetch,
      `${this.opts.apiRoot}${pathAndQuery}`,
      {
        method,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      },
      this.opts.timeoutMs ?? 10_000,
    )
    if (res.status >= 500 || res.status === 429)
      throw new PlatformError('wecom', res.status, { message: `wecom ${where} answered HTTP ${res.status}` })
    try {
      return JSON.parse(text) as Body
    } catch {
      throw new PlatformError('wecom', 502, { message: `wecom ${where} answered something that is not JSON` })
    }
  }
}

function refusal(body: Body, path: string): PlatformError {
  const code = body.errcode
  const message = `wecom ${path} refused: errcode ${code ?? 'missing'} ${body.errmsg ?? ''}${
    code !== undefined && HINTS[code] ? `; ${HINTS[code]}` : ''
  }`
  if (code !== undefined && RATE_LIMITED.has(code))
    return new PlatformError('wecom', 429, { message, retryAfterMs: RATE_LIMIT_BACKOFF_MS })
  if (code === BUSY) return new PlatformError('wecom', 503, { message })
  if (code !== undefined && TOKEN_INVALID.has(code)) return new PlatformError('wecom', 401, { message })
  return new WecomRefusal(code, message)
}
