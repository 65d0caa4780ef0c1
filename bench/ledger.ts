/**
 * npm run bench:ledger — a year of the supervision ledger: 20,000 items with their histories for 10,000 members in
 * 500 branches under 10 mines (煤矿党委), on a file database. Measured: an inspector's `台账` for one mine's
 * subtree (the command's handler: org tree, scope, the newest 30 active items, names, the card) and the leaders'
 * open-problem counts for all 500 branches (`openProblemCounts`, what the summary card calls). Baseline in the same
 * run: the very same calls after dropping the ledger's indexes, i.e. what they cost without them.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Ctx, Me } from '../src/commands/command'
import { ledgerCmd } from '../src/commands/ledger'
import { openProblemCounts } from '../src/db/ledger'
import { openNodeStore } from '../src/db/node-store'
import { prepareDatabase } from '../src/db/seed'
import { shiftDay } from '../src/domain/dates'
import { DEFAULT_SETTINGS_DOC, type Settings } from '../src/domain/settings'
import { commandCtx } from './support/command-ctx'
import { measure, ms } from './support/timing'

const MINES = 10
const BRANCHES = 500
const PER_BRANCH = 20
const ITEMS = 20_000
const NOW = Date.parse('2026-12-01T10:00:00+08:00')
const TODAY = '2026-12-01'
const TZ = 'Asia/Shanghai'
const DAY_MS = 86_400_000

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ronghe-ledger-'))
const store = openNodeStore(path.join(dir, 'bench.db'))
await prepareDatabase(store, { seedDemo: false, now: NOW })
const { sqlite } = store

/** Unit ids: 1 the group's committee, 2..11 the mines, 12.. the branches (50 per mine). */
const branchUnit = (b: number) => 12 + b
const mineOf = (b: number) => 2 + (b % MINES)

