import { missingReminders, REMIND_JOB, remindSlot } from '../../src/commands/checkin-remind'
import { activitiesClosingBetween, activityById } from '../../src/db/activities'
import { loadAttendance } from '../../src/db/attendance'
import { timing } from '../../src/domain/checkin'
import type { Job, JobOutput } from '../job'

const DAY_MS = 24 * 3_600_000
/** A window this short has just been announced; a reminder inside it would only repeat the announcement. */
const MIN_WINDOW_EXTRA_MS = 5 * 60_000

/**
 * `nudgeMinutes` before a check-in window closes, each member still missing gets one private reminder. The
 * card's remind button writes the same job-run key, so whichever comes first is the only one.
 */
export const checkinRemindJob: Job = {
  name: REMIND_JOB,
  async slots({ db, now, settings }) {
    const lead = settings.checkin.nudgeMinutes * 60_000
    const rows = await activitiesClosingBetween(db, 'closesAt', now - DAY_MS, now + lead)
    return rows
      .filter((a) => a.closesAt - a.opensAt >= lead + MIN_WINDOW_EXTRA_MS && a.closesAt - lead <= now)
      .map((a) => ({ key: remindSlot(a.id), dueAt: a.closesAt - lead }))
  },
  async run(ctx, slot): Promise<JobOutput> {
    const activity = await activityById(ctx.db, Number(slot.key.split(':')[1]))
    const when = activity ? timing(activity, ctx.now) : 'closed'
    if (!activity || (when !== 'onTime' && when !== 'late')) return { writes: [], messages: [] }
    const facts = await loadAttendance(ctx.db, activity)
    const { messages } = await missingReminders(ctx.db, facts, ctx.now, ctx.timeZone, ctx.defaultLocale)
    return { writes: [], messages }
  },
}
