import { sql } from 'drizzle-orm'
import { perDb } from './prepared'
import { daysFrom } from './production-days'
import { members, studyItems, tasks } from './schema'
import type { Db } from './store'

/**
 * The 汇总 card's aggregates: every figure is a GROUP BY in SQLite, never rows counted in memory. Id lists go in
 * as one JSON parameter so each statement stays prepared (and fits D1's bound-parameter limit).
 */
const p = sql.placeholder
const inList = (name: string) => sql`IN (SELECT value FROM json_each(${p(name)}))`

/**
 * The card reads the rollup (src/db/rollup.ts) where it holds a span and the raw rows where it does not: days after
 * its `through`, and rows above its watermarks (a correction, an answer or a point written for a past day since the
 * build). The arms of each UNION ALL are disjoint, so the sums equal the raw computation. Parameters come from
 * rollupParams (summary-facts.ts); the `+` before a column keeps SQLite on the rowid range of the watermark arms.
 */

/** Members whose newest attendance record for the activity says present (a correction overrides a check-in). */
const PRESENT = sql`(SELECT count(*) FROM checkins c WHERE c.activity_id = a.id AND c.status IN ('onTime', 'late') AND NOT EXISTS (SELECT 1 FROM checkins n WHERE n.activity_id = c.activity_id AND n.member_id = c.member_id AND n.id > c.id))`

/** Activities of the units opening in [fromMs, toMs): unit_id, type, present, opens_at. */
const ACTIVITY_ROWS = sql`(
  SELECT unit_id, type, present, opens_at FROM rollup_activities WHERE unit_id ${inList('units')} AND opens_at >= ${p('fromMs')} AND opens_at < ${p('toMs')} AND opens_at < ${p('throughEndMs')} AND activity_id NOT IN (SELECT activity_id FROM checkins WHERE id > ${p('checkinMax')})
  UNION ALL SELECT a.unit_id, a.type, ${PRESENT}, a.opens_at FROM activities a WHERE a.unit_id ${inList('units')} AND a.opens_at >= ${p('liveFromMs')} AND a.opens_at < ${p('toMs')}
  UNION ALL SELECT a.unit_id, a.type, ${PRESENT}, a.opens_at FROM activities a WHERE ${p('fromMs')} < ${p('throughEndMs')} AND a.id IN (SELECT id FROM activities WHERE id > ${p('activityMax')} UNION ALL SELECT activity_id FROM checkins WHERE id > ${p('checkinMax')}) AND +a.opens_at < ${p('throughEndMs')} AND +a.opens_at >= ${p('fromMs')} AND +a.opens_at < ${p('toMs')} AND +a.unit_id ${inList('units')}
) AS x`

/** Daily quiz answers of the units by unit, month and category: unit_id, month, category, n, correct. */
const QUIZ_ROWS = sql`(
  SELECT unit_id, month, category, answers AS n, correct FROM rollup_quiz_months WHERE unit_id ${inList('units')} AND month BETWEEN ${p('mFrom')} AND ${p('mTo')}
  UNION ALL SELECT unit_id, substr(day, 1, 7), category, answers, correct FROM rollup_quiz_days WHERE unit_id ${inList('units')} AND day BETWEEN ${p('hFrom')} AND ${p('hTo')}
  UNION ALL SELECT * FROM (SELECT m.unit_id, m.month, m.category, (SELECT e.month_answers FROM rollup_quiz_days e WHERE e.unit_id = m.unit_id AND e.category = m.category AND e.day BETWEEN ${p('tFrom')} AND ${p('tTo')} ORDER BY e.day DESC LIMIT 1) AS n, (SELECT e.month_correct FROM rollup_quiz_days e WHERE e.unit_id = m.unit_id AND e.category = m.category AND e.day BETWEEN ${p('tFrom')} AND ${p('tTo')} ORDER BY e.day DESC LIMIT 1) AS correct FROM rollup_quiz_months m WHERE m.unit_id ${inList('units')} AND m.month = ${p('tMonth')}) WHERE n IS NOT NULL
  UNION ALL SELECT a.unit_id, substr(a.day, 1, 7), q.category, count(*), sum(a.correct) FROM quiz_answers a JOIN questions q ON q.id = a.question_id WHERE a.unit_id ${inList('units')} AND a.day BETWEEN ${p('liveFrom')} AND ${p('to')} AND a.mode = 'daily' GROUP BY 1, 2, 3
  UNION ALL SELECT a.unit_id, substr(a.day, 1, 7), q.category, count(*), sum(a.correct) FROM quiz_answers a JOIN questions q ON q.id = a.question_id WHERE ${p('from')} <= ${p('rolledTo')} AND a.id > ${p('quizMax')} AND +a.day BETWEEN ${p('from')} AND ${p('rolledTo')} AND +a.unit_id ${inList('units')} AND a.mode = 'daily' GROUP BY 1, 2, 3
) AS x`

