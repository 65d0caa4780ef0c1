/**
 * npm run bench:checkpoint — inbox rows written in transactions of 20 (a burst of webhook events group-committed
 * per event-loop turn) on a SQLite file, with SQLite's default checkpoint inside the commit that takes the WAL
 * past 1,000 pages, against the checkpoint thread (src/db/checkpointer.ts), in alternating rounds of the same run.
 * Prints, per way, the medians over rounds of the main thread's time per row and the commits' p50 / p99 / max.
 *   --rounds <n> (5)  --commits <n> (3000 per round)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startCheckpointer } from '../src/db/checkpointer'
import { openNodeStore } from '../src/db/node-store'
import { quantile } from './support/timing'

const { values: flags } = parseArgs({ options: { rounds: { type: 'string' }, commits: { type: 'string' } } })
const ROUNDS = Number(flags.rounds ?? 5)
const COMMITS = Number(flags.commits ?? 3000)
const ROWS = 20
// A text message's inbox payload is about 700 bytes of JSON.
const PAYLOAD = JSON.stringify({
  platform: 'feishu',
  text: '积分'.repeat(150),
  mentions: [{ key: '@_user_1' }],
})

type Round = { usPerRow: number; p50: number; p99: number; max: number; walMb: number }

async function round(way: 'commit' | 'thread'): Promise<Round> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ronghe-bench-checkpoint-'))
  const file = path.join(dir, 'bot.db')
  const store = openNodeStore(file)
  const checkpointer = way === 'thread' ? startCheckpointer(store, file) : undefined
  if (checkpointer && !(await checkpointer.ready)) throw new Error('the checkpoint thread did not start')
  const insert = store.sqlite.prepare(
    "INSERT INTO inbox (platform, event_id, message_id, kind, payload, received_at) VALUES ('feishu', ?, ?, 'message', ?, ?) ON CONFLICT DO NOTHING RETURNING id",
  )
  const commit = store.sqlite.transaction((first: number) => {
    for (let i = first; i < first + ROWS; i++) insert.all(`ev_${i}`, `om_${i}`, PAYLOAD, i)
  })
  const times: number[] = []
  let walMax = 0
  const start = performance.now()
  for (let c = 0; c < COMMITS; c++) {
    const t = performance.now()
    commit(c * ROWS)
    times.push(performance.now() - t)
    // Between turns the loop runs other work; the thread checkpoints meanwhile.
    if (c % 50 === 49) {
      walMax = Math.max(walMax, fs.statSync(`${file}-wal`).size)
      await new Promise((r) => setImmediate(r))
    }
  }
  const elapsed = performance.now() - start
  await checkpointer?.close()
  store.close()
  fs.rmSync(dir, { recursive: true, force: true })
  return {
    usPerRow: (1000 * elapsed) / (COMMITS * ROWS),
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    max: Math.max(...times),
    walMb: walMax / 1e6,
  }
}

const results = { commit: [] as Round[], thread: [] as Round[] }
for (let r = 0; r < ROUNDS; r++) {
  results.commit.push(await round('commit'))
  results.thread.push(await round('thread'))
}
const med = (rs: Round[], k: keyof Round) =>
  quantile(
    rs.map((x) => x[k]),
    0.5,
  )
console.log(
  `checkpoint bench — ${ROUNDS} rounds × ${COMMITS} commits of ${ROWS} inbox rows, node ${process.version}, ${os.cpus().length} cores (medians over rounds)`,
)
for (const way of ['commit', 'thread'] as const) {
  const rs = results[way]
  console.log(
    `${(way === 'commit' ? 'checkpoint in the commit (SQLite default)' : 'checkpoint thread').padEnd(44)}` +
      `${med(rs, 'usPerRow').toFixed(1).padStart(6)} µs/row   commit p50 ${med(rs, 'p50').toFixed(2)} ms  p99 ${med(rs, 'p99').toFixed(2)} ms  max ${med(rs, 'max').toFixed(1)} ms   WAL up to ${med(rs, 'walMb').toFixed(1)} MB`,
  )
}
const ratio = (k: keyof Round) => (med(results.commit, k) / med(results.thread, k)).toFixed(2)
console.log(
  `main thread's time per row: ${ratio('usPerRow')}× less with the thread; commit p99 ${ratio('p99')}× lower`,
)
