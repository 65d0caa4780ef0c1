/** A study question as the bank holds it; shared by the quiz rules, the import and the shipped sample bank. */
export type QuestionKind = 'single' | 'multiple' | 'judge'

export type QuestionDraft = {
  /** Stable code, unique in the bank (e.g. `DZ-001`): imports replace a question by its code. */
  code: string
  kind: QuestionKind
  stem: string
  /** Option texts labelled A, B, C … in order; empty for true/false. */
  options: string[]
  /** Correct option letters in alphabetical order (`A`, `BC`), or `T` / `F` for true/false. */
  answer: string
  explanation: string
  /** 理论学习, 党章党规, 安全生产, 党史, 企业文化 … */
  category: string
  difficulty: 1 | 2 | 3
  /** The document and its article or section, e.g. 《中国共产党章程》第七条. */
  source: string
  /** The sentence of the source that holds the answer, quoted exactly. */
  quote: string
}

export const OPTION_LETTERS = 'ABCDEFGH'
