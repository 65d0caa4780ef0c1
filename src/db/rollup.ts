import { eq, sql } from 'drizzle-orm'
import { shiftDay } from '../domain/dates'
import { NO_ROLLUP, type RollupMark } from './rollup-span'
import {
  rollupActivities,
  rollupPending,
  rollupPointsDays,
  rollupPointsMonths,
  rollupPointsYears,
  rollupProductionDays,
  rollupQuizDays,
  rollupQuizMemberDays,
  rollupQuizMemberMonths,
  rollupQuizMemberYears,
  rollupQuizMonths,
  rollupState,
} from './schema'
import type { Db, Write } from './store'

/**
 * The 汇总 rollup's build, as statements that run in one batch (a better-sqlite3 transaction on Node, one D1
 * batch on Workers): the days to recompute go into rollup_pending, each rollup table drops and recomputes those
 * days (and the months they fall in) from the raw rows, and the watermarks are taken from the raw tables inside the
 * same batch, so the rollup holds exactly the rows up to them. Rebuilding a day gives the same rows, so a build
 * repeated, or interrupted and retried, changes nothing (idempotent).
 */

const PENDING = sql`(SELECT day FROM rollup_pending)`
const PENDING_MONTHS = sql`(SELECT DISTINCT substr(day, 1, 7) FROM rollup_pending)`
/** The pending months' span of days, so the month sums read the day tables by their primary key. */
const PENDING_SPAN = sql`BETWEEN (SELECT min(substr(day, 1, 7)) || '-01' FROM rollup_pending) AND (SELECT max(substr(day, 1, 7)) || '-31' FROM rollup_pending)`
const PENDING_YEARS = sql`(SELECT DISTINCT substr(day, 1, 4) FROM rollup_pending)`
/** The pending years' span of months, so the year sums read the month tables by their primary key. */
const PENDING_YEARS_SPAN = sql`BETWEEN (SELECT min(substr(day, 1, 4)) || '-01' FROM rollup_pending) AND (SELECT max(substr(day, 1, 4)) || '-12' FROM rollup_pending)`
/** Answers are read by unit (the quiz_answers_unit_day index), so the pending days are probed unit by unit. */
const UNITS = sql`(SELECT id FROM org_units)`
const PRESENT = sql`(SELECT count(*) FROM checkins c WHERE c.activity_id = a.id AND c.status IN ('onTime', 'late') AND NOT EXISTS (SELECT 1 FROM checkins n WHERE n.activity_id = c.activity_id AND n.member_id = c.member_id AND n.id > c.id))`

export async function rollupMark(db: Db): Promise<RollupMark> {
  const [row] = await db.select().from(rollupState).where(eq(rollupState.id, 1))
  return row ? { ...row, productionMax: row.productionMax ?? 0 } : NO_ROLLUP
}

/** The finished days after the last build up to `through`, oldest first. */
export function newDays(mark: RollupMark, through: string): string[] {
  const days: string[] = []
  for (let d = shiftDay(mark.through, 1); d <= through; d = shiftDay(d, 1)) days.push(d)
  return days
}

/**
 * Everything one build writes: finished days up to `through` (ending at `throughEndMs`), after the build `mark`
 * describes. The first build (no mark) backfills every day the raw tables hold.
 */
