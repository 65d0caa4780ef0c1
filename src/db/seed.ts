import { eq } from 'drizzle-orm'
import { seedCalendar } from './calendar'
import { DEMO_MEMBERS, DEMO_UNITS, demoChatId, demoUserId } from './demo-data'
import { seedQuestions } from './question-bank'
import { chats, identities, members, orgUnits, roleAssignments, rosterIds } from './schema'
import { initialSettings } from './settings'
import type { Db, Store } from './store'

async function idOf(db: Db, table: typeof orgUnits | typeof members, where: ReturnType<typeof eq>) {
  const [row] = await db.select({ id: table.id }).from(table).where(where)
  if (!row) throw new Error('seed: a row it just wrote is missing')
  return row.id
}

/** Loads the demo organisation; every insert ignores what is already there, so a restart adds nothing. */
export async function seedDemo(db: Db, now: number): Promise<void> {
  const unitIds = new Map<string, number>()
  for (const u of DEMO_UNITS) {
    const parentId = u.parent ? (unitIds.get(u.parent) ?? null) : null
    await db
      .insert(orgUnits)
      .values({ code: u.code, name: u.name, kind: u.kind, parentId, productionTeam: u.team ?? null })
      .onConflictDoNothing()
    unitIds.set(u.code, await idOf(db, orgUnits, eq(orgUnits.code, u.code)))
  }
  const unit = (code: string) => unitIds.get(code) as number
  for (const m of DEMO_MEMBERS) {
    await db
      .insert(members)
      .values({ employeeNo: m.employeeNo, name: m.name, branchId: unit(m.branch), groupId: unit(m.group) })
      .onConflictDoNothing()
    const memberId = await idOf(db, members, eq(members.employeeNo, m.employeeNo))
    for (const r of m.roles)
      await db
        .insert(roleAssignments)
        .values({ memberId, role: r.role, unitId: unit(r.unit) })
        .onConflictDoNothing()
    const account = { platform: 'console', platformUserId: demoUserId(m.employeeNo), memberId }
    if (m.bound)
      await db
        .insert(identities)
        .values({ ...account, boundAt: now })
        .onConflictDoNothing()
    if (m.rosterAccount) await db.insert(rosterIds).values(account).onConflictDoNothing()
  }
  for (const u of DEMO_UNITS.filter((x) => x.kind !== 'group'))
    await db
      .insert(chats)
      .values({
        platform: 'console',
        chatId: demoChatId(u.code),
        unitId: unit(u.code),
        title: u.name,
        boundAt: now,
      })
      .onConflictDoNothing()
}

/** What every shell does on a database before serving: the first settings version, and the demo when asked. */
export async function prepareDatabase(store: Store, opts: { seedDemo: boolean; now: number }): Promise<void> {
  await store.commit([initialSettings(store.db, opts.now), ...seedCalendar(store.db, opts.now)])
  if (opts.seedDemo) {
    await seedDemo(store.db, opts.now)
    // Approved at once so the demo's quiz works; a real deployment imports the bank as 待审核 (README).
    await seedQuestions(store.db, opts.now, 'approved', 'demo')
  }
}
