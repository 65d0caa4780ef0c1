import { sql } from 'drizzle-orm'
import { monthPieces } from '../domain/month-pieces'
import { perDb } from './prepared'
import { daysFrom } from './production-days'
import { activities, members, productionCurrent, productionMonths, quizAnswers, tasks } from './schema'
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
  const monthToDate = daysFrom(p('monthStart'), p('to'))
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
    /** Months' totals per unit and metric (production_months: kept with each write). */
    months: db
      .select({
        unitId: productionMonths.unitId,
        metric: productionMonths.metric,
        total: productionMonths.total,
        n: productionMonths.n,
        lastDay: productionMonths.lastDay,
        lastValue: productionMonths.lastValue,
      })
      .from(productionMonths)
      .where(sql`${productionMonths.month} = ${p('month')} AND ${productionMonths.unitId} ${inList('units')}`)
      .prepare(),
    /** The same, added up from the days of a stretch (the newest day's value: SQLite's bare column beside max()). */
    days: db
      .select({
        unitId: productionCurrent.unitId,
        metric: productionCurrent.metric,
        total: sql<number>`sum(${productionCurrent.value})`,
        n: sql<number>`count(*)`,
        lastDay: sql<string>`max(${productionCurrent.day})`,
        lastValue: productionCurrent.value,
      })
      .from(productionCurrent)
      .where(
        sql`${productionCurrent.day} IN ${daysFrom(p('from'), p('to'))} AND ${productionCurrent.unitId} ${inList('units')}`,
      )
      .groupBy(productionCurrent.unitId, productionCurrent.metric)
      .prepare(),
    /** The newest day between two days of each `[unit, metric]` key: days newest first, a seek each until one has it. */
    newest: db
      .select({
        unitId: sql<number>`k.unit_id`,
        metric: sql<string>`k.metric`,
        lastDay: sql<string>`c.day`,
        lastValue: sql<number>`c.value`,
      })
      .from(
        sql`(SELECT json_extract(value, '$[0]') AS unit_id, json_extract(value, '$[1]') AS metric FROM json_each(${p('keys')})) AS k
          CROSS JOIN production_current c ON c.unit_id = k.unit_id AND c.metric = k.metric
          AND c.day = (SELECT x.day FROM production_current x WHERE x.day IN ${daysFrom(p('from'), p('to'))} AND x.unit_id = k.unit_id AND x.metric = k.metric ORDER BY x.day DESC LIMIT 1)`,
      )
      .prepare(),
    /**
     * Per unit and metric up to a day: the newest figure and the newest above zero, from the months' last_day and
     * positive_day (the month of `to` day by day only when it has figures after `to`). Index seeks, however long
     * the history.
     */
    history: db
      .select({
        unitId: sql<number>`h.unit_id`,
        metric: sql<string>`h.metric`,
        day: sql<string>`h.day`,
        value: sql<number>`h.value`,
      })
      .from(
        sql`(SELECT c.unit_id, c.metric, c.day, c.value FROM json_each(${p('units')}) u CROSS JOIN json_each(${p('metrics')}) m
            CROSS JOIN production_current c ON c.unit_id = u.value AND c.metric = m.value
            AND c.day = (SELECT max(CASE WHEN o.last_day <= ${p('to')} THEN o.last_day ELSE (
                SELECT x.day FROM production_current x WHERE x.day IN ${monthToDate} AND x.unit_id = o.unit_id AND x.metric = o.metric ORDER BY x.day DESC LIMIT 1) END)
              FROM production_months o WHERE o.unit_id = u.value AND o.metric = m.value AND o.month <= ${p('month')})
          UNION
          SELECT c.unit_id, c.metric, c.day, c.value FROM json_each(${p('units')}) u CROSS JOIN json_each(${p('metrics')}) m
            CROSS JOIN production_current c ON c.unit_id = u.value AND c.metric = m.value
            AND c.day = (SELECT max(CASE WHEN o.last_day <= ${p('to')} THEN o.positive_day ELSE (
                SELECT x.day FROM production_current x WHERE x.day IN ${monthToDate} AND x.unit_id = o.unit_id AND x.metric = o.metric AND x.value > 0 ORDER BY x.day DESC LIMIT 1) END)
              FROM production_months o WHERE o.unit_id = u.value AND o.metric = m.value AND o.month <= ${p('month')})) AS h`,
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

const keyOf = (r: { unitId: number; metric: string }) => `${r.unitId}|${r.metric}`

/**
 * Each unit's figures of each metric over a span, added up in the database: whole months (or a month less its
 * last few days) from production_months, other stretches day by day from production_current.
 */
export async function unitTotals(db: Db, unitIds: number[], from: string, to: string): Promise<UnitTotal[]> {
  const q = prepared(db)
  const units = JSON.stringify(unitIds)
  const out = new Map<string, UnitTotal>()
  for (const piece of monthPieces(from, to)) {
    const rows: UnitTotal[] =
      piece.read === 'days'
        ? await q.days.all({ units, from: piece.from, to: piece.to })
        : await q.months.all({ units, month: piece.month })
    const got = new Map(rows.map((r) => [keyOf(r), { ...r, total: Number(r.total), n: Number(r.n) }]))
    if (piece.tail) {
      // The days after the piece come off the month; where there were some, the newest day is looked up again.
      const after = await q.days.all({ units, from: piece.tail.from, to: piece.tail.to })
      for (const t of after) {
        const r = got.get(keyOf(t)) as UnitTotal
        r.total -= Number(t.total)
        r.n -= Number(t.n)
        if (r.n === 0) got.delete(keyOf(t))
      }
      const moved = after.filter((t) => got.has(keyOf(t))).map((t) => [t.unitId, t.metric])
      if (moved.length > 0)
        for (const r of await q.newest.all({ keys: JSON.stringify(moved), from: piece.from, to: piece.to }))
          Object.assign(got.get(keyOf(r)) as UnitTotal, { lastDay: r.lastDay, lastValue: r.lastValue })
    }
    for (const [key, r] of got) {
      const had = out.get(key)
      if (!had) out.set(key, r)
      else {
        had.total += r.total
        had.n += r.n
        if (r.lastDay > had.lastDay) Object.assign(had, { lastDay: r.lastDay, lastValue: r.lastValue })
      }
    }
  }
  return [...out.values()]
}

/**
 * The current figures of some metrics up to a day that decide a count running on from the past (safe days): per
 * unit and metric, the newest, and the newest above zero. `safeDays` reads them as it would the whole history.
 */
export async function figureHistory(db: Db, unitIds: number[], metrics: string[], to: string) {
  return prepared(db).history.all({
    units: JSON.stringify(unitIds),
    metrics: JSON.stringify(metrics),
    to,
    monthStart: `${to.slice(0, 7)}-01`,
    month: to.slice(0, 7),
  })
}
