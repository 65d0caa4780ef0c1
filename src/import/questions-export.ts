import { eq, ne } from 'drizzle-orm'
import { draftOf } from '../db/question-bank'
import { questionPosts, questions } from '../db/schema'
import type { Store } from '../db/store'
import { OPTION_LETTERS, type QuestionDraft } from '../domain/question'
import { KIND_WORDS } from './questions'

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/**
 * Questions as a CSV the import reads back (UTF-8 with a BOM, so Excel opens it): as many option columns as the
 * widest question needs, at least four. Answers are written as 对/错 so the sheet reads naturally.
 */
export function questionsCsv(drafts: (QuestionDraft & { post?: string })[]): string {
  const width = Math.max(4, ...drafts.map((d) => d.options.length))
  const letters = [...OPTION_LETTERS.slice(0, width)]
  // The 岗位 column only when a question has a post, so a bank without posts keeps its familiar sheet.
  const posts = drafts.some((d) => d.post)
  const header = [
    '编码',
    '题型',
    '分类',
    ...(posts ? ['岗位'] : []),
    '难度',
    '题干',
    ...letters.map((l) => `选项${l}`),
    '答案',
    '解析',
    '出处',
    '原文',
  ]
  const lines = drafts.map((d) => [
    d.code,
    KIND_WORDS[d.kind],
    d.category,
    ...(posts ? [d.post ?? ''] : []),
    String(d.difficulty),
    d.stem,
    ...letters.map((_, i) => d.options[i] ?? ''),
    d.kind === 'judge' ? (d.answer === 'T' ? '对' : '错') : d.answer,
    d.explanation,
    d.source,
    d.quote,
  ])
  return `\uFEFF${[header, ...lines].map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`
}

/** The bank in the database, retired questions left out, ordered by code. */
export async function exportQuestions(store: Store): Promise<{ csv: string; count: number }> {
  const rows = await store.db
    .select({ question: questions, post: questionPosts.post })
    .from(questions)
    .leftJoin(questionPosts, eq(questionPosts.code, questions.code))
    .where(ne(questions.status, 'retired'))
    .orderBy(questions.code)
  return {
    csv: questionsCsv(rows.map((r) => ({ ...draftOf(r.question), post: r.post ?? '' }))),
    count: rows.length,
  }
}
