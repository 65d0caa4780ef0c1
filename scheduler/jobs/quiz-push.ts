import { quizCard } from '../../src/cards/quiz'
import { drawSets, type QuestionRow, questionsByIds } from '../../src/db/quiz'
import { card } from '../../src/messages'
import { dailyAt } from '../calendar'
import { dueDays, slotAt, unitsWithChats, viewAt } from '../calendar-view'
import type { Job, JobOutput } from '../job'

/** When the calendar has no `quiz` row (an admin removed it), the quiz still goes out in the morning. */
const DEFAULT_AT = '08:00'

/**
 * Every morning each bound branch group gets the day's quiz card. One slot a day for all branches: their sets are
 * drawn together (one read of the bank) and written with the pushes in the tick's one transaction.
 */
export const quizPushJob: Job = {
  name: 'quiz-push',
  async slots({ db, now, timeZone }) {
    const view = await viewAt(db, now)
    const at = dailyAt(view.entries, 'quiz') ?? DEFAULT_AT
    return dueDays(view, now, timeZone)
      .map((day) => slotAt(day, day, at, timeZone, null))
      .filter((s) => s.dueAt <= now)
  },
  async run(ctx, slot): Promise<JobOutput> {
    const view = await viewAt(ctx.db, ctx.now)
    const branches = unitsWithChats(view, ['branch'])
    const { sets, writes } = await drawSets(
      ctx.db,
      branches.map((b) => b.id),
      slot.key,
      {
        size: ctx.settings.quiz.dailyQuestions,
        rotationDays: ctx.settings.quiz.rotationDays,
        now: ctx.now,
        settingsVersion: ctx.settings.version,
      },
    )
    const rows = await questionsByIds(ctx.db, [...new Set([...sets.values()].flat())])
    const messages = branches.flatMap((branch) => {
      const ids = sets.get(branch.id) ?? []
      if (ids.length === 0) return []
      const set = {
        unitId: branch.id,
        unitName: branch.name,
        day: slot.key,
        rows: ids.map((id) => rows.get(id)).filter((r): r is QuestionRow => r !== undefined),
      }
      return view.chats
        .filter((c) => c.unitId === branch.id)
        .map((c) => ({
          platform: c.platform,
          to: { kind: 'chat' as const, id: c.chatId },
          locale: ctx.defaultLocale,
          reply: card(quizCard(ctx.defaultLocale, set)),
        }))
    })
    return { writes, messages }
  },
}
