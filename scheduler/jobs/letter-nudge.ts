import { letterCard } from '../../src/cards/letter'
import { letterViews } from '../../src/commands/letter-view'
import { LETTER_NUDGE_JOB, letterById, nudgeSlot, unconfirmedLetters } from '../../src/db/letters'
import { shiftDay } from '../../src/domain/dates'
import { localDay } from '../../src/domain/time'
import { translate } from '../../src/i18n'
import { card } from '../../src/messages'
import { dataOf, slotAt } from '../calendar-view'
import type { Job, JobOutput } from '../job'
import { privately } from '../task-reach'

/** The nudge goes out at this local time, so a letter imported at night does not wake its signer. */
const NUDGE_AT = '09:00'

type Data = { id: number; version: number }

/**
 * 目标责任书 not confirmed: `letters.nudgeAfterDays` days after a version came, at 09:00, its signer gets the card
 * again with a line saying so; once per version (keyed `<letter>:v<version>`), so a changed letter is nudged anew.
 */
export const letterNudgeJob: Job = {
  name: LETTER_NUDGE_JOB,
  async slots({ db, now, timeZone, settings }) {
    const after = settings.letters.nudgeAfterDays
    return (await unconfirmedLetters(db))
      .map((l) =>
        slotAt<Data>(
          nudgeSlot(l.id, l.version),
          shiftDay(localDay(l.versionAt, timeZone), after),
          NUDGE_AT,
          timeZone,
          { id: l.id, version: l.version },
        ),
      )
      .filter((s) => s.dueAt <= now)
  },
  async run(ctx, slot): Promise<JobOutput> {
    const { id, version } = dataOf<Data>(slot)
    const row = await letterById(ctx.db, id)
    // Confirmed or changed since the slot was listed: nothing to say.
    if (!row || row.version !== version || row.confirmedAt !== null) return { writes: [], messages: [] }
    const days = ctx.settings.letters.nudgeAfterDays
    const [view] = await letterViews(ctx, [row], { progress: false })
    if (!view) return { writes: [], messages: [] }
    return {
      writes: [],
      messages: await privately(ctx, [row.signerId], null, (locale) =>
        card(letterCard(locale, { ...view, note: translate(locale, 'letters.nudge', { days }) })),
      ),
    }
  },
}
