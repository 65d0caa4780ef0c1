import { Hono } from 'hono'
import { acceptWecom, type WecomDoor } from './handle'
import type { WecomSecrets } from './verify'
import { verifyWecomPost, verifyWecomUrl } from './verify'

export type WecomRouteDeps = WecomDoor & { secrets: () => Promise<WecomSecrets> }

/** A callback is a few hundred bytes of XML; anything far larger is not one. */
const MAX_BODY_BYTES = 64 * 1024

/**
 * `GET /webhooks/wecom`: the URL check, answered with the decrypted echostr as plain text ("不能加引号，不能带bom头，
 * 不能带换行符", https://developer.work.weixin.qq.com/document/path/90930). `POST`: verify, decrypt, accept into
 * the inbox, then an empty 200: "直接回复空串 ... 企业微信不会对此作任何处理，并且不会发起重试"; replies go out
 * through the outbox and message/send. Refusals are 4xx (DESIGN §6).
 */
export function wecomRoutes(deps: WecomRouteDeps): Hono {
  const app = new Hono()
  app.get('/', async (c) => {
    const checked = await verifyWecomUrl(c.req.query(), await deps.secrets(), deps.core.clock())
    if (!checked.ok) return c.text(checked.reason, checked.status)
    return c.text(checked.value)
  })
  app.post('/', async (c) => {
    const rawBody = await c.req.text()
    if (rawBody.length > MAX_BODY_BYTES) return c.text('body over 64 KiB: not a WeCom callback', 413)
    const checked = await verifyWecomPost(c.req.query(), rawBody, await deps.secrets(), deps.core.clock())
    if (!checked.ok) return c.text(checked.reason, checked.status)
    await acceptWecom(deps, checked.value)
    return c.body(null, 200)
  })
  return app
}
