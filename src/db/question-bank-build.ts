import type { QuestionDraft, QuestionKind } from '../domain/question'

/** The code's prefix names the category, so a shipped question cannot sit under the wrong heading. */
const CATEGORIES = { DZ: '党章党规', LL: '理论学习', DS: '党史', AQ: '安全生产' } as const

/** A shipped question with, for true/false, the decisive phrase of its quote (checked by a test). */
export type SampleQuestion = { draft: QuestionDraft; evidence?: string }

type Cite = { source: string; quote: string; explanation: string; evidence?: string }

export function q(
  code: string,
  kind: QuestionKind,
  difficulty: QuestionDraft['difficulty'],
  stem: string,
  options: string[],
  answer: string,
  cite: Cite,
): SampleQuestion {
  const category = CATEGORIES[code.slice(0, 2) as keyof typeof CATEGORIES]
  const { evidence, ...rest } = cite
  return { draft: { code, kind, stem, options, answer, category, difficulty, ...rest }, evidence }
}
