import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Core } from '../../src/core'
import { type Verdict, verifyOnThread } from './verify-thread'
import { answerChecked, type FeishuWebhookDeps, type WebhookAnswer } from './webhook'

export const FEISHU_WEBHOOK_PATH = '/webhooks/feishu'
const MAX_BODY_BYTES = 1024 * 1024

/**
 * Feishu's webhook straight on Node's `http` listener, ahead of Hono: the same answer (webhook.ts) without
 * building a Web Request and Response for every event (bench:feishu's profile), with the signature, the
 * decryption, the parsing and the inbox write on the verify thread (verify-thread.ts). Returns false for any
 * other request, which Hono then serves.
 */
export function feishuNodeListener(
  deps: FeishuWebhookDeps,
  log: (msg: string, err?: unknown) => void,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const check = verifyOnThread(
    async () => ({
      encryptKey: deps.encryptKey,
      verificationToken: deps.verificationToken,
      now: deps.core.clock(),
      botOpenId: await deps.botOpenId(),
    }),
    deps.crypto,
    deps.core.store.file,
  )
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
      check({
        timestamp: headerOf(req, 'x-lark-request-timestamp'),
        nonce: headerOf(req, 'x-lark-request-nonce'),
        signature: headerOf(req, 'x-lark-signature'),
        rawBody: Buffer.concat(chunks, size).toString('utf8'),
      })
        .then((verdict) => answerVerdict(deps.core, verdict))
        .then(
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

/** An event the verify thread wrote to the inbox is counted and queued for processing; the rest is answered as
 * the Hono route answers it. */
async function answerVerdict(core: Core, { checked, accepted }: Verdict): Promise<WebhookAnswer> {
  if (!accepted) return answerChecked(core, checked)
  core.arrived()
  if (!accepted.duplicate) core.pumpInbox()
  return { status: 200, body: {} }
}

function pathOf(url: string | undefined): string {
  const q = url?.indexOf('?') ?? -1
  const path = q < 0 ? (url ?? '') : (url ?? '').slice(0, q)
  return path.endsWith('/') && path.length > 1 ? path.slice(0, -1) : path
}

function headerOf(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name]
  return (Array.isArray(value) ? value[0] : value) ?? null
}