/** Who answered a daily quiz, by unit (a member once per year, month, day or raw row: the outer count is DISTINCT). */
const QUIZ_MEMBER_ROWS = sql`(
  SELECT unit_id, member_id FROM rollup_quiz_member_years WHERE ${p('yFrom')} <= ${p('yTo')} AND unit_id ${inList('units')} AND year BETWEEN ${p('yFrom')} AND ${p('yTo')}
  UNION ALL SELECT unit_id, member_id FROM rollup_quiz_member_months WHERE ${p('mAfterYears')} <= ${p('mTo')} AND unit_id ${inList('units')} AND month BETWEEN ${p('mAfterYears')} AND ${p('mTo')}
  UNION ALL SELECT unit_id, member_id FROM rollup_quiz_member_days WHERE ${p('hFrom')} <= ${p('hTo')} AND unit_id ${inList('units')} AND day BETWEEN ${p('hFrom')} AND ${p('hTo')}
  UNION ALL SELECT unit_id, member_id FROM rollup_quiz_member_months WHERE ${p('tFrom')} <= ${p('tTo')} AND unit_id ${inList('units')} AND month = ${p('tMonth')} AND first_day <= ${p('tTo')}
  UNION ALL SELECT unit_id, member_id FROM quiz_answers WHERE unit_id ${inList('units')} AND day BETWEEN ${p('liveFrom')} AND ${p('to')} AND mode = 'daily'
  UNION ALL SELECT unit_id, member_id FROM quiz_answers WHERE ${p('from')} <= ${p('rolledTo')} AND id > ${p('quizMax')} AND +day BETWEEN ${p('from')} AND ${p('rolledTo')} AND +unit_id ${inList('units')} AND mode = 'daily'
) AS x`

/**
 * Points of the members now in the branches: branch_id, member_id, points (a member counts under today's branch).
 * An arm whose part of the span is empty is left out before it visits a member (the constant first condition).
 * A member with no points in the running-sum stretch has a NULL row there (sum() skips it; top members drop the
 * members whose sum is NULL): filtering it in the arm evaluated the lookup twice per member.
 */
