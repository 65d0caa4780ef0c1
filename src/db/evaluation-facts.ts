import { sql } from 'drizzle-orm'
import {
  type BranchEvaluation,
  type BusinessGrade,
  evaluationOf,
  type ReviewGrade,
} from '../domain/evaluation'
import { perDb } from './prepared'
import { branchAssessments, branchInspections } from './schema'
import type { Db } from './store'

export type { BranchEvaluation } from '../domain/evaluation'

const inList = (name: string) => sql`IN (SELECT value FROM json_each(${sql.placeholder(name)}))`

const prepared = perDb((db: Db) => ({
  inspections: db
    .select({
      branchId: branchInspections.branchId,
      count: sql<number>`count(*)`,
      partySum: sql<number>`sum(${branchInspections.partyScore})`,
      productionSum: sql<number>`sum(${branchInspections.productionScore})`,
    })
    .from(branchInspections)
    .where(
      sql`${branchInspections.branchId} ${inList('branches')} AND ${branchInspections.day} BETWEEN ${sql.placeholder('from')} AND ${sql.placeholder('to')}`,
    )
    .groupBy(branchInspections.branchId)
    .prepare(),
  assessments: db
    .select({
      branchId: branchAssessments.branchId,
      review: branchAssessments.review,
      business: branchAssessments.business,
    })
    .from(branchAssessments)
    .where(
      sql`${branchAssessments.branchId} ${inList('branches')} AND ${branchAssessments.year} = ${sql.placeholder('year')}`,
    )
    .prepare(),
}))

/**
 * The year's dual evaluation of each branch: inspections and their mean scores, both assessment grades and the
 * 双评双优 flag. Every branch asked for is in the map, with nulls where nothing was recorded.
 */
export async function evaluationFacts(
  db: Db,
  branchIds: number[],
  year: number,
): Promise<Map<number, BranchEvaluation>> {
  const branches = JSON.stringify(branchIds)
  const q = prepared(db)
  const [inspected, assessed] = await Promise.all([
    q.inspections.all({ branches, from: `${year}-01-01`, to: `${year}-12-31` }),
    q.assessments.all({ branches, year }),
  ])
  const counts = new Map(
    inspected.map((r) => [
      r.branchId,
      { count: Number(r.count), partySum: Number(r.partySum), productionSum: Number(r.productionSum) },
    ]),
  )
  const grades = new Map(
    assessed.map((r) => [
      r.branchId,
      { review: r.review as ReviewGrade, business: r.business as BusinessGrade },
    ]),
  )
  return new Map(branchIds.map((id) => [id, evaluationOf(counts.get(id), grades.get(id))]))
}
