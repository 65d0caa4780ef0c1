/**
 * npm run bench:checkin — a morning burst: 2,000 members of 100 branches send 签到 within one minute of
 * simulated time through POST /dev/chat (inbox write, routing, the check-in rule, one transaction with the
 * record, the points row, the outbox row and the processed mark). Reported per round: median and p99 handling
 * time, and check-ins/s against a raw better-sqlite3 loop that inserts the same two rows per check-in, one
 * transaction each, in the same run. Median of 3 rounds.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { consoleOutbound } from '../adapters/console/outbound'
import { buildApp } from '../src/app'
import { buildCommandIndex, cardActions } from '../src/commands/table'
import { loadConfig } from '../src/config'
import { buildCore } from '../src/core'
import { openNodeStore } from '../src/db/node-store'
import { chats, identities, members, orgUnits, roleAssignments } from '../src/db/schema'
import { prepareDatabase } from '../src/db/seed'

const BRANCHES = 100
const PER_BRANCH = 20
const ROUNDS = 3
const START = Date.parse('2026-12-01T08:00:00+08:00')

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ronghe-checkin-'))
const file = path.join(dir, 'bench.db')
const store = openNodeStore(file)
let now = START
await prepareDatabase(store, { seedDemo: false, now })

const [committee] = await store.db
  .insert(orgUnits)
  .values({ code: 'DW', name: '党委', kind: 'committee' })
  .returning()
for (let b = 0; b < BRANCHES; b++) {
  const [branch] = await store.db
    .insert(orgUnits)
    .values({ code: `B${b}`, name: `第${b}支部`, kind: 'branch', parentId: committee?.id ?? null })
    .returning()
  const branchId = branch?.id ?? 0
  await store.db
    .insert(chats)
    .values({ platform: 'console', chatId: `g-${b}`, unitId: branchId, boundAt: now })
  for (let m = 0; m < PER_BRANCH; m++) {
    const [member] = await store.db
      .insert(members)
      .values({ employeeNo: `${b}-${m}`, name: `党员${b}-${m}`, branchId })
      .returning()
    const memberId = member?.id ?? 0
    await store.db
      .insert(identities)
      .values({ platform: 'console', platformUserId: `u${b}-${m}`, memberId, boundAt: now })
    if (m === 0)
      await store.db.insert(roleAssignments).values({ memberId, role: 'secretary', unitId: branchId })
  }
}

const core = buildCore({
  config: loadConfig({}),
  store,
  index: buildCommandIndex(),
  actions: cardActions,
  outbounds: [consoleOutbound],
  clock: () => now,
  schedule: () => {},
  log: () => {},
})
const app = buildApp(core)
const say = async (chatId: string, userId: string, text: string) => {
  const res = await app.request('/dev/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chatId, userId, text }),
  })
  return ((await res.json()) as { replies: { text: string }[] }).replies[0]?.text ?? ''
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0

/** One burst: every branch opens a check-in, then all members check in, spread over one simulated minute. */
async function burst(round: number) {
  now = START + round * 86_400_000
  for (let b = 0; b < BRANCHES; b++) await say(`g-${b}`, `u${b}-0`, `发起签到 晨会${round} 30`)
  const times: number[] = []
  let ok = 0
  const total = BRANCHES * PER_BRANCH
  const wall = process.hrtime.bigint()
  for (let i = 0; i < total; i++) {
    // Interleave branches, as a real morning does.
    const b = i % BRANCHES
    const m = Math.floor(i / BRANCHES)
    now = START + round * 86_400_000 + Math.floor((i * 60_000) / total)
    const t0 = process.hrtime.bigint()
    const said = await say(`g-${b}`, `u${b}-${m}`, '签到')
    times.push(Number(process.hrtime.bigint() - t0) / 1e6)
    if (said.includes('签到成功')) ok++
  }
  const seconds = Number(process.hrtime.bigint() - wall) / 1e9
  times.sort((a, b) => a - b)
  return { ok, total, median: quantile(times, 0.5), p99: quantile(times, 0.99), perSecond: total / seconds }
}

/** The floor: the same two rows per check-in, inserted by hand with prepared statements, one transaction each. */
function rawLoop(round: number) {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  const activity = db
    .prepare(
      `INSERT INTO activities (unit_id, type, title, opens_at, closes_at, late_until, settings_version, created_at)
       VALUES (?, 'other', ?, ?, ?, ?, 1, ?) RETURNING id`,
    )
    .get(committee?.id, `raw${round}`, 0, 1, 2, 0) as { id: number }
  const checkin = db.prepare(
    `INSERT INTO checkins (activity_id, member_id, status, kind, recorded_by, platform, chat_id, at)
     VALUES (?, ?, 'onTime', 'checkin', ?, 'console', 'g', ?)`,
  )
  const points = db.prepare(
    `INSERT INTO points_ledger (member_id, points, rule, reason, source, day, settings_version, created_at)
     VALUES (?, 2, 'raw', 'raw', ?, '2026-12-01', 1, ?)`,
  )
  const ids = (db.prepare('SELECT id FROM members').all() as { id: number }[]).map((r) => r.id)
  const one = db.transaction((memberId: number) => {
    checkin.run(activity.id, memberId, memberId, 0)
    points.run(memberId, `raw:${activity.id}`, 0)
  })
  const start = process.hrtime.bigint()
  for (const id of ids) one(id)
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  db.close()
  return ids.length / seconds
}

const rounds: { ours: Awaited<ReturnType<typeof burst>>; raw: number }[] = []
for (let r = 0; r < ROUNDS; r++) {
  const ours = await burst(r)
  if (ours.ok !== ours.total)
    throw new Error(`round ${r}: only ${ours.ok} of ${ours.total} check-ins succeeded`)
  rounds.push({ ours, raw: rawLoop(r) })
}
const mid = <T>(xs: T[], key: (x: T) => number) =>
  [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)] as T
const med = mid(rounds, (r) => r.ours.perSecond)
console.log(
  `check-in burst — ${BRANCHES} branches × ${PER_BRANCH} members, ${ROUNDS} rounds, median round (node ${process.version})`,
)
console.log(
  `  handling time per 签到      median ${med.ours.median.toFixed(2)} ms   p99 ${med.ours.p99.toFixed(2)} ms`,
)
console.log(
  `  our path                   ${med.ours.perSecond.toFixed(0)} check-ins/s (2 rows each + outbox + inbox)`,
)
console.log(
  `  raw better-sqlite3 loop    ${med.raw.toFixed(0)} check-ins/s (the same 2 rows, 1 transaction each)`,
)
console.log(`  ratio                      ${(med.ours.perSecond / med.raw).toFixed(3)}× raw`)
console.log(
  `  a one-minute burst of ${BRANCHES * PER_BRANCH} needs ${((BRANCHES * PER_BRANCH) / 60).toFixed(0)}/s: headroom ${(med.ours.perSecond / ((BRANCHES * PER_BRANCH) / 60)).toFixed(0)}×`,
)
store.close()
fs.rmSync(dir, { recursive: true, force: true })
