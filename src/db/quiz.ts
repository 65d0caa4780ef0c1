import { and, eq, gte, inArray, sql } from 'drizzle-orm'
import { type Bank, bankOf, drawSet } from '../domain/quiz'
import { perDb } from './prepared'
import { approvedWithPosts, postsOfBranches } from './quiz-review'
import { members, pointsLedger, questions, quizAnswers, quizSets } from './schema'
import type { Db, Write } from './store'

export type QuestionRow = typeof questions.$inferSelect

/** The answer path's reads, prepared once per database. */
function preparedFor(db: Db) {
  return {
    set: db
      .select({ questionIds: quizSets.questionIds })
      .from(quizSets)
      .where(and(eq(quizSets.unitId, sql.placeholder('unitId')), eq(quizSets.day, sql.placeholder('day'))))
      .prepare(),
    myAnswers: db
      .select({ questionId: quizAnswers.questionId, given: quizAnswers.given, correct: quizAnswers.correct })
      .from(quizAnswers)
      .where(
        and(
          eq(quizAnswers.memberId, sql.placeholder('memberId')),
          eq(quizAnswers.day, sql.placeholder('day')),
          eq(quizAnswers.mode, 'daily'),
        ),
      )
      .prepare(),
    earned: db
      .select({ points: sql<number>`coalesce(sum(${pointsLedger.points}), 0)` })
      .from(pointsLedger)
      .where(
        and(
          eq(pointsLedger.memberId, sql.placeholder('memberId')),
          eq(pointsLedger.day, sql.placeholder('day')),
          eq(pointsLedger.rule, sql.placeholder('rule')),
        ),
      )
      .prepare(),
  }
}

const q = perDb(preparedFor)

export async function questionsByIds(db: Db, ids: number[]): Promise<Map<number, QuestionRow>> {
  if (ids.length === 0) return new Map()
  const rows = await db.select().from(questions).where(inArray(questions.id, ids))
  return new Map(rows.map((r) => [r.id, r]))
}

export const optionsOf = (row: QuestionRow): string[] => JSON.parse(row.options) as string[]

/** A member's scored daily answers of one day, by question. */
export async function myAnswers(db: Db, memberId: number, day: string) {
  const rows = await q(db).myAnswers.all({ memberId, day })
  return new Map(rows.map((r) => [r.questionId, r]))
}

export async function pointsOn(db: Db, memberId: number, day: string, rule: string): Promise<number> {
  const [row] = await q(db).earned.all({ memberId, day, rule })
  return Number(row?.points ?? 0)
}

type DrawOptions = { size: number; rotationDays: number; now: number; settingsVersion: number }

/**
 * The branch's set for the day, drawing it when nobody asked yet. The draw is seeded by branch and day, so
 * two members asking at once draw the same set and the second insert is simply ignored.
 */
export async function setFor(
  db: Db,
  unitId: number,
  day: string,
  opts: DrawOptions,
): Promise<{ ids: number[]; writes: Write[] }> {
  const [existing] = await q(db).set.all({ unitId, day })
  if (existing) return { ids: JSON.parse(existing.questionIds) as number[], writes: [] }
  const drawn = await drawSets(db, [unitId], day, opts)
  return { ids: drawn.sets.get(unitId) ?? [], writes: drawn.writes }
}

/**
 * Draws the day's sets of many branches at once (the morning push draws every branch's): the bank and the
 * branches' recent sets are read once, not once per branch. Branches that already have a set keep it.
 */
export async function drawSets(
  db: Db,
  unitIds: number[],
  day: string,
  opts: DrawOptions,
): Promise<{ sets: Map<number, number[]>; writes: Write[] }> {
  const sets = new Map<number, number[]>()
  if (unitIds.length === 0) return { sets, writes: [] }
  const candidates = await approvedWithPosts(db)
  if (candidates.length === 0) return { sets, writes: [] }
  const postsBy = await postsOfBranches(db, unitIds)
  const since = new Date(Date.parse(`${day}T00:00:00Z`) - opts.rotationDays * 86_400_000)
    .toISOString()
    .slice(0, 10)
  const recent = await db
    .select({ unitId: quizSets.unitId, day: quizSets.day, questionIds: quizSets.questionIds })
    .from(quizSets)
    .where(and(inArray(quizSets.unitId, unitIds), gte(quizSets.day, since)))
  const seenBy = new Map<number, Map<number, string>>()
  for (const r of recent) {
    if (r.day === day) {
      sets.set(r.unitId, JSON.parse(r.questionIds) as number[])
      continue
    }
    const seen = seenBy.get(r.unitId) ?? new Map<number, string>()
    for (const id of JSON.parse(r.questionIds) as number[])
      if ((seen.get(id) ?? '') < r.day) seen.set(id, r.day)
    seenBy.set(r.unitId, seen)
  }
  const writes: Write[] = []
  // Questions for every post plus those of the posts the branch's members hold; one bank per mix of posts.
  const banks = new Map<string, Bank>()
  const bankFor = (posts: ReadonlySet<string>) => {
    const key = [...posts].sort().join('|')
    let bank = banks.get(key)
    if (!bank) {
      bank = bankOf(candidates.filter((c) => c.post === null || posts.has(c.post)))
      banks.set(key, bank)
    }
    return bank
  }
  for (const unitId of unitIds) {
    if (sets.has(unitId)) continue
    const bank = bankFor(postsBy.get(unitId) ?? new Set())
    const ids = drawSet(bank, seenBy.get(unitId) ?? new Map(), opts.size, `${unitId}:${day}`)
    sets.set(unitId, ids)
    writes.push(
      db
        .insert(quizSets)
        .values({
          unitId,
          day,
          questionIds: JSON.stringify(ids),
          settingsVersion: opts.settingsVersion,
          createdAt: opts.now,
        })
        .onConflictDoNothing(),
    )
  }
  return { sets, writes }
}

/** Each answering member's score on the branch's set that day (review questions do not count for the rank). */
export async function branchScores(db: Db, unitId: number, day: string, setIds: number[]) {
  const rows = await db
    .select({
      memberId: quizAnswers.memberId,
      name: members.name,
      correct: sql<number>`sum(case when ${quizAnswers.correct} then 1 else 0 end)`,
      answered: sql<number>`count(*)`,
    })
    .from(quizAnswers)
    .innerJoin(members, eq(members.id, quizAnswers.memberId))
    .where(
      and(
        eq(quizAnswers.unitId, unitId),
        eq(quizAnswers.day, day),
        eq(quizAnswers.mode, 'daily'),
        inArray(quizAnswers.questionId, setIds),
      ),
    )
    .groupBy(quizAnswers.memberId)
  return rows.map((r) => ({ ...r, correct: Number(r.correct), answered: Number(r.answered) }))
}
