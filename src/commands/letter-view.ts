import type { LetterView } from '../cards/letter'
import { confirmedVersion, type LetterRow, targetsOf } from '../db/letters'
import { letterProgress } from '../db/letters-progress'
import type { Db } from '../db/store'
import { loadUnits } from '../db/units'
import { elapsedPercent, letterPercent } from '../domain/letters'
import type { Settings } from '../domain/settings'
import { localDay, wallTime } from '../domain/time'

export type ViewCtx = { db: Db; now: number; timeZone: string; settings: Settings }

/** Confirmation times read as `MM-DD HH:mm` in the bot's zone. */
export const confirmedAtText = (ms: number | null, timeZone: string) =>
  ms === null ? undefined : wallTime(ms, timeZone, true)

/**
 * What a letter card needs: the current version's targets, the older confirmed version when this one is not
 * confirmed (to ask again), and with `progress` each target against the figures and tasks so far.
 */
export async function letterViews(
  ctx: ViewCtx,
  rows: LetterRow[],
  opts: { progress: boolean; note?: string },
): Promise<LetterView[]> {
  const targets = await targetsOf(
    ctx.db,
    rows.map((r) => r.id),
  )
  const today = localDay(ctx.now, ctx.timeZone)
  const { metrics } = ctx.settings.production
  const progress = opts.progress
    ? await letterProgress(ctx.db, rows, targets, metrics, await loadUnits(ctx.db), today)
    : undefined
  return Promise.all(
    rows.map(async (row) => {
      const mine = progress?.get(row.id) ?? []
      return {
        row,
        targets: targets.get(row.id) ?? [],
        metrics,
        confirmedVersion: row.confirmedAt === null ? await confirmedVersion(ctx.db, row.id) : undefined,
        confirmedAt: confirmedAtText(row.confirmedAt, ctx.timeZone),
        progress: progress
          ? {
              targets: mine,
              percent: letterPercent(mine),
              elapsed: elapsedPercent(row.periodFrom, row.periodTo, today),
            }
          : undefined,
        note: opts.note,
      }
    }),
  )
}
