/**
 * Baseline A for `npm run bench:feishu`, run in its own process: a bare Hono `POST` route on
 * @hono/node-server that parses the JSON body and answers `{}` (no verification, no decryption, no storage).
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono().post('/webhooks/feishu', async (c) => {
  await c.req.json()
  return c.json({})
})
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, (info) =>
  console.log(`bare Hono listening on 127.0.0.1:${info.port}`),
)
process.on('SIGTERM', () => process.exit(0))
