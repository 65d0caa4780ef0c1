import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A fake WeCom server API on 127.0.0.1: gettoken (https://developer.work.weixin.qq.com/document/path/91039),
 * message/send (path/90236), appchat/send (path/90248) and message/update_template_card (path/94888), answering
 * `{ errcode, errmsg, ... }` with HTTP 200 as WeCom does. It checks the corp id and secret, the token (which a
 * test can expire: 42001), the agent id, the documented sizes (2048 bytes of text or markdown, six buttons,
 * keys ≤ 1024 bytes, task_id's characters) and takes injected errcodes. `/cgi-bin/aibot/response` stands for a
 * smart robot's response_url (主动回复消息, path/101138), which answers a message once.
 */
export type WecomSent = {
  api: 'message/send' | 'appchat/send' | 'update_template_card' | 'aibot/response'
  to: string
  msgtype: string
  body: Record<string, unknown>
  /** What a reader sees: content without zero-width spaces and `**`, or a card's title, text and buttons. */
  text: string
}

export type WecomFault = { errcode: number; errmsg?: string }

export type FakeWecom = {
  url: string
  corpId: string
  secret: string
  agentId: number
  sent: WecomSent[]
  tokenRequests: number
  /** The next `n` calls of `api` (message/send unless given) answer this errcode instead. */
  failNext(n: number, fault: WecomFault, api?: string): void
  /** Every token issued so far answers 42001 from now on. */
  expireTokens(): void
  close(): Promise<void>
}

const readable = (s: string) => s.replace(/\u200b/g, '').replace(/\*\*/g, '')

function cardText(card: Record<string, unknown>): string {
  const title = (card.main_title as { title?: string } | undefined)?.title ?? ''
  const buttons = ((card.button_list as { text?: string }[] | undefined) ?? []).map((b) => `[${b.text}]`)
  return [title, String(card.sub_title_text ?? ''), buttons.join(' ')].filter(Boolean).join('\n')
}

export async function startFakeWecom(
  opts: { corpId?: string; secret?: string; agentId?: number; appChats?: string[] } = {},
): Promise<FakeWecom> {
  const appChats = new Set(opts.appChats ?? [])
  const corpId = opts.corpId ?? 'ww0123456789abcdef'
  const secret = opts.secret ?? 'fake-wecom-app-secret'
  const agentId = opts.agentId ?? 1000002
  const faults = new Map<string, WecomFault[]>()
  const live = new Set<string>()
  let issued = 0
  let msgids = 0

  const answer = (res: http.ServerResponse, body: object) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const refuse = (res: http.ServerResponse, errcode: number, errmsg: string) =>
    answer(res, { errcode, errmsg })

  function checkMessage(body: Record<string, unknown>): string | undefined {
    const type = body.msgtype
    if (type === 'text' || type === 'markdown') {
      const content = (body[type] as { content?: string } | undefined)?.content ?? ''
      if (!content.trim()) return 'content is empty'
      if (Buffer.byteLength(content) > 2048) return 'content exceeds 2048 bytes'
      return undefined
    }
    if (type === 'template_card') {
      const card = body.template_card as Record<string, unknown>
      const buttons = (card.button_list as { key?: string; text?: string }[] | undefined) ?? []
      if (card.card_type !== 'button_interaction') return 'unexpected card_type'
      if (buttons.length < 1 || buttons.length > 6) return 'button_list size invalid'
      if (buttons.some((b) => !b.key || Buffer.byteLength(b.key) > 1024)) return 'button key invalid'
      if (!/^[\w@-]{1,128}$/.test(String(card.task_id ?? ''))) return 'task_id invalid'
      return undefined
    }
    return `msgtype ${String(type)} not supported here`
  }

  function send(res: http.ServerResponse, api: WecomSent['api'], body: Record<string, unknown>) {
    const fault = faults.get(api)?.shift()
    if (fault) return refuse(res, fault.errcode, fault.errmsg ?? 'injected fault')
    if (api !== 'appchat/send' && body.agentid !== agentId) return refuse(res, 40056, 'invalid agentid')
    if (api === 'update_template_card') {
      fake.sent.push({
        api,
        to: ((body.userids as string[] | undefined) ?? []).join('|'),
        msgtype: 'template_card',
        body,
        text: cardText((body.template_card ?? {}) as Record<string, unknown>),
      })
      return answer(res, { errcode: 0, errmsg: 'ok' })
    }
    const problem = checkMessage(body)
    if (problem) return refuse(res, 40008, `invalid message: ${problem}`)
    const type = String(body.msgtype)
    const to = String(api === 'appchat/send' ? body.chatid : body.touser)
    // touser: "多个接收者用‘|’分隔，最多支持1000个" (path/90236).
    if (api === 'message/send' && to.split('|').length > 1000)
      return refuse(res, 40008, 'invalid message: touser lists more than 1000 members')
    // appchat/send reaches only the groups the app created (appchat/create).
    if (api === 'appchat/send' && !appChats.has(to)) return refuse(res, 86003, 'chat not exist')
    const text =
      type === 'template_card'
        ? cardText(body.template_card as Record<string, unknown>)
        : readable((body[type] as { content: string }).content)
    fake.sent.push({ api, to, msgtype: type, body, text })
    return answer(res, {
      errcode: 0,
      errmsg: 'ok',
      ...(api === 'message/send' ? { msgid: `msg-${++msgids}` } : {}),
    })
  }

  const usedCodes = new Set<string>()
  function respond(res: http.ServerResponse, url: URL, chunks: Buffer[]) {
    const code = url.searchParams.get('response_code') ?? ''
    if (!code || usedCodes.has(code)) return refuse(res, 40008, 'response_code used or invalid')
    let body: Record<string, unknown>
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
    } catch {
      return refuse(res, 47001, 'data format error')
    }
    const problem = checkMessage(body)
    if (problem) return refuse(res, 40008, `invalid message: ${problem}`)
    usedCodes.add(code)
    const type = String(body.msgtype)
    const text = readable((body[type] as { content: string }).content)
    fake.sent.push({ api: 'aibot/response', to: code, msgtype: type, body, text })
    return answer(res, { errcode: 0, errmsg: 'ok' })
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      if (req.method === 'GET' && url.pathname === '/cgi-bin/gettoken') {
        fake.tokenRequests++
        if (url.searchParams.get('corpid') !== corpId) return refuse(res, 40013, 'invalid corpid')
        if (url.searchParams.get('corpsecret') !== secret) return refuse(res, 40001, 'invalid credential')
        const token = `tok-${++issued}`
        live.add(token)
        return answer(res, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 })
      }
      if (url.pathname === '/cgi-bin/aibot/response') return respond(res, url, chunks)
      const api = url.pathname
        .replace(/^\/cgi-bin\//, '')
        .replace('message/update_template_card', 'update_template_card')
      if (!['message/send', 'appchat/send', 'update_template_card'].includes(api))
        return refuse(res, 404, 'unknown api')
      const token = url.searchParams.get('access_token') ?? ''
      if (!token) return refuse(res, 41001, 'access_token missing')
      if (!live.has(token))
        return refuse(res, token.startsWith('tok-') ? 42001 : 40014, 'access_token expired')
      let body: Record<string, unknown>
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
      } catch {
        return refuse(res, 47001, 'data format error')
      }
      send(res, api as WecomSent['api'], body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const fake: FakeWecom = {
    url: `http://127.0.0.1:${port}`,
    corpId,
    secret,
    agentId,
    sent: [],
    tokenRequests: 0,
    failNext: (n, fault, api = 'message/send') =>
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
