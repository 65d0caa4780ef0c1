/**
 * npm run bench:todo — the 07:30 morning card (待办) for 500 branches at once (10,000 members, 2 leaders), on a
 * file database with a day of work in it: two check-ins per branch with 60 % present, bind requests, today's quiz,
 * 10,000 tasks, yesterday's production figures and 100 items escalated to the leaders.
 * Measured: every card of the morning job (the job's slots and each slot's run: facts, card, message), per card
 * (p50/p99) and in total; the same facts and card with the card's statements built per call instead of prepared
 * once, in the same run (the baseline); and the queued sends released through the outbox's rate limiter with
 * Feishu's and Telegram's limits (per chat per second, per second). Targets: ≥ 5× faster than the baseline,
 * all cards under 5 s.
 * The baseline is the same code with the same SQL text: every statement the card runs (its tasks and figures
 * too) is built and prepared at the moment it runs, and only then (src/db/todo.ts todoQueriesPerCall), as an app
 * without prepared statements would do it. Statements a card does not run (a secretary's card runs no
 * escalation reads) cost the baseline nothing.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FEISHU_LIMITS } from '../adapters/feishu/limits'
import { TELEGRAM_LIMITS } from '../adapters/telegram/limits'
import { todoMorningJob } from '../scheduler/jobs/todo-morning'
import { todoCard } from '../src/cards/todo'
import type { RoleGrant } from '../src/commands/command'
import { openNodeStore } from '../src/db/node-store'
import { prepareDatabase } from '../src/db/seed'
import { todoQueriesPerCall } from '../src/db/todo'
import { loadTodo } from '../src/db/todo-facts'
import { loadUnits } from '../src/db/units'
import { shiftDay } from '../src/domain/dates'
import { DEFAULT_SETTINGS_DOC, type Settings } from '../src/domain/settings'
import { todoScope } from '../src/domain/todo'
import type { SendLimits } from '../src/outbox/outbound'
import { RateLimiter } from '../src/outbox/rate-limiter'
import { ms, quantile } from './support/timing'

const BRANCHES = 500
const PER_BRANCH = 20
const TASKS_PER_BRANCH = 20
const ESCALATED = 100
const NOW = Date.parse('2026-12-01T07:30:00+08:00')
const TODAY = '2026-12-01'
const TZ = 'Asia/Shanghai'
const at = (day: string, time: string) => Date.parse(`${day}T${time}:00+08:00`)

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ronghe-todo-'))
const store = openNodeStore(path.join(dir, 'bench.db'))
await prepareDatabase(store, { seedDemo: false, now: NOW })
const { sqlite } = store

function seed() {
  // Answers point at question 1 and figures at no reporter: the reads measured here never follow those keys.
  sqlite.pragma('foreign_keys = OFF')
  sqlite.transaction(() => {
    const run = (text: string) => sqlite.prepare(text)
    run(`INSERT INTO org_units (id, code, name, kind) VALUES (1, 'DW', '党委', 'committee')`).run()
    const unit = run(`INSERT INTO org_units (id, code, name, kind, parent_id) VALUES (?, ?, ?, 'branch', 1)`)
    const member = run(`INSERT INTO members (id, employee_no, name, branch_id) VALUES (?, ?, ?, ?)`)
    const identity = run(
      `INSERT INTO identities (platform, platform_user_id, member_id, bound_at) VALUES ('console', ?, ?, ?)`,
    )
    const role = run(`INSERT INTO role_assignments (member_id, role, unit_id) VALUES (?, ?, ?)`)
    const activity = run(
      `INSERT INTO activities (id, unit_id, type, title, opens_at, closes_at, late_until, settings_version, created_at)
       VALUES (?, ?, 'study', ?, ?, ?, ?, 1, ?)`,
    )
    const checkin = run(
      `INSERT INTO checkins (activity_id, member_id, status, kind, recorded_by, platform, chat_id, at)
       VALUES (?, ?, 'onTime', 'checkin', ?, 'console', ?, ?)`,
    )
    const bind = run(
      `INSERT INTO bind_requests (platform, platform_user_id, user_name, member_id, status, created_at)
       VALUES ('console', ?, ?, ?, 'pending', ?)`,
    )
    const quizSet = run(
      `INSERT INTO quiz_sets (unit_id, day, question_ids, settings_version, created_at) VALUES (?, ?, '[1]', 1, ?)`,
    )
    const answer = run(
      `INSERT INTO quiz_answers (member_id, unit_id, question_id, day, mode, given, correct, at, platform, chat_id)
       VALUES (?, ?, 1, ?, 'daily', 'A', 1, ?, 'console', ?)`,
    )
    const task = run(
      `INSERT INTO tasks (id, type, title, branch_id, created_by, due_day, status, percent, rev, platform,
         settings_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 1, 'console', 1, ?, ?)`,
    )
    const assignee = run(`INSERT INTO task_assignees (task_id, member_id) VALUES (?, ?)`)
    const reported = run(
      `INSERT INTO production_figures (unit_id, metric, day, value, seq, source, at) VALUES (?, ?, ?, ?, 1, 'chat', ?)`,
    )
    // production_current is what a report's write keeps beside it (production-writes.ts) and what the card reads.
    const current = run(
      `INSERT INTO production_current (unit_id, metric, day, value, seq) VALUES (?, ?, ?, ?, 1)`,
    )
    const figure = (unitId: number, metric: string, day: string, value: number, at: number) => {
      reported.run(unitId, metric, day, value, at)
      current.run(unitId, metric, day, value)
    }
    const step = run(
      `INSERT INTO escalation_steps (kind, item_key, step, action, day, fired_at, status, recipients)
       VALUES ('taskOverdue', ?, ?, ?, ?, ?, ?, 1)`,
    )
    const yesterday = shiftDay(TODAY, -1)
    const types = ['target', 'fix', 'pioneer', 'topic']
    let taskId = 0
    for (let b = 0; b < BRANCHES; b++) {
      const unitId = b + 2
      unit.run(unitId, `B${b}`, `第${b}支部`)
      const first = b * PER_BRANCH + 1
      for (let m = 0; m < PER_BRANCH; m++) {
        const id = first + m
        member.run(id, `${b}-${String(m).padStart(2, '0')}`, `党员${b}-${m}`, unitId)
        identity.run(`u${id}`, id, NOW)
      }
      role.run(first, 'secretary', unitId)
      if (b % 5 === 0) bind.run(`new${b}`, `新党员${b}`, first + PER_BRANCH - 1, NOW - 3_600_000)
      // Yesterday's study (closed) and this morning's, still open at 07:30; 60 % checked in to each.
      for (const [n, day, time] of [
        [0, yesterday, '10:00'],
        [1, TODAY, '07:10'],
      ] as const) {
        const id = b * 2 + n + 1
        const opens = at(day, time)
        activity.run(id, unitId, `学习${n}`, opens, opens + 30 * 60_000, opens + 45 * 60_000, opens)
        for (let m = 0; m < PER_BRANCH * 0.6; m++) checkin.run(id, first + m, first + m, `g${b}`, opens + m)
      }
      quizSet.run(unitId, TODAY, NOW)
      for (let m = 0; m < PER_BRANCH * 0.3; m++) answer.run(first + m, unitId, TODAY, NOW, `u${first + m}`)
      for (let i = 0; i < TASKS_PER_BRANCH; i++) {
        taskId++
        const due = shiftDay(TODAY, ((taskId * 7919) % 61) - 30)
        const status = ['open', 'progress', 'confirmed', 'submitted', 'confirmed'][i % 5] as string
        task.run(taskId, types[i % 4], `任务${taskId}`, unitId, first, due, status, NOW, NOW)
        assignee.run(taskId, first + 1 + (i % (PER_BRANCH - 1)))
      }
      for (const [day, coal] of [
        [shiftDay(TODAY, -2), 3000],
        [yesterday, 2500 + ((b * 37) % 1000)],
      ] as const) {
        figure(unitId, 'coal', day, coal, NOW)
        figure(unitId, 'footage', day, 10 + (b % 5), NOW)
        figure(unitId, 'violations', day, b % 7 === 0 ? 1 : 0, NOW)
      }
    }
    role.run(2, 'leader', 1)
    role.run(3, 'leader', 1)
    // The ladder reached the leaders for 100 open overdue tasks (open tasks are every fifth, from the first).
    const overdue = sqlite
      .prepare(`SELECT id FROM tasks WHERE status = 'open' AND due_day < ? ORDER BY id LIMIT ?`)
      .all(shiftDay(TODAY, -3), ESCALATED) as { id: number }[]
    for (const { id } of overdue)
      for (const [n, action, status] of [
        [0, 'nudge', 'sent'],
        [1, 'urgent', 'skipped'],
        [2, 'leaderCard', 'sent'],
      ] as const)
        step.run(String(id), n, action, yesterday, NOW - 86_400_000, status)
  })()
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('optimize')
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
}

const settings: Settings = { ...DEFAULT_SETTINGS_DOC, version: 1 }
const jobCtx = { db: store.db, now: NOW, timeZone: TZ, settings, defaultLocale: 'zh-CN' as const }

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0)

const t0 = performance.now()
seed()
console.log(
  `seeded ${BRANCHES} branches, ${BRANCHES * PER_BRANCH} members, ${BRANCHES * TASKS_PER_BRANCH} tasks, ${BRANCHES * 2} check-ins, ${ESCALATED} escalated items in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
)

/** The morning job as the tick runs it: its slots, then each slot's run (facts, card, private message). */
async function morningJob() {
  // The tick would also catch up yesterday's slots (recorded as late); the morning is today's.
  const slots = (await todoMorningJob.slots({ db: store.db, now: NOW, timeZone: TZ, settings })).filter((s) =>
    s.key.startsWith(TODAY),
  )
  const times: number[] = []
  const leaders: number[] = []
  const sends: { chat: string }[] = []
  for (const slot of slots) {
    const t = performance.now()
    const out = await todoMorningJob.run(jobCtx, slot)
    times.push(performance.now() - t)
    const { grants } = (slot as typeof slot & { data: { grants: RoleGrant[] } }).data
    if (grants.some((g) => g.role === 'leader')) leaders.push(performance.now() - t)
    for (const m of out.messages) sends.push({ chat: `${m.to.kind}:${m.to.id}` })
  }
  return { times, leaders, sends, cards: slots.length }
}

