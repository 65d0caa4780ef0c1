import { z } from 'zod'
import { ANSWER_ACTION, quizCard, resultLine } from '../cards/quiz'
import { unitById } from '../db/queries'
import {
  branchScores,
  myAnswers,
  optionsOf,
  pointsOn,
  type QuestionRow,
  questionsByIds,
  setFor,
} from '../db/quiz'
import { reviewListFor, reviewsOf, reviewWrite } from '../db/quiz-review'
import { pointsLedger, quizAnswers } from '../db/schema'
import type { Write } from '../db/store'
import { rank } from '../domain/points'
import { type AnswerItem, judge, parseAnswers, parseBareAnswer, quizAward } from '../domain/quiz'
import { reviewAfterAnswer } from '../domain/quiz-review'
import { localDay } from '../domain/time'
import { UserError } from '../errors'
import { card, text } from '../messages'
import { words } from './args'
import { answerChallenge, hasActiveChallenge } from './challenge'
import { type Ctx, command, type Me, type Outcome } from './command'

type TodaysSet = {
  unitId: number
  unitName: string
  day: string
  rows: QuestionRow[]
  /** Questions due from the member's 错题本, numbered after the branch's set. */
  reviews: QuestionRow[]
  writes: Write[]
}

/** The member's branch set for today, drawn on first use, and their review questions due today. */
async function todaysSet(ctx: Ctx, me: Me): Promise<TodaysSet> {
  const day = localDay(ctx.now, ctx.timeZone)
  const { ids, writes } = await setFor(ctx.db, me.branchId, day, {
    size: ctx.settings.quiz.dailyQuestions,
    rotationDays: ctx.settings.quiz.rotationDays,
    now: ctx.now,
    settingsVersion: ctx.settings.version,
  })
  if (ids.length === 0) throw new UserError('quiz.emptyBank')
  const reviewIds = await reviewListFor(ctx.db, me.id, day, ids, ctx.settings.quiz.reviewPerDay)
  const byId = await questionsByIds(ctx.db, [...ids, ...reviewIds])
  const pick = (list: number[]) =>
    list.map((id) => byId.get(id)).filter((r): r is QuestionRow => r !== undefined)
  const unitName = (await unitById(ctx.db, me.branchId))?.name ?? ''
  return { unitId: me.branchId, unitName, day, rows: pick(ids), reviews: pick(reviewIds), writes }
}

/** `答题`: today's set as a card; in a private chat, with the member's own progress. */
export const quizCmd = command({
  id: 'quiz',
  names: ['答题'],
  aliases: ['quiz'],
  who: ['member'],
  params: [],
  args: z.object({}).strict(),
  async run(ctx): Promise<Outcome> {
    const me = ctx.me as Me
    const set = await todaysSet(ctx, me)
    // The group card is everybody's; review questions are the member's own and show only in private.
    const reviews = ctx.chatType === 'p2p' ? set.reviews : []
    const replies = [card(quizCard(ctx.locale, { ...set, reviews }))]
    if (ctx.chatType === 'p2p') {
      const mine = await myAnswers(ctx.db, me.id, set.day)
      if (mine.size) {
        const done = set.rows.filter((r) => mine.has(r.id))
        const right = done.filter((r) => mine.get(r.id)?.correct).length
        replies.push(text(ctx.t('quiz.progress', { done: done.length, total: set.rows.length, right })))
      }
    }
    return { writes: set.writes, replies }
  },
})

/**
 * Judges answers to today's set: one scored answer per member and question (a unique key guards it), points
 * within the day's cap, and when the set is complete the score and the branch rank. In a group the results go
 * to the member privately, so nobody reads the key before answering.
 */
