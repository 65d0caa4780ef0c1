import type { Worker } from 'node:worker_threads'
import { moduleWorker } from '../module-worker'
import type { NodeStore } from './node-store'

/** SQLite's default: a commit that takes the WAL past this many pages copies it back into the database file. */
export const AUTOCHECKPOINT_PAGES = 1000
/**
 * While the thread checkpoints, a commit still does when the WAL passes this many pages (16 MB). The WAL starts
 * over only when a write begins with all of it copied back, which a burst of commits every few milliseconds may
 * never leave time for; then this bounds it, and the commit's checkpoint finds most pages copied already.
 */
export const WAL_SAFETY_NET_PAGES = 4000
/** How often the checkpoint thread copies the WAL back (a look at an unchanged WAL costs next to nothing). */
export const CHECKPOINT_EVERY_MS = 200

export type CheckpointData = { file: string; everyMs: number }

export type Checkpointer = {
  /** True once the thread checkpoints (the main connection only past the safety net), false when it is off. */
  ready: Promise<boolean>
  close(): Promise<void>
}

/**
 * WAL checkpoints on a thread of their own (Node, database file). By default SQLite checkpoints inside the commit
 * that takes the WAL past 1,000 pages, on the connection that commits: the main thread, which answers webhooks.
 * That commit stalled 8–14 ms (the copy and its fsync) and checkpoints were a third of an inbox insert's cost
 * (bench/checkpoint.ts). Here a worker with its own connection checkpoints every CHECKPOINT_EVERY_MS in PASSIVE
 * mode, which never blocks the writer, and the main connection checkpoints only past WAL_SAFETY_NET_PAGES. If the
 * worker cannot start or dies, the main connection checkpoints as before (logged once).
 */
export function startCheckpointer(
  store: NodeStore,
  file: string,
  log: (message: string) => void = console.error,
): Checkpointer {
  let state: 'starting' | 'ready' | 'off' = 'starting'
  let setReady: (ok: boolean) => void = () => {}
  const ready = new Promise<boolean>((resolve) => {
    setReady = resolve
  })
  let worker: Worker | undefined
  const stop = () => {
    if (state === 'ready' && store.sqlite.open)
      store.sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`)
    state = 'off'
    setReady(false)
  }
  const fail = (why: string) => {
    if (state === 'off') return
    log(`ronghe-bot: the checkpoint thread is off (${why}); commits checkpoint the WAL themselves`)
    stop()
  }

  if (file === ':memory:') stop()
  else
    try {
      // A bundle has the thread only if checkpoint-worker.mjs was bundled next to it (test/support/server-process.ts
      // does not: its server checkpoints on commit).
      const w = moduleWorker(import.meta.url, './checkpoint-worker.ts', './checkpoint-worker.mjs', {
        workerData: { file, everyMs: CHECKPOINT_EVERY_MS } satisfies CheckpointData,
      })
      if (!w) throw new Error('checkpoint-worker.mjs is not bundled next to the server')
      worker = w
      w.unref()
      w.on('message', (message: { ready: true }) => {
        if (!message.ready || state !== 'starting' || !store.sqlite.open) return
        store.sqlite.pragma(`wal_autocheckpoint = ${WAL_SAFETY_NET_PAGES}`)
        state = 'ready'
        setReady(true)
      })
      w.on('error', (err) => fail(err.message))
      w.on('exit', (code) => fail(`its worker exited with ${code}`))
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err))
    }

  return {
    ready,
    async close() {
      stop()
      await worker?.terminate()
    },
  }
}
