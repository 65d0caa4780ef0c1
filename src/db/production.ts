import { and, desc, eq, sql } from 'drizzle-orm'
import { perDb } from './prepared'
import { daysFrom } from './production-days'
import { members, orgUnits, productionCurrent, productionFigures } from './schema'
import type { Db } from './store'

const f = productionFigures
/** The figure that counts for a unit, metric and day (the newest report), kept with each write. */
const c = productionCurrent

const prepared = perDb((db: Db) => {
  const p = sql.placeholder
  /** A seek per day and unit (the key's order), not every team's figures of the days. */
  const unitsOnDays = sql`${c.day} IN ${daysFrom(p('from'), p('to'))} AND ${c.unitId} IN (SELECT value FROM json_each(${p('unitIds')}))`
  return {
    latest: db
      .select({ value: f.value, seq: f.seq, at: f.at, source: f.source, name: members.name })
      .from(f)
      .leftJoin(members, eq(members.id, f.reportedBy))
      .where(and(eq(f.unitId, p('unitId')), eq(f.metric, p('metric')), eq(f.day, p('day'))))
      .orderBy(desc(f.seq))
      .limit(1)
      .prepare(),
    inRange: db
      .select({ unitId: c.unitId, metric: c.metric, day: c.day, value: c.value })
      .from(c)
      .where(unitsOnDays)
      .prepare(),
    seqs: db
      .select({ unitId: c.unitId, metric: c.metric, day: c.day, seq: c.seq })
      .from(c)
      .where(unitsOnDays)
      .prepare(),
    knownSources: db
      .select({ sourceId: f.sourceId })
      .from(f)
      .where(sql`${f.sourceId} IN (SELECT value FROM json_each(${p('ids')}))`)
      .prepare(),
    teams: db
      .select({ id: orgUnits.id, code: orgUnits.code, team: orgUnits.productionTeam })
      .from(orgUnits)
      .prepare(),
  }
})

export type LatestFigure = { value: number; seq: number; at: number; source: string; name: string | null }

/** The newest report of one figure, or nothing when the day has none yet. */
export async function latestFigure(
  db: Db,
  unitId: number,
  metric: string,
  day: string,
): Promise<LatestFigure | undefined> {
  const [row] = await prepared(db).latest.all({ unitId, metric, day })
  return row
}

export type FigureRow = { unitId: number; metric: string; day: string; value: number }

/** Every figure that counts for these units between two local days (inclusive). */
export async function figuresIn(db: Db, unitIds: number[], from: string, to: string): Promise<FigureRow[]> {
  return prepared(db).inRange.all({ unitIds: JSON.stringify(unitIds), from, to })
}

/** The seq of the current figure of each unit, metric and day of these units between two days, keyed `unit|metric|day`. */
export async function seqsIn(
  db: Db,
  unitIds: number[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const rows = await prepared(db).seqs.all({ unitIds: JSON.stringify(unitIds), from, to })
  return new Map(rows.map((r) => [`${r.unitId}|${r.metric}|${r.day}`, r.seq]))
}

/** Which of these source ids are stored already. */
export async function knownSourceIds(db: Db, ids: string[]): Promise<Set<string>> {
  const rows = await prepared(db).knownSources.all({ ids: JSON.stringify(ids) })
  return new Set(rows.map((r) => r.sourceId as string))
}

/** Units by the names a dispatch system uses for a team: the unit code, or the production team's name. */
export async function teamIndex(db: Db): Promise<Map<string, number>> {
  const rows = await prepared(db).teams.all()
  const index = new Map<string, number>()
  for (const r of rows) if (r.team) index.set(r.team, r.id)
  for (const r of rows) index.set(r.code, r.id)
  return index
}
