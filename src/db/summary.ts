import { sql } from 'drizzle-orm'
import { perDb } from './prepared'
import {
  activities,
  members,
  pointsLedger,
  productionFigures,
  questions,
  quizAnswers,
  studyItems,
  studyRecords,
  tasks,
} from './schema'
import type { Db } from './store'

/**
 * The 汇总 card's aggregates: every figure is a GROUP BY in SQLite, never rows counted in memory. Id lists go in
 * as one JSON parameter so each statement stays prepared (and fits D1's bound-parameter limit).
 */
const p = sql.placeholder
const inList = (name: string) => sql`IN (SELECT value FROM json_each(${p(name)}))`

/** Members whose newest attendance record for the activity says present (a correction overrides a check-in). */
const PRESENT = sql<number>`coalesce(sum((SELECT count(*) FROM checkins c WHERE c.activity_id = "activities"."id" AND c.status IN ('onTime', 'late') AND NOT EXISTS (SELECT 1 FROM checkins n WHERE n.activity_id = c.activity_id AND n.member_id = c.member_id AND n.id > c.id))), 0)`

/** The production figure that counts: the newest report (highest seq) of a unit, metric and day. */
const CURRENT_FIGURE = sql`NOT EXISTS (SELECT 1 FROM production_figures n WHERE n.unit_id = "production_figures"."unit_id" AND n.metric = "production_figures"."metric" AND n.day = "production_figures"."day" AND n.seq > "production_figures"."seq")`

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
      unitId: activities.unitId,
      type: activities.type,
      n: sql<number>`count(*)`,
      present: PRESENT,
    })
    .from(activities)
    .where(
      sql`${activities.unitId} ${inList('units')} AND ${activities.opensAt} >= ${p('fromMs')} AND ${activities.opensAt} < ${p('toMs')}`,
    )
    .groupBy(activities.unitId, activities.type)
    .prepare(),
  /** Held activities by month (local time: opens_at shifted by the zone's offset) for the trend line. */
  attendanceByMonth: db
    .select({
      month: sql<string>`strftime('%Y-%m', (${activities.opensAt} + ${p('offsetMs')}) / 1000, 'unixepoch')`,
      unitId: activities.unitId,
      n: sql<number>`count(*)`,
      present: PRESENT,
    })
    .from(activities)
    .where(
      sql`${activities.unitId} ${inList('units')} AND ${activities.opensAt} >= ${p('fromMs')} AND ${activities.opensAt} < ${p('toMs')}`,
    )
    .groupBy(sql`1`, activities.unitId)
    .prepare(),
  quizMembers: db
    .select({ unitId: quizAnswers.unitId, n: sql<number>`count(DISTINCT ${quizAnswers.memberId})` })
    .from(quizAnswers)
    .where(
      sql`${quizAnswers.unitId} ${inList('units')} AND ${quizAnswers.day} BETWEEN ${p('from')} AND ${p('to')} AND ${quizAnswers.mode} = 'daily'`,
    )
    .groupBy(quizAnswers.unitId)
    .prepare(),
  quizByCategory: db
    .select({
      unitId: quizAnswers.unitId,
      category: questions.category,
      n: sql<number>`count(*)`,
      correct: sql<number>`sum(${quizAnswers.correct})`,
    })
    .from(quizAnswers)
    .innerJoin(questions, sql`${questions.id} = ${quizAnswers.questionId}`)
    .where(
      sql`${quizAnswers.unitId} ${inList('units')} AND ${quizAnswers.day} BETWEEN ${p('from')} AND ${p('to')} AND ${quizAnswers.mode} = 'daily'`,
    )
    .groupBy(quizAnswers.unitId, questions.category)
    .prepare(),
  quizByMonth: db
    .select({
      month: sql<string>`substr(${quizAnswers.day}, 1, 7)`,
      n: sql<number>`count(*)`,
      correct: sql<number>`sum(${quizAnswers.correct})`,
    })
    .from(quizAnswers)
    .where(
      sql`${quizAnswers.unitId} ${inList('units')} AND ${quizAnswers.day} BETWEEN ${p('from')} AND ${p('to')} AND ${quizAnswers.mode} = 'daily'`,
    )
    .groupBy(sql`1`)
    .prepare(),
  tasks: db
    .select({
      branchId: tasks.branchId,
      onTime: sql<number>`sum(${DONE} AND ${tasks.submittedDay} <= ${tasks.dueDay})`,
      late: sql<number>`sum(${DONE} AND ${tasks.submittedDay} > ${tasks.dueDay})`,
      overdue: sql<number>`sum(${ACTIVE} AND ${tasks.dueDay} < ${p('today')})`,
      open: sql<number>`sum(${ACTIVE} AND ${tasks.dueDay} >= ${p('today')})`,
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
  production: db
    .select({
      unitId: productionFigures.unitId,
      metric: productionFigures.metric,
      sum: sql<number>`sum(${productionFigures.value})`,
      n: sql<number>`count(*)`,
    })
    .from(productionFigures)
    .where(
      sql`${productionFigures.day} BETWEEN ${p('from')} AND ${p('to')} AND ${productionFigures.unitId} ${inList('units')} AND ${CURRENT_FIGURE}`,
    )
    .groupBy(productionFigures.unitId, productionFigures.metric)
    .prepare(),
  points: db
    .select({ branchId: members.branchId, n: sql<number>`sum(${pointsLedger.points})` })
    .from(pointsLedger)
    .innerJoin(members, sql`${members.id} = ${pointsLedger.memberId}`)
    .where(
      sql`${pointsLedger.day} BETWEEN ${p('from')} AND ${p('to')} AND ${members.branchId} ${inList('branches')}`,
    )
    .groupBy(members.branchId)
    .prepare(),
  topMembers: db
    .select({
      memberId: pointsLedger.memberId,
      name: members.name,
      branchId: members.branchId,
      n: sql<number>`sum(${pointsLedger.points})`,
    })
    .from(pointsLedger)
    .innerJoin(members, sql`${members.id} = ${pointsLedger.memberId}`)
    .where(
      sql`${pointsLedger.day} BETWEEN ${p('from')} AND ${p('to')} AND ${members.branchId} ${inList('branches')}`,
    )
    .groupBy(pointsLedger.memberId)
    .orderBy(sql`4 DESC`, pointsLedger.memberId)
    .limit(p('limit'))
    .prepare(),
  /** Study items published in the span, by the unit they went to (a committee's reach every branch below). */
  studyItems: db
    .select({ unitId: studyItems.unitId, n: sql<number>`count(*)` })
    .from(studyItems)
    .where(sql`${studyItems.publishedAt} >= ${p('fromMs')} AND ${studyItems.publishedAt} < ${p('toMs')}`)
    .groupBy(studyItems.unitId)
    .prepare(),
  studyDone: db
    .select({ branchId: members.branchId, n: sql<number>`count(*)` })
    .from(studyRecords)
    .innerJoin(studyItems, sql`${studyItems.id} = ${studyRecords.itemId}`)
    .innerJoin(members, sql`${members.id} = ${studyRecords.memberId}`)
    .where(
      sql`${studyItems.publishedAt} >= ${p('fromMs')} AND ${studyItems.publishedAt} < ${p('toMs')} AND ${members.branchId} ${inList('branches')}`,
    )
    .groupBy(members.branchId)
    .prepare(),
}))
