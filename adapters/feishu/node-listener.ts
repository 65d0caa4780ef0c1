import type { IncomingMessage, ServerResponse } from 'node:http'
import { answerFeishuWebhook, type FeishuWebhookDeps } from './webhook'

export const FEISHU_WEBHOOK_PATH = '/webhooks/feishu'
const MAX_BODY_BYTES = 1024 * 1024

/**
 * Feishu's webhook straight on Node's `http` listener, ahead of Hono: the same answer (webhook.ts) without
 * building a Web Request and Response for every event (bench:feishu's profile). Returns false for any other
 * request, which Hono then serves.
 */
export function feishuNodeListener(
  deps: FeishuWebhookDeps,
  log: (msg: string, err?: unknown) => void,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'POST' || pathOf(req.url) !== FEISHU_WEBHOOK_PATH) return false
    const send = (status: number, body: object) => {
      const json = JSON.stringify(body)
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) })
      res.end(json)
    }
    const tooLarge = () => {
      send(413, { error: 'body over 1 MiB' })
      req.resume()
    }
    // While shutting down, an event is refused rather than half-handled (as app.ts does for Hono's webhooks).
    if (deps.core.draining) {
      send(503, { error: 'shutting down, retry later' })
      req.resume()
      return true
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      tooLarge()
      return true
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return tooLarge()
      const headers = { get: (name: string) => headerOf(req, name) }
      answerFeishuWebhook(deps, headers, Buffer.concat(chunks, size).toString('utf8')).then(
        (answer) => send(answer.status, answer.body),
        (err: unknown) => {
          log(`POST ${FEISHU_WEBHOOK_PATH} failed`, err)
          send(500, { error: 'internal error' })
        },
      )
    })
    req.on('error', (err) => log(`POST ${FEISHU_WEBHOOK_PATH}: request stream failed`, err))
    return true
  }
}

function pathOf(url: string | undefined): string {
  const q = url?.indexOf('?') ?? -1
  const path = q < 0 ? (url ?? '') : (url ?? '').slice(0, q)
  return path.endsWith('/') && path.length > 1 ? path.slice(0, -1) : path
}

function headerOf(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()]
  return (Array.isArray(value) ? value[0] : value) ?? null
}
