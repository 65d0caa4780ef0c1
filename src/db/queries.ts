import { and, eq, sql } from 'drizzle-orm'
import type { ChatBinding, Me, RoleGrant } from '../commands/command'
import type { Locale } from '../i18n'
import { perDb } from './prepared'
import { chats, identities, members, orgUnits, roleAssignments, userPrefs } from './schema'
import type { Db } from './store'

/** The router's per-message reads, prepared once per database (see perDb). */
function preparedFor(db: Db) {
  return {
    identity: db
      .select({
        id: members.id,
        name: members.name,
        employeeNo: members.employeeNo,
        branchId: members.branchId,
        active: members.active,
      })
      .from(identities)
      .innerJoin(members, eq(members.id, identities.memberId))
      .where(
        and(
          eq(identities.platform, sql.placeholder('platform')),
          eq(identities.platformUserId, sql.placeholder('userId')),
        ),
      )
      .prepare(),
    grants: db
      .select({ role: roleAssignments.role, unitId: roleAssignments.unitId })
      .from(roleAssignments)
      .where(eq(roleAssignments.memberId, sql.placeholder('memberId')))
      .prepare(),
    chat: db
      .select({ unitId: orgUnits.id, unitCode: orgUnits.code, unitName: orgUnits.name })
      .from(chats)
      .innerJoin(orgUnits, eq(orgUnits.id, chats.unitId))
      .where(
        and(eq(chats.platform, sql.placeholder('platform')), eq(chats.chatId, sql.placeholder('chatId'))),
      )
      .prepare(),
    locale: db
      .select({ locale: userPrefs.locale })
      .from(userPrefs)
      .where(
        and(
          eq(userPrefs.platform, sql.placeholder('platform')),
          eq(userPrefs.platformUserId, sql.placeholder('userId')),
        ),
      )
      .prepare(),
  }
}

const q = perDb(preparedFor)

export async function findMe(db: Db, platform: string, userId: string): Promise<Me | undefined> {
  const [row] = await q(db).identity.all({ platform, userId })
  if (!row?.active) return undefined
  const grants = (await q(db).grants.all({ memberId: row.id })) as RoleGrant[]
  return { id: row.id, name: row.name, employeeNo: row.employeeNo, branchId: row.branchId, grants }
}

export async function findChat(db: Db, platform: string, chatId: string): Promise<ChatBinding | undefined> {
  const [row] = await q(db).chat.all({ platform, chatId })
  return row
}

export async function findLocale(db: Db, platform: string, userId: string): Promise<Locale | undefined> {
  const [row] = await q(db).locale.all({ platform, userId })
  return row?.locale
}

export async function unitByCode(db: Db, code: string) {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.code, code))
  return row
}

export async function unitById(db: Db, id: number) {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.id, id))
  return row
}

export async function allUnits(db: Db) {
  return db.select().from(orgUnits)
}

export async function memberByEmployeeNo(db: Db, employeeNo: string) {
  const [row] = await db.select().from(members).where(eq(members.employeeNo, employeeNo))
  return row
}

export async function memberById(db: Db, id: number) {
  const [row] = await db.select().from(members).where(eq(members.id, id))
  return row
}

/** The chat accounts of members on one platform (for private pushes). */
export async function accountOf(db: Db, platform: string, memberId: number) {
  const [row] = await db
    .select({ userId: identities.platformUserId })
    .from(identities)
    .where(and(eq(identities.platform, platform), eq(identities.memberId, memberId)))
  return row?.userId
}

/** Chat accounts on `platform` of the branch's secretaries, else of the organisation's admins: who approves binds. */
export async function approversOf(db: Db, platform: string, branchId: number): Promise<string[]> {
  const secretaries = await db
    .select({ memberId: roleAssignments.memberId })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.role, 'secretary'), eq(roleAssignments.unitId, branchId)))
  const pool = secretaries.length
    ? secretaries
    : await db
        .select({ memberId: roleAssignments.memberId })
        .from(roleAssignments)
        .where(eq(roleAssignments.role, 'admin'))
  const accounts = await Promise.all(pool.map((p) => accountOf(db, platform, p.memberId)))
  return [...new Set(accounts.filter((a): a is string => a !== undefined))]
}
