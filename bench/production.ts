/**
 * npm run bench:production — a month of daily figures for 500 teams × 10 metrics (150,000 rows) on a file
 * database, then the organisation's 调度 card over that month.
 * Ingest: the rows through `POST /api/production` (the Hono app, token check, zod, batch check, store) in
 * batches of 5,000 (the most the API takes), against raw prepared INSERTs of the same rows in transactions of
 * 5,000 into a second database. Target: ≥ 0.5× the raw rate. The baseline is a fair one: the same table with the
 * same indexes (a fresh database from the same migrations, foreign keys on), the same rows in the same order and
 * batches, one prepared statement run per row inside one transaction per batch; it only skips what the API must
 * do besides (HTTP, JSON, validation, idempotency, seqs, the rollups); the bench's own JSON.stringify of each
 * request counts on the API's side. CPU time is printed beside wall time because the ratio of the two CPU times is
 * steadier on a busy machine.
 * The store writes each batch's history rows and the rollups (production_current, production_months) in one commit.
 * Card: `调度 本月` as a leader asks it (the command's handler: both halves for 500 branches, the card), against
 * computing the production half straight from the raw rows (read every row of both periods, keep the newest of
 * each unit, metric and day, add them up per branch). Targets: p50 < 100 ms and ≥ 5× faster than the raw way.
 * Also the card's production half alone from the rollups (what this bench's rows change).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { nodeCrypto } from '../adapters/feishu/crypto-node'
import { buildApp } from '../src/app'
import type { Me } from '../src/commands/command'
import { dispatchCmd } from '../src/commands/dispatch'
import { buildCommandIndex, cardActions } from '../src/commands/table'
import { loadConfig } from '../src/config'
import { buildCore } from '../src/core'
import { figureHistory, unitTotals } from '../src/db/dispatch'
import { openNodeStore } from '../src/db/node-store'
import { prepareDatabase } from '../src/db/seed'
import { currentSettings } from '../src/db/settings'
import { PRODUCTION_DEFAULTS } from '../src/domain/production-settings'
import { DEFAULT_SETTINGS_DOC, SettingsSchema } from '../src/domain/settings'
import { platformsFor } from '../src/platforms'
import { commandCtx } from './support/command-ctx'
import { measure } from './support/timing'

/** BENCH_TEAMS=50 for a quick look; the figures in README are of 500. */
const TEAMS = Number(process.env.BENCH_TEAMS ?? 500)
const PER_TEAM = 20
const DAYS = 30
const BATCH = 5000
const NOW = Date.parse('2026-12-01T10:00:00+08:00')
const TZ = 'Asia/Shanghai'
const TOKEN = 'bench-production-token-0123456789'

/** Four more of a mine's daily figures, so that each team reports ten. */
const extra = (code: string, name: string, unit: string, better: 'higher' | 'lower', plan: number) => ({
  code,
  name,
  aliases: [],
  unit,
  unitForms: { [unit]: 1 },
  better,
  aggregate: 'sum' as const,
  integer: false,
  max: null,
  planDaily: plan,
  planMonthly: plan * 30,
  resetsSafeDays: false,
})
const doc = SettingsSchema.parse({
  ...DEFAULT_SETTINGS_DOC,
  production: {
    ...PRODUCTION_DEFAULTS,
    metrics: [
      ...(PRODUCTION_DEFAULTS.metrics ?? []),
      extra('tunnel', '掘进', '米', 'higher', 8),
      extra('power', '用电量', '度', 'lower', 50000),
      extra('water', '排水量', '方', 'higher', 2000),
      extra('haul', '运输量', '吨', 'higher', 3500),
    ],
  },
})

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ronghe-production-'))
const store = openNodeStore(path.join(dir, 'bench.db'))
await prepareDatabase(store, { seedDemo: false, now: NOW })
const { sqlite } = store

function seed() {
  sqlite.transaction(() => {
    sqlite
      .prepare(`INSERT INTO settings (version, doc, created_at, created_by) VALUES (2, ?, ?, 'bench')`)
      .run(JSON.stringify(doc), NOW)
    sqlite.prepare(`INSERT INTO org_units (id, code, name, kind) VALUES (1, 'DW', '党委', 'committee')`).run()
    const unit = sqlite.prepare(
      `INSERT INTO org_units (id, code, name, kind, parent_id) VALUES (?, ?, ?, 'branch', 1)`,
    )
    const member = sqlite.prepare(
      `INSERT INTO members (id, employee_no, name, branch_id) VALUES (?, ?, ?, ?)`,
    )
    for (let b = 0; b < TEAMS; b++) {
      unit.run(b + 2, `B${b}`, `第${b}支部`)
      for (let m = 0; m < PER_TEAM; m++) member.run(b * PER_TEAM + m + 1, `${b}-${m}`, `党员${b}-${m}`, b + 2)
    }
    sqlite.prepare(`INSERT INTO role_assignments (member_id, role, unit_id) VALUES (1, 'leader', 1)`).run()
  })()
}

