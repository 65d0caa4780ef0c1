import { rollupMark, rollupWrites } from '../../src/db/rollup'
import { shiftDay } from '../../src/domain/dates'
import { localDay, previousDay, zonedTime } from '../../src/domain/time'
import type { Job, JobOutput } from '../job'

/**
 * Once per local day, the 汇总 rollup takes in the days that have finished (yesterday, and every day a stopped
 * scheduler missed; on a database that never had one, every day there is: the backfill) and the rows written since
 * the last build for earlier days. The slot is due at the tick that first sees the day, never late, so a scheduler
 * that was down catches up when it comes back instead of skipping the day.
 *
 * Why a job and not upserts beside each write: attendance counts a member's newest record (a correction turns a
 * present member absent), so a per-write delta would need the previous record read first, and points, answers and
 * attendance are written by many commands that would all have to carry it. The card instead reads the
 * rollup up to its watermarks and the raw rows above them, which keeps it exact between builds.
 */
export const summaryRollupJob: Job = {
  name: 'summary-rollup',
  slots({ now, timeZone }) {
    return [{ key: `rollup@${localDay(now, timeZone)}`, dueAt: now }]
  },
  async run(ctx, slot): Promise<JobOutput> {
    const today = slot.key.slice('rollup@'.length)
    const mark = await rollupMark(ctx.db)
    // A clock set back never shrinks the rollup: the days it already holds stay rebuilt to the same end.
    const through = [previousDay(today), mark.through].sort()[1] as string
    const throughEndMs = zonedTime(shiftDay(through, 1), '00:00', ctx.timeZone)
    return { writes: rollupWrites(ctx.db, mark, through, throughEndMs, ctx.now), messages: [] }
  },
}
