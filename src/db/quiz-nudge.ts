import { and, eq } from 'drizzle-orm'
import { quizAnswers, quizSets } from './schema'
import type { Db } from './store'

/** The branches that got a daily quiz on `day`, with how many questions each. */
export async function setsOn(db: Db, day: string): Promise<{ unitId: number; count: number }[]> {
  const rows = await db
    .select({ unitId: quizSets.unitId, questionIds: quizSets.questionIds })
    .from(quizSets)
    .where(eq(quizSets.day, day))
  return rows.map((r) => ({ unitId: r.unitId, count: (JSON.parse(r.questionIds) as number[]).length }))
}

/** Members who answered at least one daily question on `day`. */
export async function answeredOn(db: Db, day: string): Promise<Set<number>> {
  const rows = await db
    .selectDistinct({ memberId: quizAnswers.memberId })
    .from(quizAnswers)
    .where(and(eq(quizAnswers.day, day), eq(quizAnswers.mode, 'daily')))
  return new Set(rows.map((r) => r.memberId))
}
