import { sql } from 'drizzle-orm'
import { perDb } from './prepared'
import { activities, members, productionFigures, quizAnswers, tasks } from './schema'
import type { Db } from './store'

/** The Party-building half of the 调度 card, per branch over a period. */
export type PartyFigures = {
  branchId: number
  members: number
  activities: number
  /** Members present (on time or late, as last recorded) summed over the activities. */
  present: number
  /** Members who answered a daily quiz at least once. */
  quizMembers: number
}

const inList = (name: string) => sql`IN (SELECT value FROM json_each(${sql.placeholder(name)}))`

const prepared = perDb((db: Db) => {
  const p = sql.placeholder
  return {
    members: db
      .select({ branchId: members.branchId, n: sql<number>`count(*)` })
      .from(members)
      .where(sql`${members.active} = 1 AND ${members.branchId} ${inList('branches')}`)
      .groupBy(members.branchId)
      .prepare(),
    activities: db
      .select({
        branchId: activities.unitId,
        n: sql<number>`count(*)`,
        present: sql<number>`coalesce(sum((SELECT count(*) FROM checkins c WHERE c.activity_id = "activities"."id" AND c.status IN ('onTime', 'late') AND NOT EXISTS (SELECT 1 FROM checkins n WHERE n.activity_id = c.activity_id AND n.member_id = c.member_id AND n.id > c.id))), 0)`,
      })
      .from(activities)
      .where(
        sql`${activities.unitId} ${inList('branches')} AND ${activities.opensAt} >= ${p('fromMs')} AND ${activities.opensAt} < ${p('toMs')}`,
      )
      .groupBy(activities.unitId)
      .prepare(),
    quiz: db
      .select({ branchId: members.branchId, n: sql<number>`count(DISTINCT ${quizAnswers.memberId})` })
      .from(quizAnswers)
      .innerJoin(members, sql`${members.id} = ${quizAnswers.memberId}`)
      .where(
        sql`${members.branchId} ${inList('branches')} AND ${quizAnswers.day} BETWEEN ${p('from')} AND ${p('to')} AND ${quizAnswers.mode} = 'daily'`,
      )
      .groupBy(members.branchId)
      .prepare(),
    /** 整改 not yet confirmed or cancelled (overdue: still open or in progress past the due day); 先锋岗 open and done. */
    taskKinds: db
      .select({
        branchId: tasks.branchId,
        fixOpen: sql<number>`sum(${tasks.type} = 'fix' AND ${tasks.status} IN ('open', 'progress', 'submitted'))`,
        fixOverdue: sql<number>`sum(${tasks.type} = 'fix' AND ${tasks.status} IN ('open', 'progress') AND ${tasks.dueDay} < ${p('today')})`,
        pioneerOpen: sql<number>`sum(${tasks.type} = 'pioneer' AND ${tasks.status} IN ('open', 'progress', 'submitted'))`,
        pioneerDone: sql<number>`sum(${tasks.type} = 'pioneer' AND ${tasks.status} = 'confirmed')`,
      })
      .from(tasks)
      .where(sql`${tasks.type} IN ('fix', 'pioneer') AND ${tasks.branchId} ${inList('branches')}`)
      .groupBy(tasks.branchId)
      .prepare(),
    /**
     * Per unit and metric over a span: the total, the number of days, and the newest day with its value, of the
     * figures that count (the highest seq of each day, SQLite's bare column beside max()). Summed in SQL, so the
     * card reads 5,000 rows for 500 teams' month instead of 150,000.
     */
    totals: db
      .select({
        unitId: sql<number>`unit_id`,
        metric: sql<string>`metric`,
        total: sql<number>`sum(value)`,
        n: sql<number>`count(*)`,
        lastDay: sql<string>`max(day)`,
        lastValue: sql<number>`value`,
      })
      .from(
        sql`(SELECT unit_id, metric, day, max(seq), value FROM production_figures WHERE day BETWEEN ${p('from')} AND ${p('to')} AND unit_id ${inList('units')} GROUP BY unit_id, metric, day) AS cur`,
      )
      .groupBy(sql`unit_id, metric`)
      .prepare(),
    history: db
      .select({
        unitId: productionFigures.unitId,
        metric: productionFigures.metric,
        day: productionFigures.day,
        value: productionFigures.value,
      })
      .from(productionFigures)
      .where(
        sql`${productionFigures.unitId} ${inList('units')} AND ${productionFigures.metric} ${inList('metrics')} AND ${productionFigures.day} <= ${p('to')} AND NOT EXISTS (SELECT 1 FROM production_figures n WHERE n.unit_id = "production_figures"."unit_id" AND n.metric = "production_figures"."metric" AND n.day = "production_figures"."day" AND n.seq > "production_figures"."seq")`,
      )
      .prepare(),
  }
})

/** Members, activities with attendance, and quiz participation of each branch between two instants / days. */
export async function partyFigures(
  db: Db,
  branchIds: number[],
  span: { fromMs: number; toMs: number; from: string; to: string },
): Promise<Map<number, PartyFigures>> {
  const branches = JSON.stringify(branchIds)
  const q = prepared(db)
  const [people, acts, quiz] = await Promise.all([
    q.members.all({ branches }),
    q.activities.all({ branches, fromMs: span.fromMs, toMs: span.toMs }),
    q.quiz.all({ branches, from: span.from, to: span.to }),
  ])
  const out = new Map<number, PartyFigures>(
    branchIds.map((id) => [id, { branchId: id, members: 0, activities: 0, present: 0, quizMembers: 0 }]),
  )
  for (const r of people) (out.get(r.branchId) as PartyFigures).members = Number(r.n)
  for (const r of acts) {
    const f = out.get(r.branchId) as PartyFigures
    f.activities = Number(r.n)
    f.present = Number(r.present)
  }
  for (const r of quiz) (out.get(r.branchId) as PartyFigures).quizMembers = Number(r.n)
  return out
}

export type TaskKinds = { fixOpen: number; fixOverdue: number; pioneerOpen: number; pioneerDone: number }

/** Open and overdue 整改, open and done 先锋岗 of each branch as of `today`. */
export async function taskKinds(db: Db, branchIds: number[], today: string): Promise<Map<number, TaskKinds>> {
  const rows = await prepared(db).taskKinds.all({ branches: JSON.stringify(branchIds), today })
  const out = new Map<number, TaskKinds>(
    branchIds.map((id) => [id, { fixOpen: 0, fixOverdue: 0, pioneerOpen: 0, pioneerDone: 0 }]),
  )
  for (const r of rows)
    out.set(r.branchId, {
      fixOpen: Number(r.fixOpen),
      fixOverdue: Number(r.fixOverdue),
      pioneerOpen: Number(r.pioneerOpen),
      pioneerDone: Number(r.pioneerDone),
    })
  return out
}

export type UnitTotal = {
  unitId: number
  metric: string
  total: number
  n: number
  lastDay: string
  lastValue: number
}

/** Each unit's figures of each metric over a span, added up in the database. */
export async function unitTotals(db: Db, unitIds: number[], from: string, to: string): Promise<UnitTotal[]> {
  return prepared(db).totals.all({ units: JSON.stringify(unitIds), from, to }) as Promise<UnitTotal[]>
}

/** Every current figure of some metrics up to a day, for counts that run on from the past (safe days). */
export async function figureHistory(db: Db, unitIds: number[], metrics: string[], to: string) {
  return prepared(db).history.all({ units: JSON.stringify(unitIds), metrics: JSON.stringify(metrics), to })
}
