/**
 * npm run bench:summary — a year (2026-01-01 to 11-25) for 10,000 members in 500 branches on a file database:
 * ≈ 24,000 activities with ≈ 500k attendance records, quiz answers (2M by default; QUIZ_ANSWERS=10000000 for the
 * issue's full 10M, which takes several minutes to generate), 100k tasks, ≈ 330k production figures, ≈ 800k
 * points rows and the study records of 24 items. Then the rollup's backfill (the summary-rollup job's first run,
 * every day up to yesterday) and one nightly build, timed; then `汇总 B7 本年`, `汇总 全部 本月` and `汇总 全部 本年`
 * as a leader asks them (every aggregate of both periods, the ranking, the trend, the card), p50 / p99, read through
 * the rollup and, as the baseline in the same run, from the raw rows (the same queries with no rollup: what the card
 * did before it). Through the rollup each card is timed twice, turn about: with the read pool as `npm start` serves
 * it (src/db/read-pool.ts: a second thread runs part of the card's statements) and in one thread; wall and CPU time
 * (both threads) per card. Targets: organisation < 300 ms, branch < 30 ms.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { summaryRollupJob } from '../scheduler/jobs/summary-rollup'
import { summaryCard } from '../src/cards/summary'
import type { Me } from '../src/commands/command'
import { summaryScope } from '../src/commands/summary-scope'
import { MIGRATIONS_DIR, openNodeStore } from '../src/db/node-store'
import { startReadPool } from '../src/db/read-pool'
import { NO_ROLLUP, type RollupMark } from '../src/db/rollup-span'
import { prepareDatabase } from '../src/db/seed'
import { currentSettings } from '../src/db/settings'
import { loadSummary } from '../src/db/summary-report'
import { loadUnits } from '../src/db/units'
import { shiftDay } from '../src/domain/dates'
import { type SummaryKind, summaryPeriod } from '../src/domain/summary'
import { commandCtx } from './support/command-ctx'
import { quantile } from './support/timing'

const BRANCHES = 500
const PER_BRANCH = 20
const MEMBERS = BRANCHES * PER_BRANCH
const QUIZ_ANSWERS = Number(process.env.QUIZ_ANSWERS ?? 2_000_000)
const TASKS = 100_000
const FIRST = '2026-01-01'
const TODAY = '2026-11-25'
const NOW = Date.parse(`${TODAY}T10:00:00+08:00`)
const TZ = 'Asia/Shanghai'
const CATEGORIES = ['党章党规', '理论学习', '安全规程', '党史', '时事政策']

const days: string[] = []
for (let d = FIRST; d <= TODAY; d = shiftDay(d, 1)) days.push(d)
const local = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+08:00`)
/** mulberry32: a small deterministic generator, so every run measures the same data. */
let state = 42
const rand = () => {
  state = (state + 0x6d2b79f5) | 0
  let t = Math.imul(state ^ (state >>> 15), 1 | state)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
}

// REUSE_DB=<file> measures a database an earlier run kept (KEEP_DB=1) instead of generating one.
const reuse = process.env.REUSE_DB
const dir = reuse ? path.dirname(reuse) : fs.mkdtempSync(path.join(os.tmpdir(), 'ronghe-summary-'))
const file = reuse ?? path.join(dir, 'bench.db')
const store = openNodeStore(file)
await prepareDatabase(store, { seedDemo: false, now: NOW })
const { sqlite } = store

function seedOrg() {
  sqlite.exec(`INSERT INTO org_units (id, code, name, kind) VALUES (1, 'DW', '党委', 'committee')`)
  const unit = sqlite.prepare(
    `INSERT INTO org_units (id, code, name, kind, parent_id) VALUES (?, ?, ?, 'branch', 1)`,
  )
  const member = sqlite.prepare(`INSERT INTO members (id, employee_no, name, branch_id) VALUES (?, ?, ?, ?)`)
  for (let b = 0; b < BRANCHES; b++) {
    unit.run(b + 2, `B${b}`, `第${b}支部`)
    for (let m = 0; m < PER_BRANCH; m++)
      member.run(b * PER_BRANCH + m + 1, `E${b}-${m}`, `党员${b}-${m}`, b + 2)
  }
  sqlite.exec(`INSERT INTO role_assignments (member_id, role, unit_id) VALUES (1, 'leader', 1)`)
  const question = sqlite.prepare(
    `INSERT INTO questions (id, code, kind, stem, options, answer, explanation, category, source, quote, status, created_at, created_by) VALUES (?, ?, 'judge', 's', '[]', 'T', '', ?, 's', 'q', 'approved', 0, 'bench')`,
  )
  for (let q = 1; q <= 200; q++) question.run(q, `B-${q}`, CATEGORIES[q % CATEGORIES.length])
}

