import { z } from 'zod'
import { OPTION_LETTERS, type QuestionDraft, type QuestionKind } from '../domain/question'
import {
  OPTION_KEYS,
  questionColumnOrder,
  questionLabel,
  type RawQuestionRow,
  readQuestionRows,
} from './questions-columns'
import type { RawTable } from './read-table'
import type { Problem } from './roster-columns'

const KINDS: Record<string, QuestionKind> = {
  单选: 'single',
  单选题: 'single',
  single: 'single',
  多选: 'multiple',
  多选题: 'multiple',
  multiple: 'multiple',
  判断: 'judge',
  判断题: 'judge',
  judge: 'judge',
}
export const KIND_WORDS: Record<QuestionKind, string> = { single: '单选', multiple: '多选', judge: '判断' }
const JUDGE_ANSWERS: Record<string, 'T' | 'F'> = {
  对: 'T',
  错: 'F',
  T: 'T',
  F: 'F',
  '√': 'T',
  '×': 'F',
  正确: 'T',
  错误: 'F',
}
const DIFFICULTY: Record<string, QuestionDraft['difficulty']> = {
  '': 1,
  '1': 1,
  '2': 2,
  '3': 3,
  易: 1,
  中: 2,
  难: 3,
}

/** Ｂ, ｂ and b are the letter B; spreadsheets full of full-width text are common. */
const letters = (s: string) =>
  s
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s,，、;；]/g, '')
/** Two stems are the same question when they differ only in spaces or full-width forms. */
export const stemKey = (s: string) => s.normalize('NFKC').replace(/\s/g, '')

const text = (label: string, max: number, hint: string) =>
  z
    .string()
    .min(1, { error: `${label}为空：${hint}`, abort: true })
    .refine((s) => [...s].length <= max, {
      error: (i) => `${label}过长（${[...String(i.input)].length} 字）：最多 ${max} 字`,
    })

const rowSchema = z.object({
  row: z.number(),
  code: text('编码', 32, '每题都要有编码，如 AQ-101').regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, {
    error: (i) => `编码「${i.input}」无效：只能用字母、数字、- 和 _，如 AQ-101`,
  }),
  kind: z.string().transform((s, c) => {
    const k = KINDS[s.toLowerCase()]
    if (!k) c.addIssue(`题型「${s}」无效：应为 单选、多选 或 判断`)
    return k ?? 'single'
  }),
  category: text('分类', 20, '每题都要填分类，如 安全生产、党章党规、理论学习、党史'),
  post: z
    .string()
    .refine(
      (s) => [...s].length <= 10,
      '岗位过长：最多 10 字，如 采煤、掘进、机电、通风、运输、地面；留空表示适合所有岗位',
    ),
  difficulty: z.string().transform((s, c) => {
    const d = DIFFICULTY[s]
    if (d === undefined) c.addIssue(`难度「${s}」无效：应为 1、2、3（或 易、中、难），留空表示 1`)
    return d ?? 1
  }),
  stem: text('题干', 500, '每行都要有题干'),
  answer: z.string().min(1, '答案为空：单选填 A，多选填 ABC，判断填 对 或 错'),
  explanation: z.string().refine((s) => [...s].length <= 500, '解析过长：最多 500 字'),
  source: text('出处', 200, '每题都要写明出处，如 《煤矿安全规程》第一百三十五条'),
  quote: text('原文', 1000, '每题都要摘录出处中包含答案的原文'),
})

type Issue = (column: string, message: string) => void

/**
 * Options and answer checked together, outside the field schema, so that a row with a blank stem still hears
 * about its answer too. Returns the options without trailing blanks and the answer in its stored form.
 */
function keyed(kind: QuestionKind | undefined, raw: string[], answer: string, issue: Issue) {
  const last = raw.findLastIndex((o) => o !== '')
  const options = raw.slice(0, last + 1)
  if (kind === undefined) return { options, answer }
  if (kind === 'judge') {
    if (options.length > 0) issue('选项A', '判断题不填选项：选项A、选项B … 应留空')
    const a = JUDGE_ANSWERS[answer.normalize('NFKC').toUpperCase()] ?? JUDGE_ANSWERS[answer]
    if (answer !== '' && !a) issue('答案', `判断题答案「${answer}」无效：应为 对/错、T/F 或 √/×`)
    return { options: [], answer: a ?? '' }
  }
  const word = KIND_WORDS[kind]
  options.forEach((o, i) => {
    const label = `选项${OPTION_LETTERS[i]}`
    const first = options.indexOf(o)
    if (o === '') issue(label, `${label}为空，但后面还有选项：选项须从 A 起连续填写`)
    else if (first < i) issue(label, `${label}「${o}」与选项${OPTION_LETTERS[first]}相同：每个选项应不同`)
    else if ([...o].length > 200) issue(label, `${label}过长：最多 200 字`)
  })
  if (options.length < 2)
    issue(`选项${OPTION_LETTERS[options.length]}`, `${word}题至少要有 2 个选项（选项A、选项B）`)
  if (answer === '') return { options, answer }
  const picked = [...new Set(letters(answer))].sort()
  const valid = OPTION_LETTERS.slice(0, Math.max(options.length, 2))
  const bad = picked.filter((l) => !valid.includes(l))
  if (bad.length > 0)
    issue(
      '答案',
      `答案「${answer}」中的 ${bad.join('、')} 不在本题的选项中：本题选项为 ${valid.split('').join('、')}`,
    )
  else if (kind === 'single' && picked.length > 1)
    issue('答案', `单选题只能有一个答案，这里是「${answer}」：有多个正确选项请把题型改为 多选`)
  else if (kind === 'multiple' && picked.length < 2)
    issue('答案', `多选题至少要有 2 个正确选项，这里是「${answer}」：只有一个正确选项请把题型改为 单选`)
  return { options, answer: picked.join('') }
}

