import { and, desc, eq, gt, isNull } from 'drizzle-orm'
import { chatImports, chatImportsApplied } from './schema'
import type { Db } from './store'

export type ChatImport = typeof chatImports.$inferSelect

/** The user's newest import still waiting for its file, if it has not expired. */
export async function waitingImport(db: Db, platform: string, userId: string, now: number) {
  const [row] = await db
    .select()
    .from(chatImports)
    .where(
      and(
        eq(chatImports.platform, platform),
        eq(chatImports.userId, userId),
        isNull(chatImports.table),
        gt(chatImports.expiresAt, now),
      ),
    )
    .orderBy(desc(chatImports.createdAt))
    .limit(1)
  return row
}

/** A user's import by its start time (what the confirm card's buttons carry), with whether it was applied. */
export async function importAt(db: Db, platform: string, userId: string, createdAt: number) {
  const [row] = await db
    .select({ row: chatImports, appliedAt: chatImportsApplied.appliedAt })
    .from(chatImports)
    .leftJoin(chatImportsApplied, eq(chatImportsApplied.importId, chatImports.id))
    .where(
      and(
        eq(chatImports.platform, platform),
        eq(chatImports.userId, userId),
        eq(chatImports.createdAt, createdAt),
      ),
    )
  return row
}