type Row = { team: string; metric: string; date: string; value: number; sourceId: string }
const VALUES: Record<string, (b: number, d: number) => number> = {
  coal: (b, d) => 2500 + ((b * 37 + d * 11) % 1000),
  footage: (b, d) => 8 + ((b + d) % 9),
  safeDays: (b, d) => 100 + b + d,
  violations: (b, d) => ((b + d) % 13 === 0 ? 1 : 0),
  hazardFix: (b, d) => 90 + ((b * 3 + d) % 11),
  accidents: (b, d) => ((b * 31 + d) % 997 === 0 ? 1 : 0),
  tunnel: (b, d) => 5 + ((b + 2 * d) % 6),
  power: (b, d) => 40000 + ((b * 13 + d * 7) % 15000),
  water: (b, d) => 1500 + ((b + d * 5) % 800),
  haul: (b, d) => 3000 + ((b * 7 + d) % 900),
}
function monthRows(): Row[] {
  const rows: Row[] = []
  for (let d = 1; d <= DAYS; d++) {
    const date = `2026-11-${String(d).padStart(2, '0')}`
    for (let b = 0; b < TEAMS; b++)
      for (const m of doc.production.metrics)
        rows.push({
          team: `B${b}`,
          metric: m.code,
          date,
          value: VALUES[m.code]?.(b, d) ?? 0,
          sourceId: `${date}/B${b}/${m.code}`,
        })
  }
  return rows
}

seed()
const rows = monthRows()
const config = loadConfig({
  DATABASE_PATH: path.join(dir, 'bench.db'),
  PRODUCTION_API_TOKEN: TOKEN,
  DEV_CHAT: '0',
})
const platforms = platformsFor(config, nodeCrypto)
const core = buildCore({
  config,
  store,
  index: buildCommandIndex(),
  actions: cardActions,
  outbounds: platforms.outbounds,
  clock: () => NOW,
  schedule: () => {},
  log: () => {},
})
const app = buildApp(core, platforms.mounts(core))

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}
const t0 = performance.now()
const c0 = cpuSeconds()
for (let i = 0; i < rows.length; i += BATCH) {
  const res = await app.request('/api/production', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ rows: rows.slice(i, i + BATCH) }),
  })
  if (res.status !== 200) throw new Error(`batch ${i / BATCH}: ${res.status} ${await res.text()}`)
}
const apiSeconds = (performance.now() - t0) / 1000
const apiCpu = cpuSeconds() - c0

// The baseline: the same rows as prepared INSERTs into an empty copy of the schema, in transactions of BATCH.
const raw = openNodeStore(path.join(dir, 'raw.db'))
await prepareDatabase(raw, { seedDemo: false, now: NOW })
raw.sqlite.exec(`INSERT INTO org_units (id, code, name, kind) VALUES (1, 'DW', '党委', 'committee')`)
raw.sqlite.transaction(() => {
  const unit = raw.sqlite.prepare(
    `INSERT INTO org_units (id, code, name, kind, parent_id) VALUES (?, ?, ?, 'branch', 1)`,
  )
  for (let b = 0; b < TEAMS; b++) unit.run(b + 2, `B${b}`, `第${b}支部`)
})()
const insert = raw.sqlite.prepare(
  `INSERT INTO production_figures (unit_id, metric, day, value, seq, source, source_id, at) VALUES (?, ?, ?, ?, 1, 'api', ?, ?)`,
)
const t1 = performance.now()
const c1 = cpuSeconds()
for (let i = 0; i < rows.length; i += BATCH)
  raw.sqlite.transaction(() => {
    for (const r of rows.slice(i, i + BATCH))
      insert.run(Number(r.team.slice(1)) + 2, r.metric, r.date, r.value, r.sourceId, NOW)
  })()
const rawSeconds = (performance.now() - t1) / 1000
const rawCpu = cpuSeconds() - c1
raw.close()

