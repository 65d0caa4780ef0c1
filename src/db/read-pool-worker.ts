import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import type { ReadPoolData, ReadPoolReply, ReadPoolRequest } from './read-pool'
import * as schema from './schema'
import type { Db } from './store'
import { summaryQueries } from './summary'
import type { SummaryQuery } from './summary-reads'

/** The read pool's thread: its own read-only connection to the database file, the 汇总 statements prepared on it. */
const { file, cacheSize } = workerData as ReadPoolData
const sqlite = new Database(file, { readonly: true, fileMustExist: true })
sqlite.pragma('busy_timeout = 5000')
sqlite.pragma(`cache_size = ${Number(cacheSize)}`)
const q = summaryQueries(drizzle(sqlite, { schema }) as unknown as Db) as Record<
  SummaryQuery,
  { all(params: unknown): unknown[] }
>
const port = parentPort
if (!port) throw new Error('read-pool-worker runs as a worker thread')
port.on('message', ({ id, reads }: ReadPoolRequest) => {
  let reply: ReadPoolReply
  try {
    reply = { id, rows: reads.map((r) => q[r.query].all(r.params)) }
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) }
  }
  port.postMessage(reply)
})
port.postMessage({ ready: true })
