/**
 * npm run bench:quiz [-- --quick] — the study quiz at the scale of the group: 500 branches, 10,000 members, a
 * 5,000-question bank and a year of history (every branch's daily sets, and each member answering five questions
 * on one day in five; --quick keeps 30 days). Reported:
 *   - drawing the day's sets of all 500 branches at once (what the morning push does), median of 3 days;
 *     target under 2 s;
 *   - handling `答 1A 2B 3C 4D 5对` through POST /dev/chat for 1,000 members: p50 and p99, against the same
 *     answer rows inserted by a raw better-sqlite3 loop in the same run.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { consoleOutbound } from '../adapters/console/outbound'
import { buildApp } from '../src/app'
import { buildCommandIndex, cardActions } from '../src/commands/table'
import { loadConfig } from '../src/config'
import { buildCore } from '../src/core'
import { openNodeStore } from '../src/db/node-store'
import { drawSets } from '../src/db/quiz'
import { prepareDatabase } from '../src/db/seed'

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean', default: false } } })
const BRANCHES = 500
const PER_BRANCH = 20
const QUESTIONS = 5_000
const HISTORY_DAYS = flags.quick ? 30 : 365
const ANSWERING = 1_000
const CATEGORIES = ['理论学习', '党章党规', '党史', '安全生产', '企业文化']
const DAY0 = Date.parse('2026-01-01T00:00:00Z')
const dayOf = (i: number) => new Date(DAY0 + i * 86_400_000).toISOString().slice(0, 10)

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ronghe-quiz-'))
const file = path.join(dir, 'bench.db')
const store = openNodeStore(file)
await prepareDatabase(store, { seedDemo: false, now: DAY0 })
store.sqlite.exec('DELETE FROM questions')

const started = process.hrtime.bigint()
const raw = store.sqlite
const fill = raw.transaction(() => {
  const unit = raw.prepare(`INSERT INTO org_units (code, name, kind, parent_id) VALUES (?, ?, ?, ?)`)
  const committee = Number(unit.run('DW', '党委', 'committee', null).lastInsertRowid)
  const member = raw.prepare(`INSERT INTO members (employee_no, name, branch_id) VALUES (?, ?, ?)`)
  const identity = raw.prepare(
    `INSERT INTO identities (platform, platform_user_id, member_id, bound_at) VALUES ('console', ?, ?, 0)`,
  )
  const question = raw.prepare(
    `INSERT INTO questions (code, kind, stem, options, answer, explanation, category, difficulty, source, quote, status, created_at, created_by)
     VALUES (?, 'single', ?, '["甲","乙","丙","丁"]', 'A', '解析', ?, 1, '出处', '甲', 'approved', 0, 'bench')`,
  )
  for (let q = 1; q <= QUESTIONS; q++) question.run(`B-${q}`, `第 ${q} 题`, CATEGORIES[q % CATEGORIES.length])
  const set = raw.prepare(
    `INSERT INTO quiz_sets (unit_id, day, question_ids, settings_version, created_at) VALUES (?, ?, ?, 1, 0)`,
  )
  const answer = raw.prepare(
    `INSERT INTO quiz_answers (member_id, unit_id, question_id, day, mode, given, correct, at, platform, chat_id)
     VALUES (?, ?, ?, ?, 'daily', 'A', 1, 0, 'console', 'g')`,
  )
  for (let b = 0; b < BRANCHES; b++) {
    const branchId = Number(unit.run(`B${b}`, `第${b}支部`, 'branch', committee).lastInsertRowid)
    const memberIds: number[] = []
    for (let m = 0; m < PER_BRANCH; m++) {
      const id = Number(member.run(`${b}-${m}`, `党员${b}-${m}`, branchId).lastInsertRowid)
      identity.run(`u${b}-${m}`, id)
      memberIds.push(id)
    }
    for (let d = 0; d < HISTORY_DAYS; d++) {
      const ids = Array.from({ length: 5 }, (_, k) => 1 + ((b * 7 + d * 5 + k) % QUESTIONS))
      set.run(branchId, dayOf(d), JSON.stringify(ids))
      for (const [m, memberId] of memberIds.entries())
        if ((m + d) % 5 === 0) for (const q of ids) answer.run(memberId, branchId, q, dayOf(d))
    }
  }
})
fill()
const answers = (raw.prepare('SELECT count(*) AS n FROM quiz_answers').get() as { n: number }).n
console.log(
  `setup: ${BRANCHES} branches, ${BRANCHES * PER_BRANCH} members, ${QUESTIONS} questions, ${HISTORY_DAYS} days, ${answers.toLocaleString('en')} answers in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`,
)

const branchIds = (
  raw.prepare(`SELECT id FROM org_units WHERE kind = 'branch'`).all() as { id: number }[]
).map((r) => r.id)
const opts = { size: 5, rotationDays: 30, now: DAY0, settingsVersion: 1 }
const drawTimes: number[] = []
for (let r = 0; r < 3; r++) {
  const day = dayOf(HISTORY_DAYS + r)
  const t0 = process.hrtime.bigint()
  const { writes } = await drawSets(store.db, branchIds, day, opts)
  await store.commit(writes)
  drawTimes.push(Number(process.hrtime.bigint() - t0) / 1e6)
}
drawTimes.sort((a, b) => a - b)

let now = DAY0 + (HISTORY_DAYS + 2) * 86_400_000 + 2 * 3_600_000
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
const times: number[] = []
for (let i = 0; i < ANSWERING; i++) {
  const b = i % BRANCHES
  const m = Math.floor(i / BRANCHES)
  now += 10
  const t0 = process.hrtime.bigint()
  const res = await app.request('/dev/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chatId: `u${b}-${m}`, userId: `u${b}-${m}`, text: '答 1A 2B 3C 4D 5A' }),
  })
  const said = ((await res.json()) as { replies: { text: string }[] }).replies[0]?.text ?? ''
  times.push(Number(process.hrtime.bigint() - t0) / 1e6)
  if (!said.startsWith('1. ')) throw new Error(`unexpected answer: ${said}`)
}
times.sort((a, b) => a - b)
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0

/** The floor: five answer rows and one points row per member, by hand, one transaction each. */
function rawAnswers(): number {
  const db = new Database(file)
  const answer = db.prepare(
    `INSERT INTO quiz_answers (member_id, unit_id, question_id, day, mode, given, correct, at, platform, chat_id)
     VALUES (?, 1, ?, '2099-01-01', 'daily', 'A', 1, 0, 'console', 'g')`,
  )
  const point = db.prepare(
    `INSERT INTO points_ledger (member_id, points, rule, reason, source, day, settings_version, created_at)
     VALUES (?, 1, 'raw', 'raw', ?, '2099-01-01', 1, 0)`,
  )
  const one = db.transaction((memberId: number) => {
    for (let k = 1; k <= 5; k++) answer.run(memberId, k)
    point.run(memberId, `raw:${memberId}`)
  })
  const t0 = process.hrtime.bigint()
  for (let id = 1; id <= ANSWERING; id++) one(id)
  const ms = Number(process.hrtime.bigint() - t0) / 1e6 / ANSWERING
  db.close()
  return ms
}
const floor = rawAnswers()
console.log(`quiz bench (node ${process.version}${flags.quick ? ', --quick' : ''})`)
console.log(
  `  draw the day's sets of ${BRANCHES} branches   median ${drawTimes[1]?.toFixed(0)} ms (runs: ${drawTimes.map((t) => t.toFixed(0)).join(', ')} ms; target < 2,000 ms)`,
)
console.log(`  答 (5 answers) via /dev/chat       p50 ${q(0.5).toFixed(2)} ms   p99 ${q(0.99).toFixed(2)} ms`)
console.log(
  `  raw insert of the same rows        ${floor.toFixed(3)} ms per member: ours is ${(q(0.5) / floor).toFixed(0)}× at p50`,
)
store.close()
fs.rmSync(dir, { recursive: true, force: true })