const POINTS_ROWS = sql`(
  SELECT m.branch_id, r.member_id, r.points FROM members m JOIN rollup_points_years r ON r.member_id = m.id WHERE ${p('yFrom')} <= ${p('yTo')} AND m.branch_id ${inList('branches')} AND r.year BETWEEN ${p('yFrom')} AND ${p('yTo')}
  UNION ALL SELECT m.branch_id, r.member_id, r.points FROM members m JOIN rollup_points_months r ON r.member_id = m.id WHERE ${p('mAfterYears')} <= ${p('mTo')} AND m.branch_id ${inList('branches')} AND r.month BETWEEN ${p('mAfterYears')} AND ${p('mTo')}
  UNION ALL SELECT m.branch_id, r.member_id, r.points FROM members m JOIN rollup_points_days r ON r.member_id = m.id WHERE ${p('hFrom')} <= ${p('hTo')} AND m.branch_id ${inList('branches')} AND r.day BETWEEN ${p('hFrom')} AND ${p('hTo')}
  UNION ALL SELECT m.branch_id, m.id, (SELECT e.month_points FROM rollup_points_days e WHERE e.member_id = m.id AND e.day BETWEEN ${p('tFrom')} AND ${p('tTo')} ORDER BY e.day DESC LIMIT 1) FROM members m WHERE ${p('tFrom')} <= ${p('tTo')} AND m.branch_id ${inList('branches')}
  UNION ALL SELECT m.branch_id, l.member_id, l.points FROM members m JOIN points_ledger l ON l.member_id = m.id WHERE ${p('liveFrom')} <= ${p('to')} AND m.branch_id ${inList('branches')} AND l.day BETWEEN ${p('liveFrom')} AND ${p('to')}
  UNION ALL SELECT m.branch_id, l.member_id, l.points FROM points_ledger l CROSS JOIN members m ON m.id = l.member_id WHERE ${p('from')} <= ${p('rolledTo')} AND l.id > ${p('pointsMax')} AND +l.day BETWEEN ${p('from')} AND ${p('rolledTo')} AND m.branch_id ${inList('branches')}
) AS x`

/** The teams' months of production_months in the span, and the three ways of reading one (see `production`). */
const TEAM_METRICS = sql`m.unit_id ${inList('units')} AND m.metric IN (SELECT value FROM json_each(${p('metrics')}))`
const PRODUCTION_MONTHS = sql`${TEAM_METRICS} AND m.month BETWEEN substr(${p('from')}, 1, 7) AND substr(${p('to')}, 1, 7)`
/** Only the span's first and last months can be partial; only its last can end before its newest figure. */
const EDGE_MONTHS = sql`${TEAM_METRICS} AND m.month IN (substr(${p('from')}, 1, 7), substr(${p('to')}, 1, 7))`
const LAST_MONTH = sql`${TEAM_METRICS} AND m.month = substr(${p('to')}, 1, 7)`
/** A span from a day after its month's first: that month is read for every team at once, by day (the table's key). */
const FROM_MID_MONTH = sql`substr(${p('from')}, 9) <> '01'`
const WHOLE_MONTH = sql`(m.month || '-01' >= ${p('from')} AND m.last_day <= ${p('to')})`
const RUNNING_MONTH = sql`(m.month || '-01' >= ${p('from')} AND m.last_day > ${p('to')} AND ${p('to')} <= ${p('through')} AND (m.unit_id, m.metric) NOT IN (SELECT unit_id, metric FROM production_figures WHERE id > ${p('productionMax')} AND +day BETWEEN substr(${p('to')}, 1, 7) || '-01' AND ${p('to')}))`

const DONE = sql`${tasks.status} IN ('submitted', 'confirmed')`
const ACTIVE = sql`${tasks.status} IN ('open', 'progress')`

