import { constantTimeEqual } from '../feishu/crypto'

/**
 * DingTalk's HTTP-mode robot callback (接收消息, https://open.dingtalk.com/document/orgapp/receive-message):
 * headers `timestamp` (ms) and `sign` = Base64(HmacSHA256(key = appSecret, `timestamp + "\n" + appSecret`));
 * "timestamp 与系统当前时间戳如果相差1小时以上，则认为是非法的请求". The signature covers the timestamp only,
 * not the body, so nothing the body names is trusted further than the inbox: replies go through the robot API
 * and `sessionWebhook` is never called (DESIGN §6). Web Crypto, so it runs on Node and Workers alike.
 */
export const TOLERANCE_MS = 60 * 60 * 1000

const utf8 = new TextEncoder()

export async function dingtalkSign(timestamp: string, appSecret: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    utf8.encode(appSecret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8.encode(`${timestamp}\n${appSecret}`)))
  let binary = ''
  for (const b of mac) binary += String.fromCharCode(b)
  return btoa(binary)
}

export type SignCheck = { ok: true } | { ok: false; reason: string }

export async function verifyDingtalk(
  headers: { timestamp?: string | null; sign?: string | null },
  appSecret: string,
  now: number,
): Promise<SignCheck> {
  const { timestamp, sign } = headers
  if (!timestamp || !sign)
    return { ok: false, reason: 'unsigned callback: the timestamp and sign headers are required' }
  if (!/^\d{1,15}$/.test(timestamp)) return { ok: false, reason: 'timestamp is not a time in milliseconds' }
  if (Math.abs(now - Number(timestamp)) > TOLERANCE_MS)
    return {
      ok: false,
      reason: "timestamp is more than an hour from this server's time: stale, or a wrong clock",
    }
  if (!constantTimeEqual(await dingtalkSign(timestamp, appSecret), sign))
    return {
      ok: false,
      reason: 'sign does not match: check that DINGTALK_CLIENT_SECRET is this app’s secret',
    }
  return { ok: true }
}
