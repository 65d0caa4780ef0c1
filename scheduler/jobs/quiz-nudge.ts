import { membersOf } from '../../src/db/activities'
import { answeredOn, setsOn } from '../../src/db/quiz-nudge'
import { loadUnits } from '../../src/db/units'
import { translate } from '../../src/i18n'
import { text } from '../../src/messages'
import { dueDays, slotAt, viewAt } from '../calendar-view'
import type { Job, JobOutput } from '../job'
import { privately } from '../task-reach'

/**
 * At `quiz.nudgeAt` (12:00) each bound member of a branch that got the day's quiz and has not answered any of it
 * gets one private nudge (one slot a day for everyone, key: the day). A personal push: the tick holds it while
 * the member is on shift or resting after a night shift, so a miner up from the night shift reads it at 16:00.
 * `quiz.nudgeAt: null` turns it off.
 */
export const quizNudgeJob: Job = {
  name: 'quiz-nudge',
  async slots({ db, now, timeZone, settings }) {
    const at = settings.quiz.nudgeAt
    if (at === null) return []
    const view = await viewAt(db, now)
    return dueDays(view, now, timeZone)
      .map((day) => slotAt(day, day, at, timeZone, null))
      .filter((s) => s.dueAt <= now)
  },
  async run(ctx, slot): Promise<JobOutput> {
    const day = slot.key
    const sets = await setsOn(ctx.db, day)
    if (sets.length === 0) return { writes: [], messages: [] }
    const answered = await answeredOn(ctx.db, day)
    const units = await loadUnits(ctx.db)
    const messages: JobOutput['messages'] = []
    for (const { unitId, count } of sets) {
      const missing = (await membersOf(ctx.db, [unitId])).filter((m) => !answered.has(m.id))
      const unit = units.get(unitId)?.name ?? ''
      messages.push(
        ...(await privately(
          ctx,
          missing.map((m) => m.id),
          null,
          (locale) => text(translate(locale, 'quizNudge.text', { unit, count })),
        )),
      )
    }
    return { writes: [], messages }
  },
}
