import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  AUTOCHECKPOINT_PAGES,
  CHECKPOINT_EVERY_MS,
  startCheckpointer,
  WAL_SAFETY_NET_PAGES,
} from '../../src/db/checkpointer'
import { type NodeStore, openNodeStore } from '../../src/db/node-store'
import { until } from '../support/until'

let dir: string
let file: string
let store: NodeStore
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ronghe-checkpointer-'))
  file = path.join(dir, 'bot.db')
  store = openNodeStore(file)
})
afterEach(() => {
  if (store.sqlite.open) store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const PAYLOAD = 'x'.repeat(2_000)
let next = 0
/** About a megabyte of inbox rows in one commit, on the main connection. */
function writeMegabyte() {
  const insert = store.sqlite.prepare(
    "INSERT INTO inbox (platform, event_id, kind, payload, received_at) VALUES ('feishu', ?, 'message', ?, 0)",
  )
  store.sqlite.transaction(() => {
    for (let i = 0; i < 500; i++) insert.run(`ev_${next++}`, PAYLOAD)
  })()
}
const autocheckpoint = () => Number(store.sqlite.pragma('wal_autocheckpoint', { simple: true }))
const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('the checkpoint thread', () => {
  it('takes checkpoints off the main connection and still copies the WAL back', async () => {
    const checkpointer = startCheckpointer(store, file)
    expect(await checkpointer.ready).toBe(true)
    expect(autocheckpoint()).toBe(WAL_SAFETY_NET_PAGES)
    const dbBefore = size(file)
    // 10 MB written, under the safety net: without the thread the WAL would hold all of it.
    for (let round = 0; round < 10; round++) {
      writeMegabyte()
      await sleep(CHECKPOINT_EVERY_MS * 1.5)
    }
    await until(() => size(file) > dbBefore + 8_000_000 || undefined, 'the rows in the database file', 10_000)
    // The writer restarts the WAL after each full checkpoint, so it stays near one round's size.
    expect(size(`${file}-wal`)).toBeLessThan(4_000_000)
    expect(store.sqlite.prepare('SELECT count(*) FROM inbox').pluck().get()).toBe(5_000)
    await checkpointer.close()
    expect(autocheckpoint()).toBe(AUTOCHECKPOINT_PAGES)
  })

  it('gives checkpoints back to the commits when it stops', async () => {
    const checkpointer = startCheckpointer(store, file)
    expect(await checkpointer.ready).toBe(true)
    await checkpointer.close()
    expect(autocheckpoint()).toBe(AUTOCHECKPOINT_PAGES)
    writeMegabyte()
    writeMegabyte()
    writeMegabyte()
    writeMegabyte()
    writeMegabyte()
    // SQLite's own checkpoint on commit keeps the WAL near 1,000 pages again.
    expect(size(`${file}-wal`)).toBeLessThan(3 * AUTOCHECKPOINT_PAGES * 4096)
  })

  it('stays off for a database in memory, and says why when it cannot start', async () => {
    const memory = openNodeStore(':memory:')
    expect(await startCheckpointer(memory, ':memory:').ready).toBe(false)
    memory.close()
    const logged: string[] = []
    const missing = startCheckpointer(store, path.join(dir, 'missing.db'), (m) => logged.push(m))
    expect(await missing.ready).toBe(false)
    expect(logged.join('\n')).toMatch(/checkpoint thread is off/)
    expect(autocheckpoint()).toBe(AUTOCHECKPOINT_PAGES)
  })
})
