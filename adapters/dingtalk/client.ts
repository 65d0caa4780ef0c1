import { PlatformError } from '../../src/errors'
import { fetchTextWithin } from '../../src/within'
import { DINGTALK_TOKEN_MARGIN_MS } from './limits'

/**
 * The robot APIs the bot calls, on `fetch` alone (Node and Workers):
 * - POST /v1.0/oauth2/accessToken {appKey, appSecret} → {accessToken, expireIn}
 *   (https://open.dingtalk.com/document/orgapp/obtain-the-access_token-of-an-internal-app);
 * - POST /v1.0/robot/groupMessages/send {msgParam, msgKey, openConversationId, robotCode}
 *   (机器人发送群聊消息, https://open.dingtalk.com/document/orgapp/the-robot-sends-a-group-message);
 * - POST /v1.0/robot/oToMessages/batchSend {robotCode, userIds, msgKey, msgParam}
 *   (批量发送人与机器人会话中机器人消息, https://open.dingtalk.com/document/orgapp/chatbots-send-one-on-one-chat-messages-in-batches).
 * Errors come as HTTP 4xx/5xx with `{ code, message, requestid }`. Every failure is a `PlatformError('dingtalk', …)`.
 */
export type DingtalkClientOptions = {
  clientId: string
  clientSecret: string
  robotCode: string
  /** `https://api.dingtalk.com`, or a fake server in tests. */
  apiRoot: string
  fetch?: typeof fetch
  now?: () => number
  timeoutMs?: number
}

export type RobotMessage = { msgKey: string; msgParam: string }

type Body = { code?: string; message?: string; [k: string]: unknown }

/** A rejected token: renewed once. */
const TOKEN_INVALID = /InvalidAuthentication|InvalidAccessToken|token.*(expired|invalid)/i
/** The Open API's frequency limits (HTTP 403 with these codes). */
const RATE_LIMITED = /QpsLimit|FlowControl|Throttling/i
const HINTS: [RegExp, string][] = [
  [
    /robot.*not.*exist|robotCode/i,
    'DINGTALK_ROBOT_CODE is not this app’s robot: copy it from the robot settings',
  ],
  [/openConversationId|conversation/i, 'the robot is not in this group: add it to the group again'],
  [/appkey|appsecret|invalid.*client/i, 'DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET are wrong'],
]

export class DingtalkClient {
  private readonly doFetch: typeof fetch
  private readonly now: () => number
  private token?: { value: string; expiresAt: number }
  private tokenRequest?: Promise<string>

  constructor(private readonly opts: DingtalkClientOptions) {
    // Workers throw "Illegal invocation" when fetch is called as a method of another object.
    const f = opts.fetch
    this.doFetch = (input, init) => (f ? f(input, init) : fetch(input, init))
    this.now = opts.now ?? Date.now
  }

  get robotCode(): string {
    return this.opts.robotCode
  }

  /** The cached app token; concurrent callers share one request for a new one. */
  async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt - DINGTALK_TOKEN_MARGIN_MS) return this.token.value
    this.tokenRequest ??= this.fetchToken().finally(() => {
      this.tokenRequest = undefined
    })
    return this.tokenRequest
  }

  private async fetchToken(): Promise<string> {
    const { status, body } = await this.request('/v1.0/oauth2/accessToken', {
      appKey: this.opts.clientId,
      appSecret: this.opts.clientSecret,
    })
    if (status !== 200 || typeof body.accessToken !== 'string')
      throw refusal(status, body, '/v1.0/oauth2/accessToken')
    this.token = { value: body.accessToken, expiresAt: this.now() + Number(body.expireIn ?? 0) * 1_000 }
    return body.accessToken
  }

  /** Into a group the robot is in; answers the processQueryKey. */
  async sendToGroup(openConversationId: string, m: RobotMessage): Promise<string | undefined> {
    const body = await this.api('/v1.0/robot/groupMessages/send', {
      ...m,
      openConversationId,
      robotCode: this.opts.robotCode,
    })
    return typeof body.processQueryKey === 'string' ? body.processQueryKey : undefined
  }

  /** To one member's private chat with the robot; answers the processQueryKey. */
  async sendToUser(userId: string, m: RobotMessage): Promise<string | undefined> {
    const path = '/v1.0/robot/oToMessages/batchSend'
    const body = await this.api(path, { ...m, userIds: [userId], robotCode: this.opts.robotCode })
    const listed = (key: string) => Array.isArray(body[key]) && (body[key] as unknown[]).includes(userId)
    if (listed('flowControlledStaffIdList'))
      throw new PlatformError('dingtalk', 429, { message: `dingtalk ${path}: ${userId} is flow-controlled` })
    if (listed('invalidStaffIdList'))
      throw new PlatformError('dingtalk', 400, {
        message: `dingtalk ${path}: ${userId} is not a member the robot can reach (outside the app's range?)`,
      })
    return typeof body.processQueryKey === 'string' ? body.processQueryKey : undefined
  }

  private async api(path: string, payload: unknown): Promise<Body> {
    const token = await this.accessToken()
    let answer = await this.request(path, payload, token)
    if (answer.status === 401 || TOKEN_INVALID.test(answer.body.code ?? '')) {
      if (this.token?.value === token) this.token = undefined
      answer = await this.request(path, payload, await this.accessToken())
    }
    if (answer.status !== 200) throw refusal(answer.status, answer.body, path)
    return answer.body
  }

  private async request(
    path: string,
    payload: unknown,
    token?: string,
  ): Promise<{ status: number; body: Body }> {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }
    if (token) headers['x-acs-dingtalk-access-token'] = token
    const { res, text } = await fetchTextWithin(
      { platform: 'dingtalk', call: `POST ${path}` },
      this.doFetch,
      `${this.opts.apiRoot}${path}`,
      { method: 'POST', headers, body: JSON.stringify(payload) },
      this.opts.timeoutMs ?? 10_000,
    )
    let body: Body = {}
    try {
      body = JSON.parse(text) as Body
    } catch {}
    return { status: res.status, body }
  }
}

function refusal(status: number, body: Body, path: string): PlatformError {
  const said = `${body.code ?? 'no code'} ${body.message ?? ''}`.trim()
  const hint = HINTS.find(([re]) => re.test(said))?.[1]
  const message = `dingtalk POST ${path} answered ${status}: ${said}${hint ? `; ${hint}` : ''}`
  if (status === 429 || RATE_LIMITED.test(body.code ?? ''))
    return new PlatformError('dingtalk', 429, { message, retryAfterMs: 1_000 })
  if (status >= 500 || status === 0) return new PlatformError('dingtalk', status || 502, { message })
  return new PlatformError('dingtalk', status >= 400 && status < 500 ? status : 400, { message })
}
