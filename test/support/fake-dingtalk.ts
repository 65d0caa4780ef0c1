import { createHmac } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A fake DingTalk Open API on 127.0.0.1: POST /v1.0/oauth2/accessToken, /v1.0/robot/groupMessages/send and
 * /v1.0/robot/oToMessages/batchSend, with the `x-acs-dingtalk-access-token` header and `{ code, message }`
 * errors (https://open.dingtalk.com/document/orgapp/the-robot-sends-a-group-message,
 * .../chatbots-send-one-on-one-chat-messages-in-batches). It checks the app key and secret, the token (which a
 * test can expire), the robot code, the msgKey and that msgParam is JSON with the fields its template needs.
 */
export type DingSent = {
  api: 'group' | 'user'
  to: string
  msgKey: string
  param: Record<string, unknown>
  /** What a reader sees: content or markdown without zero-width spaces and `**`. */
  text: string
}

export type DingFault = { status: number; code: string; message?: string }

export type FakeDingtalk = {
  url: string
  clientId: string
  clientSecret: string
  robotCode: string
  sent: DingSent[]
  tokenRequests: number
  failNext(n: number, fault: DingFault, api?: 'group' | 'user'): void
  expireTokens(): void
  close(): Promise<void>
}

const NEEDS: Record<string, string[]> = { sampleText: ['content'], sampleMarkdown: ['title', 'text'] }

export async function startFakeDingtalk(
  opts: { clientId?: string; clientSecret?: string; robotCode?: string } = {},
): Promise<FakeDingtalk> {
  const clientId = opts.clientId ?? 'dingfakeclientid'
  const clientSecret = opts.clientSecret ?? 'fake-dingtalk-client-secret'
  const robotCode = opts.robotCode ?? clientId
  const faults = new Map<string, DingFault[]>()
  const live = new Set<string>()
  let issued = 0
  let keys = 0

  const answer = (res: http.ServerResponse, status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const refuse = (res: http.ServerResponse, status: number, code: string, message: string) =>
    answer(res, status, { code, message, requestid: 'fake' })

  function send(res: http.ServerResponse, api: 'group' | 'user', body: Record<string, unknown>) {
    const fault = faults.get(api)?.shift()
    if (fault) return refuse(res, fault.status, fault.code, fault.message ?? 'injected fault')
    if (body.robotCode !== robotCode) return refuse(res, 400, 'invalidParameter.robotCode', 'robot not exist')
    const msgKey = String(body.msgKey ?? '')
    const needs = NEEDS[msgKey]
    if (!needs) return refuse(res, 400, 'invalidParameter.msgKey', `msgKey ${msgKey} not supported here`)
    let param: Record<string, unknown>
    try {
      param = JSON.parse(String(body.msgParam)) as Record<string, unknown>
    } catch {
      return refuse(res, 400, 'invalidParameter.msgParam', 'msgParam is not JSON')
    }
    if (needs.some((k) => typeof param[k] !== 'string' || param[k] === ''))
      return refuse(res, 400, 'invalidParameter.msgParam', `msgParam needs ${needs.join(', ')}`)
    const to =
      api === 'group' ? String(body.openConversationId ?? '') : ((body.userIds as string[]) ?? []).join(',')
    if (!to) return refuse(res, 400, 'invalidParameter', 'no receiver')
    const raw = String(param.content ?? param.text)
    fake.sent.push({ api, to, msgKey, param, text: raw.replace(/\u200b/g, '').replace(/\*\*/g, '') })
    return answer(res, 200, {
      processQueryKey: `pqk-${++keys}`,
      ...(api === 'user' ? { invalidStaffIdList: [], flowControlledStaffIdList: [] } : {}),
    })
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      let body: Record<string, unknown> = {}
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>
      } catch {
        return refuse(res, 400, 'invalidParameter', 'body is not JSON')
      }
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
      if (path === '/v1.0/oauth2/accessToken') {
        fake.tokenRequests++
        if (body.appKey !== clientId || body.appSecret !== clientSecret)
          return refuse(res, 400, 'invalidClientIdOrSecret', 'invalid appKey or appSecret')
        const token = `dt-${++issued}`
        live.add(token)
        return answer(res, 200, { accessToken: token, expireIn: 7200 })
      }
      const api =
        path === '/v1.0/robot/groupMessages/send'
          ? 'group'
          : path === '/v1.0/robot/oToMessages/batchSend'
            ? 'user'
            : undefined
      if (!api) return refuse(res, 404, 'NotFound', 'no such api')
      const token = String(req.headers['x-acs-dingtalk-access-token'] ?? '')
      if (!live.has(token)) return refuse(res, 401, 'InvalidAuthentication', '不合法的access_token')
      send(res, api, body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const fake: FakeDingtalk = {
    url: `http://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    robotCode,
    sent: [],
    tokenRequests: 0,
    failNext: (n, fault, api = 'user') =>
      faults.set(api, [...(faults.get(api) ?? []), ...Array.from({ length: n }, () => fault)]),
    expireTokens: () => live.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  return fake
}

/** The headers DingTalk signs a callback with: Base64(HmacSHA256(secret, `timestamp\nsecret`)). */
export function dingtalkHeaders(timestampMs: number, secret: string): Record<string, string> {
  const timestamp = String(timestampMs)
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64')
  return { 'content-type': 'application/json; charset=utf-8', timestamp, sign }
}

/**
 * A robot callback shaped as the documentation's example (接收消息, HTTP BODY,
 * https://open.dingtalk.com/document/orgapp/receive-message): text, group (conversationType "2", @robot) or
 * private ("1").
 */
export function robotMessage(o: {
  msgId: string
  staffId: string
  nick?: string
  content: string
  group?: string
  robotCode: string
  createAt: number
}): Record<string, unknown> {
  return {
    conversationId: o.group ?? `cid-p2p-${o.staffId}`,
    atUsers: o.group ? [{ dingtalkId: '$:LWCP_v1:$robot' }] : [],
    chatbotCorpId: 'dinge8a565xxxx',
    chatbotUserId: '$:LWCP_v1:$robot',
    msgId: o.msgId,
    senderNick: o.nick ?? `成员${o.staffId}`,
    isAdmin: false,
    senderStaffId: o.staffId,
    sessionWebhookExpiredTime: o.createAt + 90 * 60_000,
    createAt: o.createAt,
    senderCorpId: 'dinge8a565xxxx',
    conversationType: o.group ? '2' : '1',
    senderId: `$:LWCP_v1:$${o.staffId}`,
    ...(o.group ? { conversationTitle: '综采一队党支部' } : {}),
    isInAtList: true,
    sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=xxxxx',
    text: { content: ` ${o.content}` },
    msgtype: 'text',
    robotCode: o.robotCode,
  }
}