/** Weekly activities per branch; each member checks in (85 %), asks leave (10 %) or is missing; 10 % corrected. */
function seedAttendance(): number {
  const activity = sqlite.prepare(
    `INSERT INTO activities (id, unit_id, type, title, opens_at, closes_at, late_until, settings_version, created_at) VALUES (?, ?, ?, 't', ?, ?, ?, 1, 0)`,
  )
  const record = sqlite.prepare(
    `INSERT INTO checkins (activity_id, member_id, status, kind, recorded_by, platform, chat_id, at) VALUES (?, ?, ?, ?, ?, 'console', 'g', ?)`,
  )
  const point = sqlite.prepare(
    `INSERT INTO points_ledger (member_id, points, rule, reason, source, day, settings_version, created_at) VALUES (?, 2, 'checkin', 'r', ?, ?, 1, 0)`,
  )
  const types = ['themeDay', 'group', 'lecture', 'assembly']
  let id = 0
  let records = 0
  for (let b = 0; b < BRANCHES; b++)
    for (let w = 0; w * 7 < days.length; w++) {
      const day = days[w * 7 + (b % 7)]
      if (!day) continue
      const opens = local(day, '09:00')
      activity.run(++id, b + 2, types[w % types.length], opens, opens + 1_800_000, opens + 2_700_000)
      for (let m = 0; m < PER_BRANCH; m++) {
        const memberId = b * PER_BRANCH + m + 1
        const r = rand()
        if (r < 0.85) {
          record.run(id, memberId, r < 0.75 ? 'onTime' : 'late', 'checkin', memberId, opens + 60_000)
          point.run(memberId, `checkin:${id}`, day)
          records++
        } else if (r < 0.95) {
          record.run(id, memberId, 'leave', 'leave', memberId, opens)
          records++
        }
        if (rand() < 0.1) {
          record.run(id, memberId, rand() < 0.5 ? 'onTime' : 'absent', 'correction', 1, opens + 3_600_000)
          records++
        }
      }
    }
  return records
}

/**
 * Daily quizzes of five questions, day after day as they arrive in production (so a period's rows lie together in
 * the table): each day a random sample of members answers, until the wanted number of answers.
 */
function seedQuiz() {
  const answer = sqlite.prepare(
    `INSERT OR IGNORE INTO quiz_answers (member_id, unit_id, question_id, day, mode, given, correct, at, platform, chat_id) VALUES (?, ?, ?, ?, 'daily', 'T', ?, ?, 'console', 'g')`,
  )
  const point = sqlite.prepare(
    `INSERT OR IGNORE INTO points_ledger (member_id, points, rule, reason, source, day, settings_version, created_at) VALUES (?, 1, 'quiz', 'r', ?, ?, 1, 0)`,
  )
  const perDay = Math.ceil(QUIZ_ANSWERS / 5 / days.length)
  for (const day of days) {
    const at = local(day, '12:00')
    for (let n = 0; n < perDay; n++) {
      const memberId = 1 + Math.floor(rand() * MEMBERS)
      const first = 1 + Math.floor(rand() * 195)
      const unitId = Math.floor((memberId - 1) / PER_BRANCH) + 2
      for (let q = 0; q < 5; q++) answer.run(memberId, unitId, first + q, day, rand() < 0.8 ? 1 : 0, at)
      point.run(memberId, `quiz:${day}`, day)
    }
  }
}

