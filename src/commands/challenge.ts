import { and, eq, max } from 'drizzle-orm'
import { z } from 'zod'
import { CHALLENGE_ACTION, challengeCard, resultLine } from '../cards/quiz'
import { optionsOf, pointsOn, type QuestionRow, questionsByIds } from '../db/quiz'
import { challengeRuns, pointsLedger, questions, quizAnswers } from '../db/schema'
import type { Db, Write } from '../db/store'
import { bankOf, drawSet, judge, parseBareAnswer, quizAward } from '../domain/quiz'
import { localDay } from '../domain/time'
import { UserError } from '../errors'
import { card, type Reply, text } from '../messages'
import { type Ctx, command, type Me, type Outcome } from './command'

type Run = typeof challengeRuns.$inferSelect

async function activeRun(db: Db, memberId: number): Promise<Run | undefined> {
  const [run] = await db
    .select()
    .from(challengeRuns)
    .where(and(eq(challengeRuns.memberId, memberId), eq(challengeRuns.status, 'active')))
  return run
}

export async function hasActiveChallenge(db: Db, memberId: number): Promise<boolean> {
  return (await activeRun(db, memberId)) !== undefined
}

async function bestStreak(db: Db, memberId: number): Promise<number> {
  const [row] = await db
    .select({ best: max(challengeRuns.streak) })
    .from(challengeRuns)
    .where(eq(challengeRuns.memberId, memberId))
  return Number(row?.best ?? 0)
}

/** The next question of a run: one it has not asked yet, chosen by a seed so a replayed event picks the same. */
async function nextQuestion(db: Db, asked: number[], seed: string): Promise<QuestionRow | undefined> {
  const candidates = await db
    .select({ id: questions.id, category: questions.category })
    .from(questions)
    .where(eq(questions.status, 'approved'))
  const askedSet = new Set(asked)
  const [id] = drawSet(bankOf(candidates.filter((c) => !askedSet.has(c.id))), new Map(), 1, seed)
  return id === undefined ? undefined : (await questionsByIds(db, [id])).get(id)
}

const askedOf = (run: Run) => JSON.parse(run.asked) as number[]
const expired = (ctx: Ctx, run: Run) => ctx.now - run.askedAt > ctx.settings.quiz.challengeSeconds * 1000

function endRun(
  ctx: Ctx,
  run: Run,
  reason: 'wrong' | 'timeout' | 'max' | 'exhausted',
  streak: number,
): Write {
  return ctx.db
    .update(challengeRuns)
    .set({ status: 'ended', endedReason: reason, endedAt: ctx.now, streak })
    .where(and(eq(challengeRuns.id, run.id), eq(challengeRuns.status, 'active')))
}

/** `挑战答题` in a private chat: questions one after another until the first miss, the time limit or the maximum. */
export const challengeCmd = command({
  id: 'challenge',
  names: ['挑战答题'],
  aliases: ['challenge'],
  who: ['member'],
  chat: 'p2p',
  params: [],
  args: z.object({}).strict(),
  async run(ctx): Promise<Outcome> {
    const me = ctx.me as Me
    const writes: Write[] = []
    const replies: Reply[] = []
    const run = await activeRun(ctx.db, me.id)
    if (run && !expired(ctx, run)) {
      const asked = askedOf(run)
      const current = (await questionsByIds(ctx.db, asked.slice(-1))).get(asked.at(-1) as number)
      if (current)
        return {
          writes,
          replies: [card(challengeCardFor(ctx, run.startedAt, asked.length - 1, current, run.streak))],
        }
    }
    if (run) {
      writes.push(endRun(ctx, run, 'timeout', run.streak))
      replies.push(text(ctx.t('quiz.previousTimedOut', { streak: run.streak })))
    }
    const first = await nextQuestion(ctx.db, [], `${me.id}:${ctx.now}`)
    if (!first) throw new UserError('quiz.emptyBank')
    writes.push(
      ctx.db.insert(challengeRuns).values({
        memberId: me.id,
        day: localDay(ctx.now, ctx.timeZone),
        status: 'active',
        asked: JSON.stringify([first.id]),
        askedAt: ctx.now,
        streak: 0,
        startedAt: ctx.now,
      }),
    )
    const best = await bestStreak(ctx.db, me.id)
    replies.push(text(ctx.t('quiz.challengeStart', { best, seconds: ctx.settings.quiz.challengeSeconds })))
    replies.push(card(challengeCardFor(ctx, ctx.now, 0, first, 0)))
    return { writes, replies }
  },
})

const challengeCardFor = (ctx: Ctx, startedAt: number, index: number, row: QuestionRow, streak: number) =>
  challengeCard(ctx.locale, startedAt, index, row, streak, ctx.settings.quiz.challengeSeconds)