async function answerDaily(ctx: Ctx, items: AnswerItem[], via: 'typed' | 'button'): Promise<Outcome> {
  const me = ctx.me as Me
  const set = await todaysSet(ctx, me)
  const mine = await myAnswers(ctx.db, me.id, set.day)
  const lines: string[] = []
  const writes: Write[] = [...set.writes]
  const all = [...set.rows, ...set.reviews]
  const fresh: { n: number; row: QuestionRow; given: string; correct: boolean; review: boolean }[] = []
  for (const { n, raw } of items) {
    const row = all[n - 1]
    if (!row) {
      lines.push(ctx.t('quiz.noSuchQuestion', { n, total: all.length }))
      continue
    }
    const earlier = mine.get(row.id) ?? fresh.find((f) => f.row.id === row.id)
    if (earlier) {
      lines.push(
        ctx.t(earlier.correct ? 'quiz.alreadyRight' : 'quiz.alreadyWrong', { n, given: earlier.given }),
      )
      continue
    }
    const judged = judge(row.kind, optionsOf(row).length, row.answer, raw)
    if (!judged.valid) {
      lines.push(
        ctx.t(`quiz.invalid.${judged.reason}`, {
          n,
          raw,
          letters: 'ABCDEFGH'.slice(0, optionsOf(row).length),
        }),
      )
      continue
    }
    fresh.push({ n, row, given: judged.given, correct: judged.correct, review: n > set.rows.length })
    lines.push(resultLine(ctx.locale, n, row, judged.correct))
  }
  const rule = ctx.settings.points.quiz
  // Review answers earn no points: the 错题本 is for learning, and a known key would be easy points.
  const awards = quizAward(
    fresh.filter((f) => f.correct && !f.review).length,
    rule.points,
    rule.dailyCap,
    await pointsOn(ctx.db, me.id, set.day, 'quiz'),
  )
  let awardIndex = 0
  const book = await reviewsOf(
    ctx.db,
    me.id,
    fresh.map((f) => f.row.id),
  )
  for (const f of fresh) {
    const next = reviewAfterAnswer(book.get(f.row.id), f.correct, set.day)
    if (next) writes.push(reviewWrite(ctx.db, me.id, f.row.id, next))
    if (next?.doneDay) lines.push(ctx.t('quiz.reviewCleared', { n: f.n }))
    writes.push(
      ctx.db.insert(quizAnswers).values({
        memberId: me.id,
        unitId: set.unitId,
        questionId: f.row.id,
        day: set.day,
        mode: 'daily',
        given: f.given,
        correct: f.correct,
        at: ctx.now,
        platform: ctx.platform,
        chatId: ctx.chatId,
      }),
    )
    if (f.correct && !f.review)
      writes.push(
        ctx.db.insert(pointsLedger).values({
          memberId: me.id,
          points: awards[awardIndex++] ?? 0,
          rule: 'quiz',
          reason: ctx.t('quiz.ledger', { day: set.day, n: f.n }),
          source: `quiz:${set.day}:${f.row.id}`,
          day: set.day,
          settingsVersion: ctx.settings.version,
          createdAt: ctx.now,
        }),
      )
  }
  const earned = awards.reduce((a, b) => a + b, 0)
  if (fresh.some((f) => f.correct && !f.review)) lines.push(ctx.t('quiz.earned', { points: earned }))
  const answeredNow = new Set([...mine.keys(), ...fresh.map((f) => f.row.id)])
  if (fresh.some((f) => !f.review) && set.rows.every((r) => answeredNow.has(r.id)))
    lines.push(await summaryLine(ctx, me, set, fresh))
  const detail = lines.join('\n')
  if (via === 'button') {
    const first = fresh[0]
    return {
      writes,
      replies: [],
      toast: {
        kind: first ? (first.correct ? 'success' : 'warning') : 'info',
        text: first ? ctx.t(first.correct ? 'quiz.toastRight' : 'quiz.toastWrong') : (lines[0] ?? ''),
      },
      pushes: fresh.length
        ? [{ to: { kind: 'user', id: ctx.userId }, locale: ctx.locale, reply: text(detail) }]
        : [],
    }
  }
  // In a group even an "already answered (✅)" line would tell the others the key: details go privately.
  if (ctx.chatType === 'group')
    return {
      writes,
      replies: [text(ctx.t('quiz.sentPrivately', { name: me.name, count: items.length }))],
      pushes: [{ to: { kind: 'user', id: ctx.userId }, locale: ctx.locale, reply: text(detail) }],
    }
  return { writes, replies: [text(detail)] }
}

