import { OPTION_LETTERS } from '../domain/question'
import { namesOf, normHeader, readColumns } from './header'
import type { RawTable } from './read-table'
import type { Problem } from './roster-columns'

const OPTION_COLUMNS = Object.fromEntries(
  [...OPTION_LETTERS].map((l) => [`option${l}`, { label: `选项${l}`, english: `option_${l.toLowerCase()}` }]),
) as Record<`option${string}`, { label: string; english: string }>

/** The question file's columns; 选项A … 选项H hold the options of a choice question in order. */
export const QUESTION_COLUMNS = {
  code: { label: '编码', english: 'code' },
  kind: { label: '题型', english: 'kind' },
  category: { label: '分类', english: 'category' },
  /** The post a safety question is for (采煤, 掘进 …); blank: for every post. */
  post: { label: '岗位', english: 'post' },
  difficulty: { label: '难度', english: 'difficulty' },
  stem: { label: '题干', english: 'stem' },
  ...OPTION_COLUMNS,
  answer: { label: '答案', english: 'answer' },
  explanation: { label: '解析', english: 'explanation' },
  source: { label: '出处', english: 'source' },
  quote: { label: '原文', english: 'quote' },
}

export type QuestionKey = keyof typeof QUESTION_COLUMNS
export type RawQuestionRow = { row: number } & Record<QuestionKey, string>

export const OPTION_KEYS = [...OPTION_LETTERS].map((l) => `option${l}` as QuestionKey)
const KEYS = Object.keys(QUESTION_COLUMNS) as QuestionKey[]
const REQUIRED: QuestionKey[] = ['code', 'kind', 'stem', 'answer', 'category', 'source', 'quote']

export const questionLabel = (key: PropertyKey) => QUESTION_COLUMNS[key as QuestionKey]?.label ?? String(key)
export const questionColumnOrder = (label: string) =>
  KEYS.findIndex((k) => QUESTION_COLUMNS[k].label === label)

const BY_NAME = namesOf(QUESTION_COLUMNS)
// Spellings common in question-bank templates people already have.
BY_NAME.set('类型', 'kind')
BY_NAME.set('题目', 'stem')
BY_NAME.set('正确答案', 'answer')
BY_NAME.set('类别', 'category')
BY_NAME.set('来源', 'source')
BY_NAME.set('依据', 'source')
BY_NAME.set('原文摘录', 'quote')
BY_NAME.set('岗位类别', 'post')
BY_NAME.set('工种', 'post')
for (const l of OPTION_LETTERS) BY_NAME.set(normHeader(l), `option${l}` as QuestionKey)

/** Maps the header onto the question columns and turns every row into a record of trimmed cells. */
export function readQuestionRows(table: RawTable): {
  rows: RawQuestionRow[]
  ignored: string[]
  problems: Problem[]
} {
  return readColumns(table, {
    keys: KEYS,
    byName: BY_NAME,
    label: questionLabel,
    required: REQUIRED,
    requiredHint: `第一行表头应包含 ${REQUIRED.map(questionLabel).join('、')}，以及 选项A、选项B …`,
    noRows: '文件中没有题目行：表头下面每行填写一道题',
  })
}