export const summaryQueries = perDb((db: Db) => ({
  /** Active members by branch and party group. */
  members: db
    .select({ branchId: members.branchId, groupId: members.groupId, n: sql<number>`count(*)` })
    .from(members)
    .where(sql`${members.active} = 1 AND ${members.branchId} ${inList('branches')}`)
    .groupBy(members.branchId, members.groupId)
    .prepare(),
  attendance: db
    .select({
      unitId: sql<number>`unit_id`,
      type: sql<string>`type`,
      n: sql<number>`count(*)`,
      present: sql<number>`coalesce(sum(present), 0)`,
    })
    .from(ACTIVITY_ROWS)
    .groupBy(sql`unit_id, type`)
    .prepare(),
  /** Held activities by month (local time: opens_at shifted by the zone's offset) for the trend line. */
  attendanceByMonth: db
    .select({
      month: sql<string>`strftime('%Y-%m', (opens_at + ${p('offsetMs')}) / 1000, 'unixepoch')`,
      unitId: sql<number>`unit_id`,
      n: sql<number>`count(*)`,
      present: sql<number>`coalesce(sum(present), 0)`,
    })
    .from(ACTIVITY_ROWS)
    .groupBy(sql`1, unit_id`)
    .prepare(),
  quizMembers: db
    .select({ unitId: sql<number>`unit_id`, n: sql<number>`count(DISTINCT member_id)` })
    .from(QUIZ_MEMBER_ROWS)
    .groupBy(sql`unit_id`)
    .prepare(),
  quizByCategory: db
    .select({
      unitId: sql<number>`unit_id`,
      category: sql<string>`category`,
      n: sql<number>`sum(n)`,
      correct: sql<number>`sum(correct)`,
    })
    .from(QUIZ_ROWS)
    .groupBy(sql`unit_id, category`)
    .prepare(),
  quizByMonth: db
    .select({ month: sql<string>`month`, n: sql<number>`sum(n)`, correct: sql<number>`sum(correct)` })
    .from(QUIZ_ROWS)
    .groupBy(sql`month`)
    .prepare(),
  tasks: db
    .select({
      branchId: tasks.branchId,
      // Counts with FILTER, the cheap comparison first: sums of 0/1 expressions cost the year card twice the scan.
      onTime: sql<number>`count(*) FILTER (WHERE ${tasks.submittedDay} <= ${tasks.dueDay} AND ${DONE})`,
      late: sql<number>`count(*) FILTER (WHERE ${tasks.submittedDay} > ${tasks.dueDay} AND ${DONE})`,
      overdue: sql<number>`count(*) FILTER (WHERE ${tasks.dueDay} < ${p('today')} AND ${ACTIVE})`,
      open: sql<number>`count(*) FILTER (WHERE ${tasks.dueDay} >= ${p('today')} AND ${ACTIVE})`,
    })
    .from(tasks)
    .where(
      sql`${tasks.branchId} ${inList('branches')} AND ${tasks.dueDay} BETWEEN ${p('from')} AND ${p('to')} AND ${tasks.status} <> 'cancelled'`,
    )
    .groupBy(tasks.branchId)
    .prepare(),
  /** 目标 tasks running in the span: progress is the metric against its target, else the reported percent. */
  targets: db
    .select({
      branchId: tasks.branchId,
      n: sql<number>`count(*)`,
      progress: sql<number>`sum(CASE WHEN ${tasks.metricTarget} > 0 AND ${tasks.metricCurrent} IS NOT NULL THEN min(100.0, 100.0 * ${tasks.metricCurrent} / ${tasks.metricTarget}) ELSE ${tasks.percent} END)`,
    })
    .from(tasks)
    .where(
      sql`${tasks.branchId} ${inList('branches')} AND ${tasks.type} = 'target' AND ${tasks.status} <> 'cancelled' AND ${tasks.dueDay} >= ${p('from')} AND ${tasks.createdAt} < ${p('toMs')}`,
    )
    .groupBy(tasks.branchId)
    .prepare(),
  /** 整改 items not closed, as of today. */
  openFixes: db
    .select({ branchId: tasks.branchId, n: sql<number>`count(*)` })
    .from(tasks)
    .where(
      sql`${tasks.branchId} ${inList('branches')} AND ${tasks.type} = 'fix' AND ${tasks.status} NOT IN ('confirmed', 'cancelled')`,
    )
    .groupBy(tasks.branchId)
    .prepare(),
  /**
   * Current figures (production_current) by team and metric (the summed ones: `metrics`), month by month of the span:
   * - a month whose first day is in the span and whose newest figure is by the span's end, from production_months
   *   (a whole month, and the month up to today: figures are never for a future day);
   * - a month from its first day to a day before its newest figure (the stretch of last month compared with), from
   *   the running sums of the rollup (rollup_production_days) on the last day by then, when that day is rolled up
   *   and no figure of the team and metric in the stretch was written since the build;
   * - any other month of the span, day by day: the first month of a span from a day after its first (本周) for
   *   every team at once, a seek a day and team; another month per team, a seek a day.
   */
  production: db
    .select({
      unitId: sql<number>`r.unit_id`,
      metric: sql<string>`r.metric`,
      sum: sql<number>`sum(r.total)`,
      n: sql<number>`sum(r.n)`,
    })
    .from(
      sql`(SELECT unit_id, metric, total, n FROM production_months m WHERE ${PRODUCTION_MONTHS} AND ${WHOLE_MONTH}
        UNION ALL SELECT e.unit_id, e.metric, e.month_total, e.month_n FROM production_months m JOIN rollup_production_days e ON e.unit_id = m.unit_id AND e.metric = m.metric AND e.day = (SELECT max(x.day) FROM rollup_production_days x WHERE x.unit_id = m.unit_id AND x.metric = m.metric AND x.day BETWEEN m.month || '-01' AND ${p('to')}) WHERE ${LAST_MONTH} AND ${RUNNING_MONTH}
        UNION ALL SELECT d.unit_id, d.metric, d.value, 1 FROM production_current d WHERE ${FROM_MID_MONTH} AND d.day IN ${daysFrom(p('from'), sql`min(${p('to')}, substr(${p('from')}, 1, 7) || '-31')`)} AND d.unit_id ${inList('units')} AND d.metric IN (SELECT value FROM json_each(${p('metrics')}))
        UNION ALL SELECT d.unit_id, d.metric, d.value, 1 FROM production_months m JOIN production_current d ON d.day IN ${daysFrom(sql`max(${p('from')}, m.month || '-01')`, sql`min(${p('to')}, m.month || '-31')`)} AND d.unit_id = m.unit_id AND d.metric = m.metric WHERE ${EDGE_MONTHS} AND NOT ${WHOLE_MONTH} AND NOT ${RUNNING_MONTH} AND NOT (m.month = substr(${p('from')}, 1, 7) AND ${FROM_MID_MONTH})) AS r`,
    )
    .groupBy(sql`r.unit_id, r.metric`)
    .prepare(),
  points: db
    .select({ branchId: sql<number>`branch_id`, n: sql<number>`sum(points)` })
    .from(POINTS_ROWS)
    .groupBy(sql`branch_id`)
    .prepare(),
  /** Each member's sum first, then the names of the few on top (not a name looked up for every member). */
  topMembers: db
    .select({
      memberId: sql<number>`t.member_id`,
      name: members.name,
      branchId: sql<number>`t.branch_id`,
      n: sql<number>`t.n`,
    })
    .from(
      sql`(SELECT member_id, branch_id, sum(points) AS n FROM ${POINTS_ROWS} GROUP BY member_id HAVING n IS NOT NULL ORDER BY n DESC, member_id LIMIT ${p('limit')}) AS t`,
    )
    .innerJoin(members, sql`${members.id} = t.member_id`)
    .orderBy(sql`t.n DESC`, sql`t.member_id`)
    .prepare(),
  /** Study items published in the span, by the unit they went to (a committee's reach every branch below). */
  studyItems: db
    .select({ unitId: studyItems.unitId, n: sql<number>`count(*)` })
    .from(studyItems)
    .where(sql`${studyItems.publishedAt} >= ${p('fromMs')} AND ${studyItems.publishedAt} < ${p('toMs')}`)
    .groupBy(studyItems.unitId)
    .prepare(),
  /**
   * 已学 records of the items published in the span, by the member's branch: member by member through the records'
   * member index (the items of the span are few and found once), never every member for every item.
   */
  studyDone: db
    .select({ branchId: sql<number>`m.branch_id`, n: sql<number>`count(*)` })
    .from(sql`members m CROSS JOIN study_records r ON r.member_id = m.id`)
    .where(
      sql`m.branch_id ${inList('branches')} AND r.item_id IN (SELECT id FROM study_items WHERE published_at >= ${p('fromMs')} AND published_at < ${p('toMs')})`,
    )
    .groupBy(sql`m.branch_id`)
    .prepare(),
}))
