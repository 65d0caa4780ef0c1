import { desc, eq, inArray } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { diaryNotes, members, orgUnits } from './schema'
import type { Db } from './store'

const about = alias(members, 'about')

/** The newest notes of these branches, with the author's, the member's and the branch's names. */
export const diaryOf = (db: Db, branchIds: number[], limit: number) =>
  db
    .select({
      id: diaryNotes.id,
      createdAt: diaryNotes.createdAt,
      category: diaryNotes.category,
      text: diaryNotes.text,
      branch: orgUnits.name,
      about: about.name,
    })
    .from(diaryNotes)
    .innerJoin(orgUnits, eq(orgUnits.id, diaryNotes.branchId))
    .leftJoin(about, eq(about.id, diaryNotes.memberId))
    .where(inArray(diaryNotes.branchId, branchIds))
    .orderBy(desc(diaryNotes.createdAt), desc(diaryNotes.id))
    .limit(limit)
