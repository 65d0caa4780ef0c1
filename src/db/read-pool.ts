import type { Worker } from 'node:worker_threads'
import { moduleWorker } from '../module-worker'
import type { NodeStore } from './node-store'
import {
  inThread,
  type SummaryQuery,
  type SummaryRead,
  type SummaryReader,
  useSummaryReader,
} from './summary-reads'

/**
 * The 汇总 card's second thread on Node. better-sqlite3 answers synchronously, so the card's statements ran one
 * after another on the main thread; a worker with its own read-only connection to the same file (WAL: readers do
 * not wait for the writer nor for each other) runs its share of a card while the main thread runs the rest. D1
 * and `:memory:` databases keep reading on their own connection (src/db/summary-reads.ts).
 */
export type ReadPoolData = { file: string; cacheSize: number }
export type ReadPoolRequest = { id: number; reads: SummaryRead[] }
export type ReadPoolReply = { id: number; rows: unknown[][] } | { id: number; error: string }

/**
 * The pool's share, chosen by the CPU each statement takes on the bench's organisation card (10,000 members, 500
 * branches; ms per card for the month / the year, both periods): quiz answers by category 55 / 49, tasks 15 / 51,
 * the trend's attendance 24 / 27, quiz participation 26 / 14, production 18 / 19 = 138 / 159 in the pool; points
 * 40 / 40, attendance 30 / 35, 第一议题 23 / 37, top members 22 / 20, the trend's quiz 13 / 18, targets 5 / 20,
 * members and open 整改 15 / 13 = 148 / 183 in the main thread, which also builds the report (≈ 30 ms).
 */
const POOL_SHARE: ReadonlySet<SummaryQuery> = new Set([
  'quizByCategory',
  'tasks',
  'attendanceByMonth',
  'quizMembers',
  'production',
])

export type ReadPool = {
  /** True once the worker answers, false when the pool is off (it could not start, or stopped). */
  ready: Promise<boolean>
  close(): Promise<void>
}

type Pending = { reads: SummaryRead[]; resolve(rows: unknown[][]): void; reject(err: unknown): void }

/**
 * Starts the pool for a store on a database file. Until its worker is ready, and for good if it cannot start or
 * dies (logged once), the card reads in the main thread; a worker never keeps the process alive while idle.
 */
export function startReadPool(
  store: NodeStore,
  file: string,
  log: (message: string) => void = console.error,
): ReadPool {
  const here = inThread(store.db)
  let state: 'starting' | 'ready' | 'off' = 'starting'
  let setReady: (ok: boolean) => void = () => {}
  const ready = new Promise<boolean>((resolve) => {
    setReady = resolve
  })
  const pending = new Map<number, Pending>()
  let lastId = 0
  let worker: Worker | undefined

  /** Whatever was sent and not answered is read here instead. */
  const stop = () => {
    state = 'off'
    setReady(false)
    worker?.unref()
    for (const [id, p] of pending) {
      pending.delete(id)
      here(p.reads).then(p.resolve, p.reject)
    }
  }
  const fail = (why: string) => {
    if (state === 'off') return
    log(`ronghe-bot: the read pool is off (${why}); the 汇总 card reads in the main thread`)
    stop()
  }

  const reader: SummaryReader = async (reads) => {
    const there = reads.filter((r) => POOL_SHARE.has(r.query))
    if (state !== 'ready' || !worker || there.length === 0) return here(reads)
    const id = ++lastId
    const fromPool = new Promise<unknown[][]>((resolve, reject) =>
      pending.set(id, { reads: there, resolve, reject }),
    )
    // Referenced while an answer is awaited, so a process with nothing else to do still waits for it.
    if (pending.size === 1) worker.ref()
    // Sent first, then the main thread's share runs while the worker runs this one.
    worker.postMessage({ id, reads: there } satisfies ReadPoolRequest)
    const [mine, theirs] = await Promise.all([here(reads.filter((r) => !POOL_SHARE.has(r.query))), fromPool])
    let m = 0
    let t = 0
    return reads.map((r) => (POOL_SHARE.has(r.query) ? theirs[t++] : mine[m++]) as unknown[])
  }

  if (file === ':memory:') stop()
  else
    try {
      const data: ReadPoolData = {
        file,
        cacheSize: Number(store.sqlite.pragma('cache_size', { simple: true })),
      }
      // A bundle has the pool only if read-pool-worker.mjs was bundled next to it (test/support/server-process.ts
      // does not: its server reads in the main thread).
      const w = moduleWorker(import.meta.url, './read-pool-worker.ts', './read-pool-worker.mjs', {
        workerData: data,
      })
      if (!w) throw new Error('read-pool-worker.mjs is not bundled next to the server')
      worker = w
      w.on('message', (message: ReadPoolReply | { ready: true }) => {
        if ('ready' in message) {
          if (state !== 'starting') return
          state = 'ready'
          w.unref()
          setReady(true)
          return
        }
        const p = pending.get(message.id)
        if (!p) return
        pending.delete(message.id)
        if (pending.size === 0) w.unref()
        if ('error' in message) p.reject(new Error(message.error))
        else p.resolve(message.rows)
      })
      w.on('error', (err) => fail(err.message))
      w.on('exit', (code) => fail(`its worker exited with ${code}`))
      useSummaryReader(store.db, reader)
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err))
    }

  return {
    ready,
    async close() {
      useSummaryReader(store.db, undefined)
      stop()
      await worker?.terminate()
    },
  }
}