function seedRest() {
  const task = sqlite.prepare(
    `INSERT INTO tasks (id, type, title, branch_id, created_by, due_day, status, percent, submitted_day, metric_target, metric_current, rev, platform, settings_version, created_at, updated_at) VALUES (?, ?, 't', ?, 1, ?, ?, 0, ?, ?, ?, 1, 'console', 1, 0, 0)`,
  )
  const types = ['target', 'fix', 'pioneer', 'topic']
  for (let id = 1; id <= TASKS; id++) {
    const due = days[Math.floor(rand() * days.length)] as string
    const r = rand()
    const status = r < 0.6 ? 'confirmed' : r < 0.7 ? 'submitted' : r < 0.95 ? 'progress' : 'cancelled'
    const submitted =
      status === 'confirmed' || status === 'submitted' ? shiftDay(due, rand() < 0.8 ? -1 : 2) : null
    const type = types[id % 4] as string
    task.run(
      id,
      type,
      ((id * 7) % BRANCHES) + 2,
      due,
      status,
      submitted,
      type === 'target' ? 100 : null,
      type === 'target' ? 60 : null,
    )
  }
  const figure = sqlite.prepare(
    `INSERT INTO production_figures (unit_id, metric, day, value, seq, source, at) VALUES (?, ?, ?, ?, 1, 'api', 0)`,
  )
  for (const day of days)
    for (let b = 0; b < BRANCHES; b++) {
      figure.run(b + 2, 'coal', day, 2500 + Math.floor(rand() * 1000))
      figure.run(b + 2, 'footage', day, 8 + Math.floor(rand() * 8))
    }
  // The figures went in raw, past the writes that keep the production rollups: fill them as the migration does.
  for (const file of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')))
    for (const statement of fs
      .readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8')
      .split('--> statement-breakpoint'))
      if (/^\s*INSERT INTO `production_(current|months)` /.test(statement)) sqlite.exec(statement)
  const item = sqlite.prepare(
    `INSERT INTO study_items (id, unit_id, title, published_by, published_at) VALUES (?, 1, 'i', 1, ?)`,
  )
  const studied = sqlite.prepare(`INSERT INTO study_records (item_id, member_id, at) VALUES (?, ?, 0)`)
  for (let i = 1; i <= 24; i++) {
    const day = days[Math.min(days.length - 1, (i - 1) * 14)] as string
    item.run(i, local(day, '09:00'))
    for (let m = 1; m <= MEMBERS; m++) if (rand() < 0.7) studied.run(i, m)
  }
}

// The generator's writes land in random index order: a 1 GB page cache keeps them off the disk until the end.
sqlite.pragma('cache_size = -1000000')
const g0 = performance.now()
const phases: string[] = []
const phase = (name: string, fn: () => void) => {
  const start = performance.now()
  sqlite.transaction(fn)()
  phases.push(`${name} ${((performance.now() - start) / 1000).toFixed(1)} s`)
}
if (!reuse) {
  phase('org', seedOrg)
  phase('attendance', seedAttendance)
  phase('quiz', seedQuiz)
  phase('rest', seedRest)
  sqlite.pragma('optimize')
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
}
// A 256 MB page cache: with SQLite's default 2 MB a year's answers are read from the file page by page.
sqlite.pragma('cache_size = -262144')
const generatorSeconds = (performance.now() - g0) / 1000
console.log(reuse ? `reusing ${file}` : `generator: ${generatorSeconds.toFixed(1)} s (${phases.join(', ')})`)
const count = (table: string) =>
  Number((sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n)

const settings = await currentSettings(store.db)
const me: Me = {
  id: 1,
  name: '党员0-0',
  employeeNo: 'E0-0',
  branchId: 2,
  grants: [{ role: 'leader', unitId: 1 }],
}
const ctx = commandCtx(store.db, me, settings, NOW, TZ)

type Timing = { p50: number; p99: number; cpu: number }
/** Each function `runs` times after one warm-up, turn about; wall p50 / p99 and the median CPU time per call. */
async function measure(runs: number, ...fns: (() => Promise<unknown>)[]): Promise<Timing[]> {
  for (const fn of fns) await fn()
  const times = fns.map(() => ({ wall: [] as number[], cpu: [] as number[] }))
  for (let i = 0; i < runs; i++)
    for (const [j, fn] of fns.entries()) {
      const cpu = process.cpuUsage()
      const start = performance.now()
      await fn()
      const t = times[j] as { wall: number[]; cpu: number[] }
      t.wall.push(performance.now() - start)
      const used = process.cpuUsage(cpu)
      t.cpu.push((used.user + used.system) / 1000)
    }
  return times.map((t) => ({
    p50: quantile(t.wall, 0.5),
    p99: quantile(t.wall, 0.99),
    cpu: quantile(t.cpu, 0.5),
  }))
}

// The rollup from scratch on every run (a kept database may hold one): the job's first run is the backfill.
for (const table of [
  'rollup_state',
  'rollup_pending',
  'rollup_activities',
  'rollup_quiz_days',
  'rollup_quiz_months',
  'rollup_quiz_member_days',
  'rollup_quiz_member_months',
  'rollup_points_days',
  'rollup_points_months',
  'rollup_points_years',
  'rollup_quiz_member_years',
  'rollup_production_days',
])
  sqlite.exec(`DELETE FROM ${table}`)
const jobCtx = { db: store.db, timeZone: TZ, settings, defaultLocale: 'zh-CN' as const }
async function build(now: number) {
  const start = performance.now()
  const [slot] = await summaryRollupJob.slots({ ...jobCtx, now })
  if (!slot) throw new Error('no rollup slot')
  await store.commit((await summaryRollupJob.run({ ...jobCtx, now }, slot)).writes)
  return performance.now() - start
}
const backfill = await build(NOW)

// A second connection with the read pool, as `npm start` opens it; the first reads in one thread.
const pooled = openNodeStore(file)
pooled.sqlite.pragma('cache_size = -262144')
const pool = startReadPool(pooled, file)
if (!(await pool.ready)) throw new Error('the read pool did not start')

/**
 * What `汇总 <scope> <period>` does (summaryFor) on a connection, reading through the rollup or, given NO_ROLLUP,
 * the raw rows.
 */
async function summaryCardOf(db: typeof store.db, scope: string, kind: SummaryKind, rollup?: RollupMark) {
  const units = await loadUnits(db)
  const { root, branches } = summaryScope(ctx, me, units, scope)
  const facts = { db, timeZone: TZ, settings, today: TODAY, rollup }
  const report = await loadSummary(facts, root, branches, units, summaryPeriod(kind, TODAY))
  return summaryCard(ctx.locale, report, {
    metrics: settings.production.metrics,
    rankShown: settings.summary.rankShown,
  })
}

const ms = (v: number) => `${v.toFixed(1)} ms`
const report = (name: string, r: Timing, target = '') =>
  console.log(`${name}: p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, CPU ${ms(r.cpu)}${target}`)
console.log(
  `data: ${MEMBERS} members in ${BRANCHES} branches, ${count('activities')} activities, ${count('checkins')} attendance records,`,
)
console.log(
  `      ${count('quiz_answers')} quiz answers, ${count('tasks')} tasks, ${count('production_figures')} production figures,`,
)
console.log(
  `      ${count('points_ledger')} points rows, ${count('study_records')} study records; database ${(fs.statSync(file).size / 1024 / 1024).toFixed(0)} MB`,
)
console.log(
  `rollup: backfill ${(backfill / 1000).toFixed(1)} s; rows: ${count('rollup_activities')} activities, ${count('rollup_quiz_days')} quiz days, ${count('rollup_quiz_months')} quiz months, ${count('rollup_quiz_member_days')} member days, ${count('rollup_quiz_member_months')} member months, ${count('rollup_points_days')} points days, ${count('rollup_points_months')} points months, ${count('rollup_points_years')} points years, ${count('rollup_quiz_member_years')} member years, ${count('rollup_production_days')} production days`,
)
const cases: [string, string, SummaryKind, number, number, string][] = [
  ['汇总 B7 本年 (one branch)', 'B7', 'year', 20, 5, ' (target < 30 ms)'],
  ['汇总 全部 本月 (500 branches)', '全部', 'month', 10, 2, ' (target < 300 ms)'],
  ['汇总 全部 本年 (500 branches)', '全部', 'year', 10, 2, ' (target < 300 ms)'],
]
for (const [name, scope, kind, runs, rawRuns, target] of cases) {
  const [withPool, oneThread] = (await measure(
    runs,
    () => summaryCardOf(pooled.db, scope, kind),
    () => summaryCardOf(store.db, scope, kind),
  )) as [Timing, Timing]
  const [raw] = (await measure(rawRuns, () => summaryCardOf(store.db, scope, kind, NO_ROLLUP))) as [Timing]
  report(`${name}, rollup + read pool`, withPool, target)
  report(
    `${name}, rollup, one thread`,
    oneThread,
    ` → pool ${(oneThread.p50 / withPool.p50).toFixed(2)}× faster`,
  )
  report(`${name}, raw rows (baseline)`, raw, ` → rollup ${(raw.p50 / oneThread.p50).toFixed(0)}× faster`)
}
// The next night takes in today (11-25): what the job costs once a day.
console.log(`rollup: a nightly build ${ms(await build(Date.parse(`${shiftDay(TODAY, 1)}T00:05:00+08:00`)))}`)
await pool.close()
pooled.close()
store.close()
if (process.env.KEEP_DB || reuse) console.log(`database kept: ${file}`)
else fs.rmSync(dir, { recursive: true, force: true })
