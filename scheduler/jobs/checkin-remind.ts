import { and, eq } from 'drizzle-orm'
import { missingReminders, REMIND_JOB, remindSlot } from '../../src/commands/checkin-remind'
import {
  activitiesClosingBetween,
  activityById,
  windowsClosingBetween,
  windowsOf,
  withWindows,
} from '../../src/db/activities'
import { type ActivityAttendance, loadAttendance } from '../../src/db/attendance'
import { jobRuns } from '../../src/db/schema'
import { rostersOf } from '../../src/db/shifts'
import { timing, type Window } from '../../src/domain/checkin'
import { shiftCodeOn } from '../../src/domain/shifts'
import { localDay } from '../../src/domain/time'
import { remindedInWindow } from '../../src/domain/window-reminders'
import type { Job, JobCtx, JobOutput } from '../job'

const DAY_MS = 24 * 3_600_000
/** A window this short has just been announced; a reminder inside it would only repeat the announcement. */
const MIN_WINDOW_EXTRA_MS = 5 * 60_000

/** An activity held after each shift is reminded per window: `activity:<id>:<shift>`. */
const windowSlot = (activityId: number, shift: string) => `${remindSlot(activityId)}:${shift}`

const worthReminding = (w: Window, lead: number, now: number) =>
  w.closesAt - w.opensAt >= lead + MIN_WINDOW_EXTRA_MS && w.closesAt - lead <= now

/**
 * `nudgeMinutes` before a check-in window closes, each member still missing gets one private reminder. The
 * card's remind button writes the same job-run key, so whichever comes first is the only one. An activity held
 * after each shift (发起签到 … 班次 夜) is reminded before each window closes, each member against the window meant
 * for their shift (domain/window-reminders.ts); the tick holds the pushes over shifts and rest like any other.
 */
export const checkinRemindJob: Job = {
  name: REMIND_JOB,
  async slots({ db, now, settings }) {
    const lead = settings.checkin.nudgeMinutes * 60_000
    const rows = await activitiesClosingBetween(db, 'closesAt', now - DAY_MS, now + lead)
    const windowed = await withWindows(
      db,
      rows.map((a) => a.id),
    )
    const plain = rows
      .filter((a) => !windowed.has(a.id) && worthReminding(a, lead, now))
      .map((a) => ({ key: remindSlot(a.id), dueAt: a.closesAt - lead }))
    const windows = (await windowsClosingBetween(db, now - DAY_MS, now + lead))
      .filter((w) => worthReminding(w, lead, now))
      .map((w) => ({ key: windowSlot(w.activityId, w.shift), dueAt: w.closesAt - lead }))
    return [...plain, ...windows]
  },
  async run(ctx, slot): Promise<JobOutput> {
    const [, id, shift] = slot.key.split(':')
    const activity = await activityById(ctx.db, Number(id))
    if (!activity) return { writes: [], messages: [] }
    if (shift !== undefined) return remindWindow(ctx, activity, shift)
    const when = timing(activity, ctx.now)
    if (when !== 'onTime' && when !== 'late') return { writes: [], messages: [] }
    const facts = await loadAttendance(ctx.db, activity)
    const { messages } = await missingReminders(ctx.db, facts, ctx.now, ctx.timeZone, ctx.defaultLocale)
    return { writes: [], messages }
  },
}

/** One window's reminder: only the missing members whose window it is, and its own close in the text. */
async function remindWindow(
  ctx: JobCtx,
  activity: ActivityAttendance['activity'],
  shift: string,
): Promise<JobOutput> {
  const windows = await windowsOf(ctx.db, activity.id)
  const window = windows.find((w) => w.shift === shift)
  const when = window ? timing(window, ctx.now) : 'closed'
  if (!window || (when !== 'onTime' && when !== 'late')) return { writes: [], messages: [] }
  // The card's button reminds every missing member at once; after it, a window's reminder would repeat it.
  const [pressed] = await ctx.db
    .select({ ranAt: jobRuns.ranAt })
    .from(jobRuns)
    .where(and(eq(jobRuns.job, REMIND_JOB), eq(jobRuns.slot, remindSlot(activity.id))))
  if (pressed) return { writes: [], messages: [] }
  const facts = await loadAttendance(ctx.db, activity)
  // The shifts of the day the activity opened, as a check-in reads them (commands/checkin.ts windowOfMember).
  const day = localDay(activity.opensAt, ctx.timeZone)
  const missing = facts.attendance.missing
  const rosters = await rostersOf(
    ctx.db,
    missing.map((p) => p.id),
    day,
    day,
  )
  const mine = missing.filter((p) => {
    const roster = rosters.get(p.id)
    return remindedInWindow(windows, window, roster ? shiftCodeOn(roster, day) : undefined)
  })
  const scoped: ActivityAttendance = {
    ...facts,
    activity: { ...activity, ...window },
    attendance: { ...facts.attendance, missing: mine },
  }
  const { messages } = await missingReminders(ctx.db, scoped, ctx.now, ctx.timeZone, ctx.defaultLocale)
  return { writes: [], messages }
}