export type ValidatedQuestions = {
  /** `post` is '' for a question that suits every post. */
  drafts: (QuestionDraft & { row: number; post: string })[]
  ignoredColumns: string[]
  problems: Problem[]
  /** Not refusals: the admin still reviews every imported question before members see it. */
  warnings: Problem[]
}

/** Existing questions' stems (by `stemKey`) with their codes, to catch a question imported twice under two codes. */
export type QuestionContext = { stems: ReadonlyMap<string, string> }

const sortProblems = (ps: Problem[]) =>
  ps.sort((a, b) => a.row - b.row || questionColumnOrder(a.column) - questionColumnOrder(b.column))

/** A keyed option that the quote does not contain may be a wrong key or a paraphrase: the reviewer decides. */
function quoteWarnings(d: QuestionDraft & { row: number }): Problem[] {
  return [...d.answer]
    .map((l) => ({ l, option: d.options[OPTION_LETTERS.indexOf(l)] ?? '' }))
    .filter(({ option }) => d.kind !== 'judge' && !d.quote.includes(option))
    .map(({ l, option }) => ({
      row: d.row,
      column: '原文',
      message: `答案选项${l}「${option}」没有原样出现在原文中：请核对答案与原文`,
    }))
}

/** Validates every row, then codes and stems across rows and against the bank; problems sorted by row and column. */
export function validateQuestions(table: RawTable, ctx: QuestionContext): ValidatedQuestions {
  const head = readQuestionRows(table)
  const empty = { drafts: [], ignoredColumns: head.ignored, warnings: [] }
  if (head.problems.length > 0) return { ...empty, problems: head.problems }
  const problems: Problem[] = []
  const drafts: ValidatedQuestions['drafts'] = []
  const codes = new Map<string, number>()
  const stems = new Map<string, number>()
  for (const raw of head.rows) {
    const parsed = rowSchema.safeParse(raw satisfies RawQuestionRow)
    const before = problems.length
    if (!parsed.success)
      for (const i of parsed.error.issues)
        problems.push({ row: raw.row, column: questionLabel(i.path[0] ?? ''), message: i.message })
    const { options, answer } = keyed(
      KINDS[raw.kind.toLowerCase()],
      OPTION_KEYS.map((k) => raw[k]),
      raw.answer,
      (column, message) => problems.push({ row: raw.row, column, message }),
    )
    const firstCode = codes.get(raw.code)
    if (raw.code !== '' && firstCode !== undefined)
      problems.push({
        row: raw.row,
        column: '编码',
        message: `编码「${raw.code}」与第 ${firstCode} 行重复：每道题的编码只能出现一次`,
      })
    else if (raw.code !== '') codes.set(raw.code, raw.row)
    const key = stemKey(raw.stem)
    const firstStem = stems.get(key)
    const inBank = ctx.stems.get(key)
    if (key !== '' && firstStem !== undefined)
      problems.push({
        row: raw.row,
        column: '题干',
        message: `题干与第 ${firstStem} 行相同：同一道题只能出现一次`,
      })
    else if (key !== '' && inBank !== undefined && inBank !== raw.code)
      problems.push({
        row: raw.row,
        column: '题干',
        message: `题干与题库中的 ${inBank} 相同：要修改那道题请用编码 ${inBank}，否则请改写题干`,
      })
    if (key !== '') stems.set(key, raw.row)
    if (parsed.success && problems.length === before) drafts.push({ ...parsed.data, options, answer })
  }
  if (problems.length > 0) return { ...empty, problems: sortProblems(problems) }
  return {
    drafts,
    ignoredColumns: head.ignored,
    problems: [],
    warnings: sortProblems(drafts.flatMap(quoteWarnings)),
  }
}