sqlite.pragma('optimize')
sqlite.pragma('wal_checkpoint(TRUNCATE)')

const settings = await currentSettings(store.db)
const me: Me = {
  id: 1,
  name: '党员1',
  employeeNo: '0-0',
  branchId: 2,
  grants: [{ role: 'leader', unitId: 1 }],
}
const ctx = commandCtx(store.db, me, settings, NOW, TZ)

// The raw way: every row of this month to date and of last month to the same day, the newest of each key kept,
// then each branch's metrics added up, as a report written straight against the table would do it.
const rawRows = sqlite.prepare(
  `SELECT f.unit_id AS unitId, f.metric, f.day, f.value, f.seq, u.parent_id AS parentId, u.kind
   FROM production_figures f JOIN org_units u ON u.id = f.unit_id WHERE f.day BETWEEN ? AND ?`,
)
function fromRaw() {
  const totals = new Map<string, number>()
  for (const [from, to] of [
    ['2026-11-01', '2026-11-30'],
    ['2026-10-01', '2026-10-30'],
  ] as const) {
    const newest = new Map<string, { seq: number; value: number; branch: number; metric: string }>()
    for (const r of rawRows.all(from, to) as {
      unitId: number
      metric: string
      day: string
      value: number
      seq: number
      parentId: number
      kind: string
    }[]) {
      const key = `${r.unitId}|${r.metric}|${r.day}`
      const had = newest.get(key)
      if (!had || r.seq > had.seq)
        newest.set(key, {
          seq: r.seq,
          value: r.value,
          branch: r.kind === 'group' ? r.parentId : r.unitId,
          metric: r.metric,
        })
    }
    for (const f of newest.values()) {
      const key = `${from}|${f.branch}|${f.metric}`
      totals.set(key, (totals.get(key) ?? 0) + f.value)
    }
  }
  return totals
}

// 12-01 is the day after the month: the card asks for the month as of 11-30.
ctx.now = Date.parse('2026-11-30T20:00:00+08:00')
const card = await measure(30, () => dispatchCmd.run?.(ctx, { when: '本月' }))
const baseline = await measure(30, fromRaw)
// The card's production half alone, as loadDispatch reads it: both periods' totals and the safe-days history.
const units = Array.from({ length: TEAMS }, (_, b) => b + 2)
const productionHalf = await measure(30, () =>
  Promise.all([
    unitTotals(store.db, units, '2026-11-01', '2026-11-30'),
    unitTotals(store.db, units, '2026-10-01', '2026-10-30'),
    figureHistory(store.db, units, ['safeDays', 'accidents'], '2026-11-30'),
  ]),
)

const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en')} rows/s`
console.log(
  `ingest ${rows.length} rows (${TEAMS} teams × ${doc.production.metrics.length} metrics × ${DAYS} days) in batches of ${BATCH}:`,
)
console.log(
  `  POST /api/production  ${apiSeconds.toFixed(2)} s  ${rate(rows.length, apiSeconds)}  (CPU ${apiCpu.toFixed(2)} s)`,
)
console.log(
  `  raw prepared INSERT   ${rawSeconds.toFixed(2)} s  ${rate(rows.length, rawSeconds)}  (CPU ${rawCpu.toFixed(2)} s)`,
)
console.log(
  `  ratio ${(rawSeconds / apiSeconds).toFixed(2)}× of raw (by CPU ${(rawCpu / apiCpu).toFixed(2)}×)   target ≥ 0.5×`,
)
console.log(
  `调度 本月, whole organisation (${TEAMS} branches): p50 ${card.p50.toFixed(1)} ms  p99 ${card.p99.toFixed(1)} ms   target < 100 ms`,
)
console.log(
  `  baseline: production half from the raw rows: p50 ${baseline.p50.toFixed(1)} ms  p99 ${baseline.p99.toFixed(1)} ms`,
)
console.log(`  the card is ${(baseline.p50 / card.p50).toFixed(1)}× faster   target ≥ 5×`)
console.log(
  `  its production half from the rollups: p50 ${productionHalf.p50.toFixed(1)} ms  p99 ${productionHalf.p99.toFixed(1)} ms  (${(baseline.p50 / productionHalf.p50).toFixed(1)}× the raw way)`,
)
if (process.env.KEEP_DB) console.log(`databases kept at ${dir}`)
else fs.rmSync(dir, { recursive: true, force: true })
store.close()
