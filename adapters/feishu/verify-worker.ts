/**
 * The verify thread's entry (started by verify-thread.ts): checks each batch of webhook requests and, when
 * given the inbox's SQLite file, writes the events to be processed later to the inbox on its own connection,
 * in one transaction, before it posts the results back (in the same order).
 */
import { parentPort } from 'node:worker_threads'
import { type NodeStore, openNodeStore } from '../../src/db/node-store'
import { type Accepted, acceptAll } from '../../src/inbox/accept'
import type { ChatEvent, Incoming } from '../../src/messages'
import { type Checked, checkFeishu } from './check'
import { nodeCrypto } from './crypto-node'
import { deferredEventOf } from './inbox-event'
import type { VerifyBatch, VerifyReply } from './verify-thread'

const port = parentPort
if (!port) throw new Error('verify-worker.ts runs as a worker thread (verify-thread.ts starts it)')

let inbox: NodeStore | undefined
/** The main thread has migrated the file before it starts this thread; opening it again finds nothing to do. */
function inboxOf(file: string): NodeStore {
  if (inbox?.file !== file) {
    inbox?.close()
    inbox = openNodeStore(file)
  }
  return inbox
}

function accepted(batch: VerifyBatch, results: Checked[]): (Accepted | null)[] | undefined {
  if (!batch.inboxFile) return undefined
  const events: (Incoming | ChatEvent)[] = []
  const at = results.map((checked) => {
    const event = checked.ok ? deferredEventOf(checked.parsed, batch.options.now) : undefined
    return event ? events.push(event) - 1 : -1
  })
  const written = events.length > 0 ? acceptAll(inboxOf(batch.inboxFile), events) : []
  return at.map((i) => (i < 0 ? null : (written[i] as Accepted)))
}

port.on('message', (batch: VerifyBatch) => {
  Promise.all(batch.requests.map((req) => checkFeishu(req, batch.options, nodeCrypto)))
    .then((results): VerifyReply => ({ batch: batch.batch, results, accepted: accepted(batch, results) }))
    .catch(
      (err: unknown): VerifyReply => ({
        batch: batch.batch,
        error: err instanceof Error ? err.message : String(err),
      }),
    )
    .then((reply) => port.postMessage(reply))
})
port.postMessage({ ready: true } satisfies VerifyReply)