/**
 * Judges the answer to the run's current question. A correct answer earns points within the day's cap (the
 * points row's unique source is also what stops a double click from counting twice) and brings the next one.
 */
export async function answerChallenge(
  ctx: Ctx,
  raw: string,
  at?: { startedAt: number; index: number },
): Promise<Outcome> {
  const me = ctx.me as Me
  const run = await activeRun(ctx.db, me.id)
  if (!run) throw new UserError('quiz.noChallenge')
  const asked = askedOf(run)
  if (at && (at.startedAt !== run.startedAt || at.index !== asked.length - 1))
    throw new UserError('quiz.staleCard')
  if (expired(ctx, run))
    return {
      writes: [endRun(ctx, run, 'timeout', run.streak)],
      replies: [
        text(ctx.t('quiz.timedOut', { seconds: ctx.settings.quiz.challengeSeconds, streak: run.streak })),
      ],
    }
  const given = parseBareAnswer(raw)
  const current = (await questionsByIds(ctx.db, asked.slice(-1))).get(asked.at(-1) as number)
  if (!current) throw new UserError('quiz.noChallenge')
  const judged = given ? judge(current.kind, optionsOf(current).length, current.answer, given) : undefined
  if (!judged?.valid) throw new UserError('quiz.badChallengeAnswer', { raw })
  const day = localDay(ctx.now, ctx.timeZone)
  const writes: Write[] = [
    ctx.db.insert(quizAnswers).values({
      memberId: me.id,
      unitId: me.branchId,
      questionId: current.id,
      day,
      mode: 'challenge',
      given: judged.given,
      correct: judged.correct,
      at: ctx.now,
      platform: ctx.platform,
      chatId: ctx.chatId,
    }),
  ]
  const lines = [resultLine(ctx.locale, undefined, current, judged.correct)]
  if (!judged.correct) {
    writes.push(endRun(ctx, run, 'wrong', run.streak))
    const best = Math.max(run.streak, await bestStreak(ctx.db, me.id))
    lines.push(ctx.t('quiz.challengeOver', { streak: run.streak, best }))
    return { writes, replies: [text(lines.join('\n'))] }
  }
  const streak = run.streak + 1
  const rule = ctx.settings.points.challenge
  const [points = 0] = quizAward(
    1,
    rule.points,
    rule.dailyCap,
    await pointsOn(ctx.db, me.id, day, 'challenge'),
  )
  writes.push(
    ctx.db.insert(pointsLedger).values({
      memberId: me.id,
      points,
      rule: 'challenge',
      reason: ctx.t('quiz.challengeLedger', { streak }),
      source: `challenge:${run.startedAt}:${asked.length - 1}`,
      day,
      settingsVersion: ctx.settings.version,
      createdAt: ctx.now,
    }),
  )
  lines.push(ctx.t('quiz.streak', { streak, points }))
  const next =
    streak >= ctx.settings.quiz.challengeMax
      ? undefined
      : await nextQuestion(ctx.db, asked, `${me.id}:${run.startedAt}:${streak}`)
  if (!next) {
    writes.push(endRun(ctx, run, streak >= ctx.settings.quiz.challengeMax ? 'max' : 'exhausted', streak))
    lines.push(ctx.t('quiz.challengeDone', { streak }))
    return { writes, replies: [text(lines.join('\n'))] }
  }
  writes.push(
    ctx.db
      .update(challengeRuns)
      .set({ asked: JSON.stringify([...asked, next.id]), askedAt: ctx.now, streak })
      .where(and(eq(challengeRuns.id, run.id), eq(challengeRuns.status, 'active'))),
  )
  return {
    writes,
    replies: [text(lines.join('\n')), card(challengeCardFor(ctx, run.startedAt, asked.length, next, streak))],
  }
}

const challengeValue = z.string().regex(/^\d+\|\d+\|[A-HTF]{1,8}$/)

async function answerByButton(ctx: Ctx, value: string): Promise<Outcome> {
  if (!ctx.me) throw new UserError('common.needBind')
  if (!challengeValue.safeParse(value).success) throw new UserError('quiz.staleCard')
  const [startedAt, index, given] = value.split('|') as [string, string, string]
  const out = await answerChallenge(ctx, given, { startedAt: Number(startedAt), index: Number(index) })
  const first = out.replies[0]
  const said = first?.kind === 'text' ? first.text : ''
  return {
    ...out,
    toast: { kind: said.startsWith('✅') ? 'success' : 'info', text: said.split('\n')[0] ?? '' },
  }
}

export const challengeActions = { [CHALLENGE_ACTION]: answerByButton }
