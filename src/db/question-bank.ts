import type { QuestionDraft } from '../domain/question'
import { PARTY_HISTORY, PARTY_RULES } from './question-bank-party'
import { SAFETY } from './question-bank-safety'
import { THEORY } from './question-bank-theory'
import { questions } from './schema'
import type { Db } from './store'

const SAMPLES = [...PARTY_RULES, ...THEORY, ...PARTY_HISTORY, ...SAFETY]

/**
 * The sample bank shipped with the bot, written for it, each question with its source and quoted sentence.
 * Also shipped as data/questions-sample.csv for review in Excel; a real deployment imports it as 待审核.
 */
export const SAMPLE_QUESTIONS: QuestionDraft[] = SAMPLES.map((s) => s.draft)

/** For each true/false question, the phrase of its quote that decides it (the test's judge rule). */
export const JUDGE_EVIDENCE: Record<string, string> = Object.fromEntries(
  SAMPLES.flatMap((s) => (s.evidence === undefined ? [] : [[s.draft.code, s.evidence]])),
)

export type QuestionStatus = (typeof questions.$inferSelect)['status']

/** A draft as a `questions` row: options are stored as JSON. */
export function questionValues(d: QuestionDraft, status: QuestionStatus, createdBy: string, now: number) {
  return { ...d, options: JSON.stringify(d.options), status, createdAt: now, createdBy }
}

/** A stored row back as a draft, the shape the import compares and the export writes. */
export function draftOf(row: typeof questions.$inferSelect): QuestionDraft {
  return {
    code: row.code,
    kind: row.kind,
    stem: row.stem,
    options: JSON.parse(row.options) as string[],
    answer: row.answer,
    explanation: row.explanation,
    category: row.category,
    difficulty: row.difficulty as QuestionDraft['difficulty'],
    source: row.source,
    quote: row.quote,
  }
}

/**
 * Inserts the sample bank, leaving every code already present as it is (an admin's edit or approval stands).
 * One insert per row: D1 binds at most 100 parameters per statement, and a restart reads once and writes nothing.
 */
export async function seedQuestions(
  db: Db,
  now: number,
  status: QuestionStatus,
  createdBy = 'sample',
): Promise<number> {
  const present = new Set((await db.select({ code: questions.code }).from(questions)).map((r) => r.code))
  const missing = SAMPLE_QUESTIONS.filter((d) => !present.has(d.code))
  for (const d of missing)
    await db
      .insert(questions)
      .values(questionValues(d, status, createdBy, now))
      .onConflictDoNothing()
  return missing.length
}
