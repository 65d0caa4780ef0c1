import { and, eq, inArray, sql } from 'drizzle-orm'
import { memberPosts, members, orgUnits, roleAssignments, rosterIds } from '../db/schema'
import type { Db, Store, Write } from '../db/store'
import type { RawTable } from './read-table'
import { type Problem, type RosterContext, type RosterRow, validateRoster } from './roster'

/** The platforms the roster file manages; other roster ids (the simulator's `console`) are left alone. */
const PLATFORMS = ['feishu', 'telegram'] as const

export type RosterSummary = {
  rows: number
  inserted: number
  updated: number
  unchanged: number
  untouched: number
}
export type RosterReport = {
  ok: boolean
  dryRun: boolean
  problems: Problem[]
  ignoredColumns: string[]
  summary?: RosterSummary
}

type Existing = {
  id: number
  name: string
  branchId: number
  groupId: number | null
  active: boolean
  post: string | null
  roles: Set<string>
  accounts: Set<string>
}

async function loadState(db: Db) {
  const [units, memberRows, roleRows, accountRows, postRows] = await Promise.all([
    db.select().from(orgUnits),
    db.select().from(members),
    db.select().from(roleAssignments),
    db
      .select()
      .from(rosterIds)
      .where(inArray(rosterIds.platform, [...PLATFORMS])),
    db.select().from(memberPosts),
  ])
  const postOf = new Map(postRows.map((p) => [p.employeeNo, p.post]))
  const codeById = new Map(units.map((u) => [u.id, u.code]))
  const unitIds = new Map(units.map((u) => [u.code, u.id]))
  const byNo = new Map<string, Existing>()
  const byId = new Map<number, Existing & { employeeNo: string }>()
  for (const m of memberRows) {
    const e = {
      ...m,
      post: postOf.get(m.employeeNo) ?? null,
      roles: new Set<string>(),
      accounts: new Set<string>(),
    }
    byNo.set(m.employeeNo, e)
    byId.set(m.id, e)
  }
  for (const r of roleRows) byId.get(r.memberId)?.roles.add(`${r.role}@${r.unitId}`)
  const accounts = new Map<string, { employeeNo: string; name: string }>()
  for (const a of accountRows) {
    const m = byId.get(a.memberId)
    m?.accounts.add(`${a.platform}:${a.platformUserId}`)
    if (m) accounts.set(`${a.platform}:${a.platformUserId}`, { employeeNo: m.employeeNo, name: m.name })
  }
  const ctx: RosterContext = {
    units: new Map(
      units.map((u) => [
        u.code,
        {
          code: u.code,
          kind: u.kind,
          parentCode: u.parentId === null ? null : (codeById.get(u.parentId) ?? null),
        },
      ]),
    ),
    accounts,
  }
  return { ctx, unitIds, byNo }
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x))

/** Writes ordered so that every delete runs before any insert: two members may swap accounts. */
function plan(rows: RosterRow[], unitIds: Map<string, number>, byNo: Map<string, Existing>) {
  const unit = (code: string) => unitIds.get(code) as number
  const upserts: { row: RosterRow; id?: number; roles: boolean; accounts: boolean }[] = []
  let unchanged = 0
  for (const row of rows) {
    const e = byNo.get(row.employeeNo)
    const roles = new Set(row.roles.map((r) => `${r.role}@${unit(r.unitCode)}`))
    const accounts = new Set(row.accounts.map((a) => `${a.platform}:${a.id}`))
    if (!e) {
      upserts.push({ row, roles: roles.size > 0, accounts: accounts.size > 0 })
      continue
    }
    const fields =
      e.name !== row.name ||
      e.branchId !== unit(row.branchCode) ||
      e.groupId !== (row.groupCode === null ? null : unit(row.groupCode)) ||
      e.active !== row.active ||
      e.post !== row.post
    const change = {
      row,
      id: e.id,
      roles: !sameSet(e.roles, roles),
      accounts: !sameSet(e.accounts, accounts),
    }
    if (fields || change.roles || change.accounts) upserts.push(change)
    else unchanged++
  }
  return { upserts, unchanged, unit }
}

function writesFor(db: Db, p: ReturnType<typeof plan>): Write[] {
  const memberWrites: Write[] = []
  const deletes: Write[] = []
  const inserts: Write[] = []
  for (const { row, id, roles, accounts } of p.upserts) {
    const values = {
      name: row.name,
      branchId: p.unit(row.branchCode),
      groupId: row.groupCode === null ? null : p.unit(row.groupCode),
      active: row.active,
    }
    // A new member's id exists only inside the transaction, so its roles find it by employee number.
    const memberId =
      id ??
      sql<number>`(select ${members.id} from ${members} where ${members.employeeNo} = ${row.employeeNo})`
    if (id === undefined)
      memberWrites.push(db.insert(members).values({ employeeNo: row.employeeNo, ...values }))
    else memberWrites.push(db.update(members).set(values).where(eq(members.id, id)))
    // The post sits beside the member, keyed by employee number, so a new member's is written in the same batch.
    memberWrites.push(
      row.post === null
        ? db.delete(memberPosts).where(eq(memberPosts.employeeNo, row.employeeNo))
        : db
            .insert(memberPosts)
            .values({ employeeNo: row.employeeNo, post: row.post })
            .onConflictDoUpdate({ target: memberPosts.employeeNo, set: { post: row.post } }),
    )
    if (roles && id !== undefined)
      deletes.push(db.delete(roleAssignments).where(eq(roleAssignments.memberId, id)))
    if (accounts && id !== undefined)
      deletes.push(
        db
          .delete(rosterIds)
          .where(and(eq(rosterIds.memberId, id), inArray(rosterIds.platform, [...PLATFORMS]))),
      )
    if (roles && row.roles.length > 0)
      inserts.push(
        db
          .insert(roleAssignments)
          .values(row.roles.map((r) => ({ memberId, role: r.role, unitId: p.unit(r.unitCode) }))),
      )
    if (accounts && row.accounts.length > 0)
      inserts.push(
        db
          .insert(rosterIds)
          .values(row.accounts.map((a) => ({ memberId, platform: a.platform, platformUserId: a.id }))),
      )
  }
  return [...memberWrites, ...deletes, ...inserts]
}

/** Imports the whole roster or nothing: any problem refuses the file and writes nothing. */
export async function importRoster(
  store: Store,
  table: RawTable,
  opts: { dryRun?: boolean } = {},
): Promise<RosterReport> {
  const dryRun = opts.dryRun ?? false
  const { ctx, unitIds, byNo } = await loadState(store.db)
  const { rows, problems, ignoredColumns } = validateRoster(table, ctx)
  if (problems.length > 0) return { ok: false, dryRun, problems, ignoredColumns }
  const p = plan(rows, unitIds, byNo)
  if (!dryRun) await store.commit(writesFor(store.db, p))
  const inFile = new Set(rows.map((r) => r.employeeNo))
  const inserted = p.upserts.filter((u) => u.id === undefined).length
  return {
    ok: true,
    dryRun,
    problems: [],
    ignoredColumns,
    summary: {
      rows: rows.length,
      inserted,
      updated: p.upserts.length - inserted,
      unchanged: p.unchanged,
      untouched: [...byNo.keys()].filter((no) => !inFile.has(no)).length,
    },
  }
}
