import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import { chats, members, studyItems, studyRecords } from './schema'
import type { Db } from './store'

export type StudyItemRow = typeof studyItems.$inferSelect

/** The id the next item takes: max + 1, so the publish card's 已学 button can carry it before the commit. */
export async function nextStudyId(db: Db): Promise<number> {
  const [row] = await db.select({ max: sql<number>`max(${studyItems.id})` }).from(studyItems)
  return Number(row?.max ?? 0) + 1
}

export async function studyItemById(db: Db, id: number): Promise<StudyItemRow | undefined> {
  const [row] = await db.select().from(studyItems).where(eq(studyItems.id, id))
  return row
}

/** The newest item published to one of these units (a branch and its ancestors). */
export async function latestStudyFor(db: Db, unitIds: number[]): Promise<StudyItemRow | undefined> {
  if (unitIds.length === 0) return undefined
  const [row] = await db
    .select()
    .from(studyItems)
    .where(inArray(studyItems.unitId, unitIds))
    .orderBy(desc(studyItems.publishedAt), desc(studyItems.id))
    .limit(1)
  return row
}

export async function studiedAt(db: Db, itemId: number, memberId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ at: studyRecords.at })
    .from(studyRecords)
    .where(and(eq(studyRecords.itemId, itemId), eq(studyRecords.memberId, memberId)))
  return row?.at
}

export const studyRecordsOf = (db: Db, itemId: number) =>
  db
    .select({ memberId: studyRecords.memberId, at: studyRecords.at })
    .from(studyRecords)
    .where(eq(studyRecords.itemId, itemId))

/** Active members of these branches: who an item is expected to reach. */
export const activeMembersOf = (db: Db, branchIds: number[]) =>
  branchIds.length === 0
    ? Promise.resolve([])
    : db
        .select({ id: members.id, name: members.name, branchId: members.branchId })
        .from(members)
        .where(and(inArray(members.branchId, branchIds), eq(members.active, true)))
        .orderBy(members.employeeNo)

/** Group chats bound to these units. */
export const chatsOf = (db: Db, unitIds: number[]) =>
  unitIds.length === 0
    ? Promise.resolve([])
    : db
        .select({ platform: chats.platform, chatId: chats.chatId, unitId: chats.unitId })
        .from(chats)
        .where(inArray(chats.unitId, unitIds))