export function rollupWrites(
  db: Db,
  mark: RollupMark,
  through: string,
  throughEndMs: number,
  now: number,
): Write[] {
  const first = mark.through === ''
  const days = first
    ? sql`SELECT day FROM quiz_answers WHERE day <= ${through} UNION SELECT day FROM points_ledger WHERE day <= ${through}
          UNION SELECT day FROM production_current WHERE day <= ${through}`
    : sql`SELECT value AS day FROM json_each(${JSON.stringify(newDays(mark, through))})
          UNION SELECT day FROM quiz_answers WHERE id > ${mark.quizMax} AND day <= ${through}
          UNION SELECT day FROM points_ledger WHERE id > ${mark.pointsMax} AND day <= ${through}
          UNION SELECT day FROM production_figures WHERE id > ${mark.productionMax} AND day <= ${through}`
  const maxOf = (table: string) => sql`(SELECT coalesce(max(id), 0) FROM ${sql.raw(table)})`
  const state = {
    through,
    throughEndMs,
    activityMax: maxOf('activities'),
    checkinMax: maxOf('checkins'),
    quizMax: maxOf('quiz_answers'),
    pointsMax: maxOf('points_ledger'),
    productionMax: maxOf('production_figures'),
    builtAt: now,
  }
  return [
    db.delete(rollupPending),
    db.insert(rollupPending).select(sql`SELECT DISTINCT day FROM (${days})`),

    db.delete(rollupQuizDays).where(sql`day IN ${PENDING}`),
    db
      .insert(rollupQuizDays)
      .select(
        sql`SELECT a.day, a.unit_id, q.category, count(*), sum(a.correct), 0, 0 FROM quiz_answers a JOIN questions q ON q.id = a.question_id WHERE a.unit_id IN ${UNITS} AND a.day IN ${PENDING} AND a.mode = 'daily' GROUP BY a.day, a.unit_id, q.category`,
      ),
    // The running sums of the pending months, recomputed in one pass (a window over each unit, category and month).
    db
      .insert(rollupQuizDays)
      .select(
        sql`SELECT day, unit_id, category, answers, correct, sum(answers) OVER w, sum(correct) OVER w FROM rollup_quiz_days WHERE day ${PENDING_SPAN} AND substr(day, 1, 7) IN ${PENDING_MONTHS} WINDOW w AS (PARTITION BY unit_id, category, substr(day, 1, 7) ORDER BY day)`,
      )
      .onConflictDoUpdate({
        target: [rollupQuizDays.day, rollupQuizDays.unitId, rollupQuizDays.category],
        set: { monthAnswers: sql`excluded.month_answers`, monthCorrect: sql`excluded.month_correct` },
      }),
    db.delete(rollupQuizMonths).where(sql`month IN ${PENDING_MONTHS}`),
    db
      .insert(rollupQuizMonths)
      .select(
        sql`SELECT substr(day, 1, 7), unit_id, category, sum(answers), sum(correct) FROM rollup_quiz_days WHERE day ${PENDING_SPAN} AND substr(day, 1, 7) IN ${PENDING_MONTHS} GROUP BY 1, 2, 3`,
      ),

    db.delete(rollupQuizMemberDays).where(sql`day IN ${PENDING}`),
    db
      .insert(rollupQuizMemberDays)
      .select(
        sql`SELECT DISTINCT day, unit_id, member_id FROM quiz_answers WHERE unit_id IN ${UNITS} AND day IN ${PENDING} AND mode = 'daily'`,
      ),
    db.delete(rollupQuizMemberMonths).where(sql`month IN ${PENDING_MONTHS}`),
    db
      .insert(rollupQuizMemberMonths)
      .select(
        sql`SELECT substr(day, 1, 7), unit_id, member_id, min(day) FROM rollup_quiz_member_days WHERE day ${PENDING_SPAN} AND substr(day, 1, 7) IN ${PENDING_MONTHS} GROUP BY 1, 2, 3`,
      ),
    db.delete(rollupQuizMemberYears).where(sql`year IN ${PENDING_YEARS}`),
    db
      .insert(rollupQuizMemberYears)
      .select(
        sql`SELECT DISTINCT substr(month, 1, 4), unit_id, member_id FROM rollup_quiz_member_months WHERE month ${PENDING_YEARS_SPAN} AND substr(month, 1, 4) IN ${PENDING_YEARS}`,
      ),

    db.delete(rollupPointsDays).where(sql`day IN ${PENDING}`),
    db
      .insert(rollupPointsDays)
      .select(
        sql`SELECT day, member_id, sum(points), 0 FROM points_ledger WHERE day IN ${PENDING} GROUP BY day, member_id`,
      ),
    db
      .insert(rollupPointsDays)
      .select(
        sql`SELECT day, member_id, points, sum(points) OVER (PARTITION BY member_id, substr(day, 1, 7) ORDER BY day) FROM rollup_points_days WHERE day ${PENDING_SPAN} AND substr(day, 1, 7) IN ${PENDING_MONTHS}`,
      )
      .onConflictDoUpdate({
        target: [rollupPointsDays.day, rollupPointsDays.memberId],
        set: { monthPoints: sql`excluded.month_points` },
      }),
    db.delete(rollupPointsMonths).where(sql`month IN ${PENDING_MONTHS}`),
    db
      .insert(rollupPointsMonths)
      .select(
        sql`SELECT substr(day, 1, 7), member_id, sum(points) FROM rollup_points_days WHERE day ${PENDING_SPAN} AND substr(day, 1, 7) IN ${PENDING_MONTHS} GROUP BY 1, 2`,
      ),
    db.delete(rollupPointsYears).where(sql`year IN ${PENDING_YEARS}`),
    db
      .insert(rollupPointsYears)
      .select(
        sql`SELECT substr(month, 1, 4), member_id, sum(points) FROM rollup_points_months WHERE month ${PENDING_YEARS_SPAN} AND substr(month, 1, 4) IN ${PENDING_YEARS} GROUP BY 1, 2`,
      ),

    // production_current is kept exact by the writes; its running month sums are rolled up to `through`.
    db
      .delete(rollupProductionDays)
      .where(sql`day ${PENDING_SPAN} AND substr(day, 1, 7) IN ${PENDING_MONTHS}`),
    db
      .insert(rollupProductionDays)
      .select(
        sql`SELECT unit_id, metric, day, round(sum(value) OVER w, 6), count(*) OVER w FROM production_current WHERE day ${PENDING_SPAN} AND day <= ${through} AND substr(day, 1, 7) IN ${PENDING_MONTHS} WINDOW w AS (PARTITION BY unit_id, metric, substr(day, 1, 7) ORDER BY day)`,
      ),

    // Activities of the new days, ones created since for earlier days, and ones with attendance recorded since.
    db
      .delete(rollupActivities)
      .where(sql`activity_id IN (SELECT activity_id FROM checkins WHERE id > ${mark.checkinMax})`),
    db
      .insert(rollupActivities)
      .select(
        sql`SELECT a.id, a.unit_id, a.type, a.opens_at, ${PRESENT} FROM activities a WHERE a.opens_at < ${throughEndMs} AND (a.opens_at >= ${mark.throughEndMs} OR a.id > ${mark.activityMax} OR a.id IN (SELECT activity_id FROM checkins WHERE id > ${mark.checkinMax}))`,
      ),

    db
      .insert(rollupState)
      .values({ id: 1, ...state })
      .onConflictDoUpdate({ target: rollupState.id, set: state }),
    db.delete(rollupPending),
  ]
}
