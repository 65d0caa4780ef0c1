import type { IncomingMessage, ServerResponse } from 'node:http'
import { answerFeishuWebhook, type FeishuWebhookDeps } from './webhook'

export const FEISHU_WEBHOOK_PATH = '/webhooks/feishu'
const MAX_BODY_BYTES = 1024 * 1024

/**
 * Feishu's webhook straight on Node's `http` listener, ahead of Hono: the same answer (webhook.ts) without
 * building a Web Request and Response for every event (bench:feishu's profile). Returns false for any other
 * request, which Hono then serves. The helpers are module functions rather than closures made per request:
 * under tsx every named closure is also wrapped to keep its name, which showed in the profile under load.
 */
export function feishuNodeListener(
  deps: FeishuWebhookDeps,
  log: (msg: string, err?: unknown) => void,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'POST' || pathOf(req.url) !== FEISHU_WEBHOOK_PATH) return false
    // While shutting down, an event is refused rather than half-handled (as app.ts does for Hono's webhooks).
    if (deps.core.draining) refuse(req, res, 503, 'shutting down, retry later')
    else if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES)
      refuse(req, res, 413, 'body over 1 MiB')
    else
      readBody(req, (rawBody) => {
        if (rawBody === undefined) return refuse(req, res, 413, 'body over 1 MiB')
        answerFeishuWebhook(deps, headersOf(req), rawBody).then(
          (answer) => sendJson(res, answer.status, answer.body),
          (err: unknown) => {
            log(`POST ${FEISHU_WEBHOOK_PATH} failed`, err)
            sendJson(res, 500, { error: 'internal error' })
          },
        )
      })
    req.on('error', (err) => log(`POST ${FEISHU_WEBHOOK_PATH}: request stream failed`, err))
    return true
  }
}

function sendJson(res: ServerResponse, status: number, body: object): void {
  const json = JSON.stringify(body)
  res.writeHead(status, [
    'content-type',
    'application/json',
    'content-length',
    String(Buffer.byteLength(json)),
  ])
  res.end(json)
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, error: string): void {
  sendJson(res, status, { error })
  req.resume()
}

/** The body as text, or undefined past MAX_BODY_BYTES (what came is dropped, the rest read and discarded). */
function readBody(req: IncomingMessage, done: (rawBody: string | undefined) => void): void {
  const chunks: Buffer[] = []
  let size = 0
  req.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size <= MAX_BODY_BYTES) chunks.push(chunk)
  })
  req.on('end', () => {
    if (size > MAX_BODY_BYTES) done(undefined)
    else done((chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)).toString('utf8'))
  })
}

function headersOf(req: IncomingMessage): Pick<Headers, 'get'> {
  return {
    get(name) {
      const value = req.headers[name.toLowerCase()]
      return (Array.isArray(value) ? value[0] : value) ?? null
    },
  }
}

function pathOf(url: string | undefined): string {
  const q = url?.indexOf('?') ?? -1
  const path = q < 0 ? (url ?? '') : (url ?? '').slice(0, q)
  return path.endsWith('/') && path.length > 1 ? path.slice(0, -1) : path
}
