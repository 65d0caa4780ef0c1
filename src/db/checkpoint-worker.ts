import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import type { CheckpointData } from './checkpointer'

/** The checkpoint thread (src/db/checkpointer.ts): its own connection, a PASSIVE checkpoint every few hundred ms. */
const { file, everyMs } = workerData as CheckpointData
const port = parentPort
if (!port) throw new Error('checkpoint-worker runs as a worker thread')
const sqlite = new Database(file, { fileMustExist: true })
sqlite.pragma('busy_timeout = 5000')
// PASSIVE copies what no reader still needs and waits for nobody; a writer restarts the WAL once all is copied.
setInterval(() => sqlite.pragma('wal_checkpoint(PASSIVE)'), everyMs)
port.postMessage({ ready: true })
