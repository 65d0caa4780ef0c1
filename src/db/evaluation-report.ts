import { sql } from 'drizzle-orm'
import { shiftDay } from '../domain/dates'
import { aggregate } from '../domain/dispatch'
import type { BranchEvaluation } from '../domain/evaluation'
import type { UnitNode } from '../domain/members'
import { subtree } from '../domain/members'
import type { Metric } from '../domain/production-settings'
import { zonedTime } from '../domain/time'
import { evaluationFacts } from './evaluation-facts'
import { perDb } from './prepared'
import { daysFrom } from './production-days'
import { activities, members, productionCurrent, quizAnswers, tasks } from './schema'
import type { Db } from './store'

/** The figures a branch's 双报告 is written from; stored beside the submitted text. */
export type ReportFacts = {
  year: number
  from: string
  to: string
  members: number
  activities: number
  /** Members present (on time or late, as last recorded) summed over the activities. */
  present: number
  quizMembers: number
  answers: number
  correct: number
  tasks: { total: number; onTime: number; overdue: number; fixes: number; fixesDone: number }
  production: { name: string; unit: string; value: number }[]
  evaluation: BranchEvaluation
}

const p = sql.placeholder

const prepared = perDb((db: Db) => ({
  members: db
    .select({ n: sql<number>`count(*)` })
    .from(members)
    .where(sql`${members.active} = 1 AND ${members.branchId} = ${p('branchId')}`)
    .prepare(),
  activities: db
    .select({
      n: sql<number>`count(*)`,
      present: sql<number>`coalesce(sum((SELECT count(*) FROM checkins c WHERE c.activity_id = "activities"."id" AND c.status IN ('onTime', 'late') AND NOT EXISTS (SELECT 1 FROM checkins n WHERE n.activity_id = c.activity_id AND n.member_id = c.member_id AND n.id > c.id))), 0)`,
    })
    .from(activities)
    .where(
      sql`${activities.unitId} = ${p('branchId')} AND ${activities.opensAt} >= ${p('fromMs')} AND ${activities.opensAt} < ${p('toMs')}`,
    )
    .prepare(),
  quiz: db
    .select({
      members: sql<number>`count(DISTINCT ${quizAnswers.memberId})`,
      answers: sql<number>`count(*)`,
      correct: sql<number>`coalesce(sum(${quizAnswers.correct}), 0)`,
    })
    .from(quizAnswers)
    .innerJoin(members, sql`${members.id} = ${quizAnswers.memberId}`)
    .where(
      sql`${members.branchId} = ${p('branchId')} AND ${quizAnswers.day} BETWEEN ${p('from')} AND ${p('to')} AND ${quizAnswers.mode} = 'daily'`,
    )
    .prepare(),
  /** Tasks due in the year, not cancelled; overdue as of `today`. */
  tasks: db
    .select({
      total: sql<number>`count(*)`,
      onTime: sql<number>`coalesce(sum(${tasks.status} = 'confirmed' AND ${tasks.submittedDay} <= ${tasks.dueDay}), 0)`,
      overdue: sql<number>`coalesce(sum(${tasks.status} IN ('open', 'progress') AND ${tasks.dueDay} < ${p('today')}), 0)`,
      fixes: sql<number>`coalesce(sum(${tasks.type} = 'fix'), 0)`,
      fixesDone: sql<number>`coalesce(sum(${tasks.type} = 'fix' AND ${tasks.status} = 'confirmed'), 0)`,
    })
    .from(tasks)
    .where(
      sql`${tasks.branchId} = ${p('branchId')} AND ${tasks.dueDay} BETWEEN ${p('from')} AND ${p('yearEnd')} AND ${tasks.status} <> 'cancelled'`,
    )
    .prepare(),
  /** The figure that counts per team, metric and day: production_current holds it (the highest seq). */
  production: db
    .select({ metric: productionCurrent.metric, day: productionCurrent.day, value: productionCurrent.value })
    .from(productionCurrent)
    .where(
      sql`${productionCurrent.day} IN ${daysFrom(p('from'), p('to'))} AND ${productionCurrent.unitId} IN (SELECT value FROM json_each(${p('units')}))`,
    )
    .prepare(),
}))

/** The year's figures of one branch up to `today` (the whole year once it is over). */
export async function loadReportFacts(
  db: Db,
  branch: UnitNode,
  units: ReadonlyMap<number, UnitNode>,
  year: number,
  today: string,
  timeZone: string,
  metrics: readonly Metric[],
): Promise<ReportFacts> {
  const from = `${year}-01-01`
  const yearEnd = `${year}-12-31`
  const to = today < yearEnd ? today : yearEnd
  const q = prepared(db)
  const branchId = branch.id
  const [[people], [acts], [quiz], [work], figures, evaluations] = await Promise.all([
    q.members.all({ branchId }),
    q.activities.all({
      branchId,
      fromMs: zonedTime(from, '00:00', timeZone),
      toMs: zonedTime(shiftDay(to, 1), '00:00', timeZone),
    }),
    q.quiz.all({ branchId, from, to }),
    q.tasks.all({ branchId, from, yearEnd, today }),
    q.production.all({ units: JSON.stringify(subtree(units, branchId)), from, to }),
    evaluationFacts(db, [branchId], year),
  ])
  const production = metrics.flatMap((m) => {
    if (m.code === 'safeDays') return []
    const value = aggregate(
      m,
      figures.filter((f) => f.metric === m.code),
    )
    return value === undefined ? [] : [{ name: m.name, unit: m.unit, value }]
  })
  return {
    year,
    from,
    to,
    members: Number(people?.n ?? 0),
    activities: Number(acts?.n ?? 0),
    present: Number(acts?.present ?? 0),
    quizMembers: Number(quiz?.members ?? 0),
    answers: Number(quiz?.answers ?? 0),
    correct: Number(quiz?.correct ?? 0),
    tasks: {
      total: Number(work?.total ?? 0),
      onTime: Number(work?.onTime ?? 0),
      overdue: Number(work?.overdue ?? 0),
      fixes: Number(work?.fixes ?? 0),
      fixesDone: Number(work?.fixesDone ?? 0),
    },
    production,
    evaluation: evaluations.get(branchId) as BranchEvaluation,
  }
}
