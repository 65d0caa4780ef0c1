import { and, asc, eq, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm'
import { inReviewList, type ReviewState } from '../domain/quiz-review'
import { perDb } from './prepared'
import { memberPosts, members, questionPosts, questions, quizReviews } from './schema'
import type { Db, Write } from './store'

const state = {
  questionId: quizReviews.questionId,
  stage: quizReviews.stage,
  rights: quizReviews.rights,
  dueDay: quizReviews.dueDay,
  wrongDay: quizReviews.wrongDay,
  lastDay: quizReviews.lastDay,
  doneDay: quizReviews.doneDay,
}

function preparedFor(db: Db) {
  return {
    /** Candidates for the day's list: due and open, or reviewed that day (the rule decides exactly). */
    today: db
      .select(state)
      .from(quizReviews)
      .where(
        and(
          eq(quizReviews.memberId, sql.placeholder('memberId')),
          or(
            and(isNull(quizReviews.doneDay), lte(quizReviews.dueDay, sql.placeholder('day'))),
            eq(quizReviews.lastDay, sql.placeholder('day')),
          ),
        ),
      )
      .orderBy(asc(quizReviews.wrongDay), asc(quizReviews.questionId))
      .prepare(),
    open: db
      .select({
        ...state,
        stem: questions.stem,
        kind: questions.kind,
        answer: questions.answer,
        options: questions.options,
        explanation: questions.explanation,
        source: questions.source,
      })
      .from(quizReviews)
      .innerJoin(questions, eq(questions.id, quizReviews.questionId))
      .where(and(eq(quizReviews.memberId, sql.placeholder('memberId')), isNull(quizReviews.doneDay)))
      .orderBy(asc(quizReviews.dueDay), asc(quizReviews.questionId))
      .prepare(),
  }
}

const q = perDb(preparedFor)

/**
 * The member's review questions for `day`, in a stable order (oldest mistake first), at most `limit`, leaving out
 * questions that are in the branch's set that day (they are answered there).
 */
export async function reviewListFor(
  db: Db,
  memberId: number,
  day: string,
  exclude: readonly number[],
  limit: number,
): Promise<number[]> {
  if (limit <= 0) return []
  const rows = await q(db).today.all({ memberId, day })
  return rows
    .filter((r) => inReviewList(r, day) && !exclude.includes(r.questionId))
    .slice(0, limit)
    .map((r) => r.questionId)
}

/** The member's 错题本 entries for the given questions, open or cleared. */
export async function reviewsOf(
  db: Db,
  memberId: number,
  questionIds: number[],
): Promise<Map<number, ReviewState>> {
  if (questionIds.length === 0) return new Map()
  const rows = await db
    .select(state)
    .from(quizReviews)
    .where(and(eq(quizReviews.memberId, memberId), inArray(quizReviews.questionId, questionIds)))
  return new Map(rows.map(({ questionId, ...s }) => [questionId, s]))
}

/** The open 错题本 with each question's key and explanation, soonest due first. */
export const openMistakes = (db: Db, memberId: number) => q(db).open.all({ memberId })

/** Writes the entry's new state; batched with the answer, whose unique key guards a double answer. */
export function reviewWrite(db: Db, memberId: number, questionId: number, s: ReviewState): Write {
  return db
    .insert(quizReviews)
    .values({ memberId, questionId, ...s })
    .onConflictDoUpdate({ target: [quizReviews.memberId, quizReviews.questionId], set: s })
}

/** Approved questions with their post category (null: for every post), the candidates of a draw. */
export function approvedWithPosts(db: Db) {
  return db
    .select({ id: questions.id, category: questions.category, post: questionPosts.post })
    .from(questions)
    .leftJoin(questionPosts, eq(questionPosts.code, questions.code))
    .where(eq(questions.status, 'approved'))
}

/** The posts the active members of each branch hold, so a branch's set fits the jobs its members do. */
export async function postsOfBranches(db: Db, unitIds: number[]): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>()
  if (unitIds.length === 0) return out
  const rows = await db
    .selectDistinct({ unitId: members.branchId, post: memberPosts.post })
    .from(members)
    .innerJoin(memberPosts, eq(memberPosts.employeeNo, members.employeeNo))
    .where(and(inArray(members.branchId, unitIds), eq(members.active, true), ne(memberPosts.post, '')))
  for (const r of rows) {
    const set = out.get(r.unitId) ?? new Set<string>()
    set.add(r.post)
    out.set(r.unitId, set)
  }
  return out
}
