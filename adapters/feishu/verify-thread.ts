import type { Worker } from 'node:worker_threads'
import type { Accepted } from '../../src/inbox/accept'
import { moduleWorker } from '../../src/module-worker'
import { type Checked, type CheckOptions, checkFeishu, type WebhookRequest } from './check'
import type { FeishuCrypto } from './crypto'

export type VerifyBatch = {
  batch: number
  options: CheckOptions
  /** The inbox's SQLite file: the thread writes the events to be processed later there itself. */
  inboxFile?: string
  requests: WebhookRequest[]
}
export type VerifyReply =
  | { ready: true }
  | { batch: number; results: Checked[]; accepted?: (Accepted | null)[] }
  | { batch: number; error: string }

/** A request checked; `accepted` when the verify thread also wrote its event to the inbox. */
export type Verdict = { checked: Checked; accepted?: Accepted }

type Waiting = { resolve: (verdicts: Verdict[]) => void; reject: (err: Error) => void }

/**
 * One verify thread per process, started on first use and again after it died; it never keeps Node alive.
 * Until it has loaded (a second or two) requests are checked on the main thread, so none waits for it.
 */
let worker: { thread: Worker | undefined; ready: boolean } | undefined
const waiting = new Map<number, Waiting>()
let batches = 0

/**
 * A bundled server (test/support/server-process.ts) has the thread's entry bundled as feishu-verify-worker.mjs; a
 * bundle without it checks on the main thread for good.
 */
function startWorker(): NonNullable<typeof worker> {
  const thread = moduleWorker(import.meta.url, './verify-worker.ts', './feishu-verify-worker.mjs')
  const started: NonNullable<typeof worker> = { thread, ready: false }
  if (!thread) return started
  thread.unref()
  thread.on('message', (reply: VerifyReply) => {
    if ('ready' in reply) {
      started.ready = true
      return
    }
    const wait = waiting.get(reply.batch)
    waiting.delete(reply.batch)
    if ('error' in reply) wait?.reject(new Error(`feishu verify thread: ${reply.error}`))
    else
      wait?.resolve(
        reply.results.map((checked, i) => {
          const accepted = reply.accepted?.[i]
          return accepted ? { checked, accepted } : { checked }
        }),
      )
  })
  const died = (err: Error) => {
    if (worker === started) worker = undefined
    for (const wait of waiting.values()) wait.reject(err)
    waiting.clear()
  }
  thread.on('error', died)
  thread.on('exit', (code) => died(new Error(`the Feishu verify thread exited with code ${code}`)))
  return started
}

/** The verdicts from the verify thread; undefined while it is still loading. */
function onThread(batch: Omit<VerifyBatch, 'batch'>): Promise<Verdict[]> | undefined {
  worker ??= startWorker()
  if (!worker.ready || !worker.thread) return undefined
  const id = ++batches
  const sent = new Promise<Verdict[]>((resolve, reject) => waiting.set(id, { resolve, reject }))
  worker.thread.postMessage({ batch: id, ...batch } satisfies VerifyBatch)
  return sent
}

type Queued = { req: WebhookRequest; resolve: (v: Verdict) => void; reject: (e: unknown) => void }

/**
 * Checks Feishu webhook requests (check.ts: signature, decryption, parsing) and writes their events to the
 * inbox on a thread of their own, so that on Node they take the second core off the one that answers:
 * under load they were 43% of the main thread's CPU (bench:feishu profile). Requests travel in batches, each
 * written in one transaction, its verdicts coming back as one message. With the inbox in memory (tests) only
 * the checks go there, and the main thread writes.
 */
export function verifyOnThread(
  options: () => Promise<CheckOptions>,
  crypto: FeishuCrypto,
  inboxFile: string | undefined,
): (req: WebhookRequest) => Promise<Verdict> {
  worker ??= startWorker()
  let queued: Queued[] = []
  // One batch at a time: what arrives while the thread works on one goes in the next, so under load the
  // batches grow and the main thread posts (and is woken for) fewer messages.
  let inFlight = false
  const flush = async () => {
    const items = queued
    queued = []
    inFlight = true
    try {
      const opts = await options()
      const requests = items.map((item) => item.req)
      const verdicts = await (onThread({ options: opts, requests, ...(inboxFile ? { inboxFile } : {}) }) ??
        Promise.all(requests.map(async (req) => ({ checked: await checkFeishu(req, opts, crypto) }))))
      for (const [i, item] of items.entries()) item.resolve(verdicts[i] as Verdict)
    } catch (err) {
      for (const item of items) item.reject(err)
    } finally {
      inFlight = false
      if (queued.length > 0) setImmediate(() => void flush())
    }
  }
  return (req) =>
    new Promise<Verdict>((resolve, reject) => {
      queued.push({ req, resolve, reject })
      if (queued.length === 1 && !inFlight) setImmediate(() => void flush())
    })
}
