import { Hono } from 'hono'
import { answerFeishuWebhook, type FeishuWebhookDeps } from './webhook'

/** `POST /webhooks/feishu` in the shared Hono app: what Workers serve (Node answers it before Hono, node-listener.ts). */
export function feishuRoutes(deps: FeishuWebhookDeps): Hono {
  const app = new Hono()
  app.post('/', async (c) => {
    const answer = await answerFeishuWebhook(deps, c.req.raw.headers, await c.req.text())
    return c.json(answer.body, answer.status)
  })
  return app
}