async function summaryLine(
  ctx: Ctx,
  me: Me,
  set: TodaysSet,
  fresh: { row: QuestionRow; correct: boolean; review: boolean }[],
): Promise<string> {
  const scores = await branchScores(
    ctx.db,
    set.unitId,
    set.day,
    set.rows.map((r) => r.id),
  )
  const mineBefore = scores.find((s) => s.memberId === me.id)
  const myCorrect = (mineBefore?.correct ?? 0) + fresh.filter((f) => f.correct && !f.review).length
  const rows = scores
    .filter((s) => s.memberId !== me.id)
    .map((s) => ({ memberId: s.memberId, name: s.name, unit: '', points: s.correct }))
  rows.push({ memberId: me.id, name: me.name, unit: '', points: myCorrect })
  const ranked = rank(rows)
  const place = ranked.find((r) => r.memberId === me.id)?.place ?? ranked.length
  return ctx.t('quiz.complete', { total: set.rows.length, right: myCorrect, place, of: ranked.length })
}

/** `答 1A 2BC 3对` for today's set; in a private chat during a challenge, `答 A` answers the challenge. */
export const answerCmd = command({
  id: 'answer',
  names: ['答'],
  aliases: ['answer'],
  who: ['member'],
  params: [{ name: 'answers', rest: true }],
  args: z.object({ answers: words(200) }),
  async run(ctx, { answers }): Promise<Outcome> {
    const me = ctx.me as Me
    if (ctx.chatType === 'p2p' && (await hasActiveChallenge(ctx.db, me.id)))
      return answerChallenge(ctx, answers)
    const parsed = parseAnswers(answers)
    if (parsed.ok) return answerDaily(ctx, parsed.items, 'typed')
    const bare = parseBareAnswer(answers)
    if (!bare) throw new UserError('quiz.badAnswers', { bad: parsed.bad || answers })
    return answerDaily(ctx, [{ n: await theOneLeft(ctx, me), raw: bare }], 'typed')
  },
})

/** A bare `A` or `对` answers the one question of today that is still open; with several open it needs a number. */
async function theOneLeft(ctx: Ctx, me: Me): Promise<number> {
  const set = await todaysSet(ctx, me)
  const mine = await myAnswers(ctx.db, me.id, set.day)
  const open = [...set.rows, ...set.reviews].flatMap((r, i) => (mine.has(r.id) ? [] : [i + 1]))
  if (open.length === 0) throw new UserError('quiz.allAnswered')
  if (open.length > 1) throw new UserError('quiz.needNumber', { count: open.length, first: open[0] ?? 1 })
  return open[0] as number
}

const answerValue = z.string().regex(/^\d+\|\d{4}-\d{2}-\d{2}\|\d{1,2}\|[A-HTF]{1,8}$/)

/** A button on the quiz card: answers one question of the clicker's own set; a stale card is refused. */
async function answerByButton(ctx: Ctx, value: string): Promise<Outcome> {
  const me = ctx.me
  if (!me) throw new UserError('common.needBind')
  if (!answerValue.safeParse(value).success) throw new UserError('quiz.staleCard')
  const [unitId, day, n, given] = value.split('|') as [string, string, string, string]
  if (day !== localDay(ctx.now, ctx.timeZone)) throw new UserError('quiz.staleCard')
  if (Number(unitId) !== me.branchId) throw new UserError('quiz.otherBranch')
  return answerDaily(ctx, [{ n: Number(n), raw: given }], 'button')
}

export const quizActions = { [ANSWER_ACTION]: answerByButton }
