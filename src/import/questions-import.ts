import { eq, inArray } from 'drizzle-orm'
import { draftOf, questionValues } from '../db/question-bank'
import { questionPosts, questions } from '../db/schema'
import type { Store, Write } from '../db/store'
import type { QuestionDraft } from '../domain/question'
import { stemKey, validateQuestions } from './questions'
import type { RawTable } from './read-table'
import type { Problem } from './roster-columns'

export type QuestionsReport = {
  ok: boolean
  dryRun: boolean
  problems: Problem[]
  warnings: Problem[]
  ignoredColumns: string[]
  summary?: { rows: number; inserted: number; updated: number; unchanged: number; pending: number }
}

const same = (a: QuestionDraft, b: QuestionDraft) =>
  (Object.keys(a) as (keyof QuestionDraft)[]).every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]))

/**
 * Imports the whole file or nothing. New and changed questions wait as `pending` (待审核); an unchanged one keeps
 * its status, so re-importing an approved bank does not send it back to review. Ids stay, so answers keep their question.
 */
export async function importQuestions(
  store: Store,
  table: RawTable,
  opts: { dryRun?: boolean; now: number },
): Promise<QuestionsReport> {
  const dryRun = opts.dryRun ?? false
  const rows = await store.db.select().from(questions)
  const postOf = new Map((await store.db.select().from(questionPosts)).map((r) => [r.code, r.post]))
  const byCode = new Map(rows.map((r) => [r.code, r]))
  const stems = new Map(rows.filter((r) => r.status !== 'retired').map((r) => [stemKey(r.stem), r.code]))
  const v = validateQuestions(table, { stems })
  const base = { dryRun, warnings: v.warnings, ignoredColumns: v.ignoredColumns }
  if (v.problems.length > 0) return { ...base, ok: false, problems: v.problems }
  const writes: Write[] = []
  // A question's post is kept beside it (a changed post alone does not send the question back to review).
  const postWrites: Write[] = []
  let inserted = 0
  let unchanged = 0
  for (const { row: _row, post, ...d } of v.drafts) {
    const old = byCode.get(d.code)
    if ((postOf.get(d.code) ?? '') !== post)
      postWrites.push(
        post
          ? store.db
              .insert(questionPosts)
              .values({ code: d.code, post })
              .onConflictDoUpdate({ target: questionPosts.code, set: { post } })
          : store.db.delete(questionPosts).where(eq(questionPosts.code, d.code)),
      )
    if (old && same(draftOf(old), d)) {
      unchanged++
      continue
    }
    const { createdAt: _at, createdBy: _by, ...content } = questionValues(d, 'pending', 'import', opts.now)
    if (old) writes.push(store.db.update(questions).set(content).where(eq(questions.id, old.id)))
    else {
      inserted++
      writes.push(store.db.insert(questions).values(questionValues(d, 'pending', 'import', opts.now)))
    }
  }
  if (!dryRun && writes.length + postWrites.length > 0) await store.commit([...writes, ...postWrites])
  const pending = v.drafts.filter((d) => {
    const old = byCode.get(d.code)
    return !old || old.status === 'pending' || !same(draftOf(old), d)
  }).length
  return {
    ...base,
    ok: true,
    problems: [],
    summary: { rows: v.drafts.length, inserted, updated: writes.length - inserted, unchanged, pending },
  }
}

const lineOf = (p: Problem) =>
  p.column ? `第 ${p.row} 行 · ${p.column}：${p.message}` : `第 ${p.row} 行：${p.message}`

export function formatQuestionsReport(report: QuestionsReport): string[] {
  const lines = report.problems.map(lineOf)
  lines.push(...report.warnings.map((w) => `提醒 ${lineOf(w)}`))
  if (report.ignoredColumns.length > 0)
    lines.push(`已忽略无法识别的列：${report.ignoredColumns.map((c) => `「${c}」`).join('、')}`)
  const s = report.summary
  if (!report.ok || !s) {
    const rows = new Set(report.problems.map((p) => p.row)).size
    lines.push(
      `题库未导入：${rows} 行共 ${report.problems.length} 处问题，没有写入任何内容。请改正后重新导入整个文件。`,
    )
    return lines
  }
  const head = report.dryRun ? '试运行（--dry-run，未写入）：题库可以导入' : '题库导入完成'
  const counts = `新增 ${s.inserted} 题，更新 ${s.updated} 题，未变 ${s.unchanged} 题（共 ${s.rows} 行）`
  const review =
    s.pending > 0
      ? `${s.pending} 题待审核，审核后才会出现在每日答题中：npm run import -- questions --approve 编码,编码… 或 --approve all-pending`
      : '文件中的题目都已审核'
  const warned = report.warnings.length > 0 ? `；有 ${report.warnings.length} 处提醒，审核时请核对` : ''
  lines.push(`${head}：${counts}。${review}${warned}。`)
  return lines
}

export type Approval = {
  ok: boolean
  approved: { code: string; stem: string }[]
  already: string[]
  unknown: string[]
  retired: string[]
}

/** Approves the named pending questions, or every pending one; an unknown or retired code approves nothing. */
export async function approveQuestions(store: Store, which: string[] | 'all-pending'): Promise<Approval> {
  const rows =
    which === 'all-pending'
      ? await store.db.select().from(questions).where(eq(questions.status, 'pending'))
      : await store.db.select().from(questions).where(inArray(questions.code, which))
  const found = new Set(rows.map((r) => r.code))
  const unknown = which === 'all-pending' ? [] : which.filter((c) => !found.has(c))
  const retired = rows.filter((r) => r.status === 'retired').map((r) => r.code)
  const pending = rows.filter((r) => r.status === 'pending').sort((a, b) => a.code.localeCompare(b.code))
  const already = rows.filter((r) => r.status === 'approved').map((r) => r.code)
  const ok = unknown.length === 0 && retired.length === 0
  if (ok && pending.length > 0)
    await store.commit([
      store.db
        .update(questions)
        .set({ status: 'approved' })
        .where(
          inArray(
            questions.id,
            pending.map((r) => r.id),
          ),
        ),
    ])
  return {
    ok,
    approved: ok ? pending.map((r) => ({ code: r.code, stem: r.stem })) : [],
    already,
    unknown,
    retired,
  }
}

export function formatApproval(a: Approval): string[] {
  if (!a.ok) {
    const lines = []
    if (a.unknown.length > 0) lines.push(`题库中没有这些编码：${a.unknown.join('、')}`)
    if (a.retired.length > 0)
      lines.push(`这些题已停用，不能审核通过：${a.retired.join('、')}（请重新导入后再审核）`)
    lines.push('没有审核任何题目：请改正编码后重试。')
    return lines
  }
  const lines = a.approved.map((q) => `已审核 ${q.code}：${q.stem}`)
  if (a.already.length > 0) lines.push(`原已审核：${a.already.join('、')}`)
  lines.push(
    a.approved.length > 0
      ? `共审核通过 ${a.approved.length} 题，已可出现在每日答题中。`
      : '没有待审核的题目。',
  )
  return lines
}