/**
 * Every holder's facts and card, with the card's statements prepared (the app) or built per card (baseline): the
 * wall and CPU time of each card.
 */
async function cards(prepared: boolean) {
  const units = await loadUnits(store.db)
  const holders = sqlite
    .prepare(`SELECT member_id AS memberId, role, unit_id AS unitId FROM role_assignments ORDER BY member_id`)
    .all() as (RoleGrant & { memberId: number })[]
  const times: number[] = []
  const cpu: number[] = []
  for (const h of holders) {
    const t = performance.now()
    const c = process.cpuUsage()
    const scope = todoScope([h], units)
    if (!scope) continue
    const facts = await loadTodo(store.db, scope, units, NOW, TZ, {
      viewer: h.memberId,
      production: settings.production,
      queries: prepared ? undefined : todoQueriesPerCall(store.db),
    })
    todoCard('zh-CN', facts, { full: false, timeZone: TZ })
    const used = process.cpuUsage(c)
    times.push(performance.now() - t)
    cpu.push((used.user + used.system) / 1000)
  }
  return { times, cpu }
}

/** Release times of the sends, in order, through the outbox's limiter on a simulated clock. */
function release(limits: SendLimits, sends: { chat: string }[]) {
  const limiter = new RateLimiter(limits)
  let now = 0
  const released: { chat: string; at: number }[] = []
  for (const s of sends) {
    for (let wait = limiter.reserve(s.chat, now); wait > 0; wait = limiter.reserve(s.chat, now)) now += wait
    released.push({ chat: s.chat, at: now })
  }
  // The most sends within any one second, overall and to one chat (a sliding window over the release times).
  const busiest = (xs: number[]) => {
    let most = 0
    for (let i = 0, j = 0; i < xs.length; i++) {
      while ((xs[i] as number) - (xs[j] as number) >= 1_000) j++
      most = Math.max(most, i - j + 1)
    }
    return most
  }
  const byChat = new Map<string, number[]>()
  for (const r of released) byChat.set(r.chat, [...(byChat.get(r.chat) ?? []), r.at])
  return {
    seconds: now / 1000,
    perSecond: busiest(released.map((r) => r.at)),
    perChat: Math.max(...[...byChat.values()].map(busiest)),
  }
}

