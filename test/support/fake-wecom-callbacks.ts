import { createCipheriv, createHash, randomBytes } from 'node:crypto'

/**
 * WeCom callbacks as WeCom sends them, encrypted and signed with node:crypto (independently of the adapter's
 * Web Crypto code): the inner XML of 消息格式 (https://developer.work.weixin.qq.com/document/path/90239) and
 * 模板卡片事件推送 (path/90376), wrapped in `<xml><ToUserName/><AgentID/><Encrypt/></xml>` with msg_signature,
 * timestamp and nonce in the query (回调配置 path/90930, 加解密方案 path/90968).
 */
export const WECOM_TOKEN = 'QDG6eK'
export const WECOM_AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C'
export const CORP_ID = 'ww0123456789abcdef'
export const AGENT_ID = 1000002

export function encryptForWecom(msg: string, receiveId = CORP_ID, aesKey = WECOM_AES_KEY): string {
  const key = Buffer.from(`${aesKey}=`, 'base64')
  const m = Buffer.from(msg, 'utf8')
  const len = Buffer.alloc(4)
  len.writeUInt32BE(m.length)
  const body = Buffer.concat([randomBytes(16), len, m, Buffer.from(receiveId, 'utf8')])
  const pad = 32 - (body.length % 32)
  const plain = Buffer.concat([body, Buffer.alloc(pad, pad)])
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')
}

export const signWecom = (token: string, timestamp: string, nonce: string, encrypted: string) =>
  createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex')

export type Signed = { path: string; body: string }

/** A POST to `/webhooks/wecom` carrying `inner`, signed for `timestampSec` (or with `signature` forced). */
export function wecomPost(
  inner: string,
  o: { timestampSec: number; nonce?: string; token?: string; receiveId?: string; signature?: string },
): Signed {
  const encrypted = encryptForWecom(inner, o.receiveId)
  const timestamp = String(o.timestampSec)
  const nonce = o.nonce ?? '1372623149'
  const signature = o.signature ?? signWecom(o.token ?? WECOM_TOKEN, timestamp, nonce, encrypted)
  const q = new URLSearchParams({ msg_signature: signature, timestamp, nonce })
  const body = `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><AgentID><![CDATA[${AGENT_ID}]]></AgentID><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`
  return { path: `/webhooks/wecom?${q}`, body }
}

/** 接收普通消息 · 文本消息, shaped as the documentation's example. */
export const textXml = (o: { from: string; content: string; msgId: string; createTime: number }) =>
  `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[${o.from}]]></FromUserName><CreateTime>${o.createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${o.content}]]></Content><MsgId>${o.msgId}</MsgId><AgentID>${AGENT_ID}</AgentID></xml>`

/** 模板卡片事件推送 (button_interaction), shaped as the documentation's example. */
export const cardEventXml = (o: { from: string; key: string; taskId: string; createTime: number }) =>
  `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><FromUserName><![CDATA[${o.from}]]></FromUserName><CreateTime>${o.createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${o.key}]]></EventKey><TaskId><![CDATA[${o.taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[ResponseCode-${o.taskId}]]></ResponseCode><AgentID>${AGENT_ID}</AgentID></xml>`

/** The smart robot's own callback Token and EncodingAESKey (its receiveid is empty). */
export const BOT_TOKEN = 'robotToken42'
export const BOT_AES_KEY = 'a9Xk2LmQ7pRt4VwZ8bCd1EfGh3JkMn5PqSt6UvWy0Az'

/** A POST to `/webhooks/wecom-bot`: the JSON callback encrypted into `{ "encrypt": … }`, signed in the query. */
export function wecomBotPost(
  json: object,
  o: { timestampSec: number; nonce?: string; token?: string; signature?: string },
): Signed {
  const encrypted = encryptForWecom(JSON.stringify(json), '', BOT_AES_KEY)
  const timestamp = String(o.timestampSec)
  const nonce = o.nonce ?? '1372623149'
  const signature = o.signature ?? signWecom(o.token ?? BOT_TOKEN, timestamp, nonce, encrypted)
  const q = new URLSearchParams({ msg_signature: signature, timestamp, nonce })
  return { path: `/webhooks/wecom-bot?${q}`, body: JSON.stringify({ encrypt: encrypted }) }
}

/** 智能机器人 · 接收消息 · 文本消息 (https://developer.work.weixin.qq.com/document/path/100719), shaped as its example. */
export const botTextMessage = (o: {
  msgId: string
  from: string
  content: string
  chatId?: string
  responseUrl: string
}) => ({
  msgid: o.msgId,
  aibotid: 'AIBOTID',
  ...(o.chatId ? { chatid: o.chatId } : {}),
  chattype: o.chatId ? 'group' : 'single',
  from: { userid: o.from },
  response_url: o.responseUrl,
  msgtype: 'text',
  text: { content: `@融合助手 ${o.content}` },
})
