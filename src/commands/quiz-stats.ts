import { and, eq, gte, inArray } from 'drizzle-orm'
import { z } from 'zod'
import type { Section } from '../cards/card'
import { escapeMarkdown } from '../cards/markdown'
import { membersOf } from '../db/activities'
import { openMistakes } from '../db/quiz-review'
import { questions, quizAnswers } from '../db/schema'
import { loadUnits } from '../db/units'
import { defaultScope, oversees, subtree, type UnitNode } from '../domain/members'
import { localDay, periodStart } from '../domain/time'
import { UserError } from '../errors'
import { card, text } from '../messages'
import { type Ctx, command, type Me, type Outcome } from './command'

const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : '–')

function scopeOf(ctx: Ctx, me: Me, units: ReadonlyMap<number, UnitNode>): number {
  const unitId = defaultScope(me, ctx.chat?.unitId)
  if (unitId === undefined || !oversees(me, unitId, units))
    throw new UserError('quizStats.notYourUnit', { unit: ctx.chat?.unitName ?? '' })
  return unitId
}

/**
 * `答题情况 [本周]`: who studied (today or this week), who has not, and accuracy by category, which shows where
 * study is weak (safety answered worse than theory, say). Over several branches, one row per branch.
 */
export const quizStatsCmd = command({
  id: 'quizstats',
  names: ['答题情况'],
  aliases: ['quizstats'],
  who: ['secretary', 'leader'],
  params: [{ name: 'period' }],
  args: z.object({
    period: z.enum(['今天', '本周', 'today', 'week'], { message: 'arg.quizPeriod' }).optional(),
  }),
  async run(ctx, { period }): Promise<Outcome> {
    const me = ctx.me as Me
    const units = await loadUnits(ctx.db)
    const scope = scopeOf(ctx, me, units)
    const today = localDay(ctx.now, ctx.timeZone)
    const week = period === '本周' || period === 'week'
    const since = week ? periodStart(today, 'week') : today
    const unitIds = subtree(units, scope)
    const expected = await membersOf(ctx.db, unitIds)
    const rows = await ctx.db
      .select({
        memberId: quizAnswers.memberId,
        unitId: quizAnswers.unitId,
        correct: quizAnswers.correct,
        category: questions.category,
      })
      .from(quizAnswers)
      .innerJoin(questions, eq(questions.id, quizAnswers.questionId))
      .where(
        and(inArray(quizAnswers.unitId, unitIds), gte(quizAnswers.day, since), eq(quizAnswers.mode, 'daily')),
      )
    const answered = new Set(rows.map((r) => r.memberId))
    const periodName = ctx.t(week ? 'quizStats.week' : 'quizStats.today')
    const scopeName = units.get(scope)?.name ?? ''
    if (expected.length === 0)
      return { writes: [], replies: [text(ctx.t('quizStats.noMembers', { unit: scopeName }))] }
    const byCategory = new Map<string, { n: number; right: number }>()
    for (const r of rows) {
      const c = byCategory.get(r.category) ?? { n: 0, right: 0 }
      c.n++
      if (r.correct) c.right++
      byCategory.set(r.category, c)
    }
    const categories = [...byCategory].sort((a, b) => a[1].right / a[1].n - b[1].right / b[1].n)
    const sections: Section[] = [
      {
        kind: 'fields',
        fields: [
          { label: ctx.t('quizStats.members'), value: String(expected.length) },
          { label: ctx.t('quizStats.participants'), value: String(answered.size) },
          { label: ctx.t('quizStats.rate'), value: percent(answered.size, expected.length) },
          {
            label: ctx.t('quizStats.accuracy'),
            value: percent(rows.filter((r) => r.correct).length, rows.length),
          },
        ],
      },
    ]
    if (categories.length)
      sections.push(
        {
          kind: 'table',
          columns: ctx.t('quizStats.categoryColumns').split('|'),
          rows: categories.map(([name, c]) => [name, String(c.n), percent(c.right, c.n)]),
        },
        {
          kind: 'chart',
          chart: 'bar',
          title: ctx.t('quizStats.accuracyChart'),
          labels: categories.map(([name]) => name),
          series: [
            {
              name: ctx.t('quizStats.accuracy'),
              data: categories.map(([, c]) => Math.round((c.right / c.n) * 100)),
            },
          ],
        },
      )
    const branches = unitIds.filter((id) => units.get(id)?.kind === 'branch')
    if (branches.length > 1) {
      const memberBranch = new Map<number, number>()
      for (const r of rows) memberBranch.set(r.memberId, r.unitId)
      const expectedBy = await Promise.all(branches.map(async (b) => (await membersOf(ctx.db, [b])).length))
      sections.push({
        kind: 'table',
        columns: ctx.t('quizStats.branchColumns').split('|'),
        rows: branches.map((b, i) => {
          const came = [...memberBranch.values()].filter((u) => u === b).length
          return [
            units.get(b)?.name ?? '',
            String(expectedBy[i]),
            String(came),
            percent(came, expectedBy[i] ?? 0),
          ]
        }),
      })
    } else {
      const missing = expected.filter((m) => !answered.has(m.id))
      sections.push({
        kind: 'markdown',
        text: missing.length
          ? ctx.t('quizStats.notYet', { names: missing.map((m) => escapeMarkdown(m.name)).join('、') })
          : ctx.t('quizStats.everyone'),
      })
    }
    return {
      writes: [],
      replies: [
        card({
          title: ctx.t('quizStats.title', { unit: scopeName, period: periodName }),
          tone: 'info',
          sections,
        }),
      ],
    }
  },
})

/** `错题`: my open 错题本, soonest review first, with the key, the explanation and when each comes back. */
export const mistakesCmd = command({
  id: 'mistakes',
  names: ['错题'],
  aliases: ['mistakes'],
  who: ['member'],
  params: [],
  args: z.object({}).strict(),
  async run(ctx): Promise<Outcome> {
    const me = ctx.me as Me
    const due = await openMistakes(ctx.db, me.id)
    if (due.length === 0) return { writes: [], replies: [text(ctx.t('quizStats.noMistakes'))] }
    const today = localDay(ctx.now, ctx.timeZone)
    const lines = due.slice(0, 10).map((r, i) => {
      const key =
        r.kind === 'judge'
          ? ctx.t(r.answer === 'T' ? 'quiz.true' : 'quiz.false')
          : [...r.answer]
              .map(
                (l) =>
                  `${l}. ${escapeMarkdown((JSON.parse(r.options) as string[])['ABCDEFGH'.indexOf(l)] ?? '')}`,
              )
              .join('；')
      const when = r.dueDay <= today ? ctx.t('quizStats.dueToday') : ctx.t('quizStats.due', { day: r.dueDay })
      return `**${i + 1}.** ${escapeMarkdown(r.stem)}（${r.wrongDay} · ${when}）\n${ctx.t('quizStats.key', { key })}\n${escapeMarkdown(r.explanation)}`
    })
    return {
      writes: [],
      replies: [
        card({
          title: ctx.t('quizStats.mistakesTitle', { count: due.length }),
          tone: 'warning',
          sections: [
            ...lines.map((t) => ({ kind: 'markdown' as const, text: t })),
            { kind: 'markdown', text: ctx.t('quizStats.mistakesHint') },
          ],
        }),
      ],
    }
  },
})