// Warm-up: the first cards pay for building the statements and filling SQLite's page cache.
await morningJob()
await cards(false)

const job = await morningJob()
const { times: prepared, cpu: preparedCpu } = await cards(true)
const { times: baseline, cpu: baselineCpu } = await cards(false)
const jobTotal = sum(job.times)
const ratio = quantile(baseline, 0.5) / quantile(prepared, 0.5)

console.log(
  `morning job, ${job.cards} cards:   p50 ${ms(quantile(job.times, 0.5))}  p99 ${ms(quantile(job.times, 0.99))}  total ${ms(jobTotal)}   target < 5 s`,
)
console.log(
  `  of which the ${job.leaders.length} leaders' cards (the whole organisation each): ${job.leaders.map(ms).join(', ')}`,
)
console.log(
  `facts + card, prepared:       p50 ${ms(quantile(prepared, 0.5))}  p99 ${ms(quantile(prepared, 0.99))}  total ${ms(sum(prepared))}`,
)
console.log(
  `facts + card, built per card: p50 ${ms(quantile(baseline, 0.5))}  p99 ${ms(quantile(baseline, 0.99))}  total ${ms(sum(baseline))}   ratio ${ratio.toFixed(1)}× at p50, ${(sum(baseline) / sum(prepared)).toFixed(1)}× in total; target ≥ 5×`,
)
// CPU time is what a loaded machine distorts least: another process's turn stretches wall times, not CPU times.
console.log(
  `CPU time per card:  prepared p50 ${ms(quantile(preparedCpu, 0.5))}, built per card p50 ${ms(quantile(baselineCpu, 0.5))}   ratio ${(quantile(baselineCpu, 0.5) / quantile(preparedCpu, 0.5)).toFixed(1)}× at p50`,
)
for (const [name, limits] of [
  ['Feishu', FEISHU_LIMITS],
  ['Telegram', TELEGRAM_LIMITS],
] as const) {
  const r = release(limits, job.sends)
  console.log(
    `sends on ${name}: ${job.sends.length} private cards released over ${r.seconds.toFixed(1)} s; busiest second ${r.perSecond} (limit ${limits.perSecond}), busiest chat ${r.perChat}/s (limit ${limits.perChatPerSecond})`,
  )
}
if (process.env.KEEP_DB) console.log(`database kept at ${dir}`)
else fs.rmSync(dir, { recursive: true, force: true })
store.close()
