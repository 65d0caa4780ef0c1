import { sql } from 'drizzle-orm'
import { aggregate } from '../domain/dispatch'
import { type LetterTarget, type TargetProgress, targetProgress } from '../domain/letters'
import { subtree, type UnitNode } from '../domain/members'
import type { Metric } from '../domain/production-settings'
import type { LetterRow } from './letters'
import { perDb } from './prepared'
import { figuresIn } from './production'
import { tasks } from './schema'
import type { Db } from './store'

const prepared = perDb((db: Db) => {
  const p = sql.placeholder
  return {
    /** Confirmed tasks of these units reported done between two days: what a task-type target counts. */
    done: db
      .select({ branchId: tasks.branchId, type: tasks.type, day: tasks.submittedDay })
      .from(tasks)
      .where(
        sql`${tasks.status} = 'confirmed' AND ${tasks.branchId} IN (SELECT value FROM json_each(${p('units')})) AND ${tasks.submittedDay} BETWEEN ${p('from')} AND ${p('to')}`,
      )
      .prepare(),
  }
})

/**
 * Each letter's targets against what was measured from its period's start to `today` (or its end): a metric
 * target against the figures of the letter's unit and the units under it, aggregated as the 调度 card does; a
 * task-type target against that unit's tasks of the type confirmed done in the period.
 */
export async function letterProgress(
  db: Db,
  rows: readonly LetterRow[],
  targets: ReadonlyMap<number, LetterTarget[]>,
  metrics: readonly Metric[],
  units: ReadonlyMap<number, UnitNode>,
  today: string,
): Promise<Map<number, TargetProgress[]>> {
  const out = new Map<number, TargetProgress[]>()
  if (rows.length === 0) return out
  const scope = new Map(rows.map((r) => [r.id, new Set(subtree(units, r.unitId))]))
  const allUnits = [...new Set([...scope.values()].flatMap((s) => [...s]))]
  const from = rows.map((r) => r.periodFrom).sort()[0] as string
  const to = rows
    .map((r) => (r.periodTo < today ? r.periodTo : today))
    .sort()
    .at(-1) as string
  const [figures, done] =
    from > to
      ? [[], []]
      : await Promise.all([
          figuresIn(db, allUnits, from, to),
          prepared(db).done.all({ units: JSON.stringify(allUnits), from, to }),
        ])
  const byUnitMetric = new Map<string, typeof figures>()
  for (const f of figures) {
    const key = `${f.unitId}|${f.metric}`
    const list = byUnitMetric.get(key)
    if (list) list.push(f)
    else byUnitMetric.set(key, [f])
  }
  for (const r of rows) {
    const mine = scope.get(r.id) as Set<number>
    const end = r.periodTo < today ? r.periodTo : today
    const within = (day: string | null) => day !== null && day >= r.periodFrom && day <= end
    out.set(
      r.id,
      (targets.get(r.id) ?? []).map((t) => {
        if (t.metric !== null) {
          const metric = metrics.find((m) => m.code === t.metric)
          const days = [...mine].flatMap((u) =>
            (byUnitMetric.get(`${u}|${t.metric}`) ?? []).filter((f) => within(f.day)),
          )
          return targetProgress(t, metric, metric ? aggregate(metric, days) : undefined)
        }
        if (t.taskType !== null) {
          const n = done.filter((d) => d.type === t.taskType && mine.has(d.branchId) && within(d.day)).length
          return targetProgress(t, undefined, n)
        }
        return targetProgress(t, undefined, undefined)
      }),
    )
  }
  return out
}