function seed(): number {
  let history = 0
  sqlite.transaction(() => {
    const unit = sqlite.prepare(
      `INSERT INTO org_units (id, code, name, kind, parent_id) VALUES (?, ?, ?, ?, ?)`,
    )
    unit.run(1, 'JT', '集团党委', 'committee', null)
    for (let m = 0; m < MINES; m++) unit.run(2 + m, `M${m}`, `第${m}煤矿党委`, 'committee', 1)
    const member = sqlite.prepare(
      `INSERT INTO members (id, employee_no, name, branch_id) VALUES (?, ?, ?, ?)`,
    )
    const role = sqlite.prepare(`INSERT INTO role_assignments (member_id, role, unit_id) VALUES (?, ?, ?)`)
    for (let b = 0; b < BRANCHES; b++) {
      unit.run(branchUnit(b), `B${b}`, `第${b}支部`, 'branch', mineOf(b))
      for (let m = 0; m < PER_BRANCH; m++) {
        const id = b * PER_BRANCH + m + 1
        member.run(id, `${b}-${m}`, `党员${b}-${m}`, branchUnit(b))
      }
    }
    // Member 1 inspects mine M1's subtree (the branches b with b % 10 = 1 ... its 50 branches); member 2 leads all.
    role.run(1, 'inspector', 3)
    role.run(2, 'leader', 1)
    const item = sqlite.prepare(
      `INSERT INTO ledger_items (id, source, branch_id, category, text, anonymous, reporter_id, status, owner_id,
         leader_id, due_day, rev, created_at, updated_at) VALUES (?, 'feedback', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const entry = sqlite.prepare(
      `INSERT INTO ledger_history (item_id, seq, kind, actor_id, note, at) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    const categories = ['安全生产', '工作作风', '党建工作', '其他']
    for (let i = 1; i <= ITEMS; i++) {
      const b = (i * 7919) % BRANCHES
      const base = b * PER_BRANCH + 1
      const reporter = base + (i % PER_BRANCH)
      const owner = base + 1 + (i % (PER_BRANCH - 1))
      const leader = 2
      const inspector = 1
      // Filed over the past year; 立项'd with a deadline 30 days after.
      const at = NOW - ((i * 104_729) % 365) * DAY_MS
      const due = shiftDay(TODAY, 30 - ((i * 104_729) % 365))
      // 60 % closed, 10 % awaiting 验证, 15 % being fixed, 15 % not yet 立项.
      const k = Math.floor(i / 3) % 20
      const status = k < 12 ? 'closed' : k < 14 ? 'submitted' : k < 17 ? 'open' : 'reported'
      const steps: [string, number | null][] = [['reported', i % 5 === 0 ? null : reporter]]
      if (status !== 'reported') steps.push(['opened', inspector])
      if (status === 'submitted' || status === 'closed') steps.push(['evidence', owner])
      if (status === 'closed' && i % 4 === 0) steps.push(['returned', inspector], ['evidence', owner])
      if (status === 'closed') steps.push(['passed', inspector])
      const opened = status !== 'reported'
      item.run(
        i,
        branchUnit(b),
        categories[i % 4],
        `问题${i}：井下某处需要整改的情况说明`,
        i % 5 === 0 ? 1 : 0,
        i % 5 === 0 ? null : reporter,
        status,
        opened ? owner : null,
        opened ? leader : null,
        opened ? due : null,
        steps.length,
        at,
        at,
      )
      for (const [s, [kind, actor]] of steps.entries())
        entry.run(i, s + 1, kind, actor, null, at + s * DAY_MS)
      history += steps.length
    }
  })()
  sqlite.pragma('optimize')
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  return history
}

const settings: Settings = { ...DEFAULT_SETTINGS_DOC, version: 1 }
const inspector: Me = {
  id: 1,
  name: '党员0-0',
  employeeNo: '0-0',
  branchId: branchUnit(0),
  grants: [{ role: 'inspector', unitId: 3 }],
}
const ctx = commandCtx(store.db, inspector, settings, NOW, TZ)
/** The same command by an inspector of a single branch: a narrow scope, where a scan finds little to stop at. */
const branchCtx: Ctx = {
  ...ctx,
  me: { ...inspector, grants: [{ role: 'inspector', unitId: branchUnit(1) }] },
}
const allBranches = Array.from({ length: BRANCHES }, (_, b) => branchUnit(b))

const t0 = performance.now()
const history = seed()
console.log(
  `seeded ${MINES} mines, ${BRANCHES} branches, ${BRANCHES * PER_BRANCH} members, ${ITEMS} ledger items, ${history} history entries in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
)

const run = () => ledgerCmd.run?.(ctx, {})
const check = await openProblemCounts(store.db, allBranches, TODAY)
const open = [...check.values()].reduce((n, c) => n + c.open, 0)
const overdue = [...check.values()].reduce((n, c) => n + c.overdue, 0)
console.log(`open problems: ${open} in ${check.size} branches, ${overdue} overdue`)

const runBranch = () => ledgerCmd.run?.(branchCtx, { arg: '待验证' })
const list = await measure(300, run)
const listBranch = await measure(300, runBranch)
const counts = await measure(300, () => openProblemCounts(store.db, allBranches, TODAY))
sqlite.exec('DROP INDEX ledger_items_branch_status; DROP INDEX ledger_items_status_due')
const listBare = await measure(100, run)
const listBranchBare = await measure(100, runBranch)
const countsBare = await measure(100, () => openProblemCounts(store.db, allBranches, TODAY))

const row = (label: string, a: { p50: number; p99: number }, b: { p50: number; p99: number }) =>
  console.log(
    `${label}  indexed p50 ${ms(a.p50)}  p99 ${ms(a.p99)} | without indexes p50 ${ms(b.p50)}  p99 ${ms(b.p99)} | ${(b.p50 / a.p50).toFixed(1)}× at p50`,
  )
row('台账, inspector of one mine (50 branches):  ', list, listBare)
row('台账 待验证, inspector of one branch:      ', listBranch, listBranchBare)
row('open-problem counts, 500 branches:        ', counts, countsBare)
if (process.env.KEEP_DB) console.log(`database kept at ${dir}`)
else fs.rmSync(dir, { recursive: true, force: true })
store.close()
