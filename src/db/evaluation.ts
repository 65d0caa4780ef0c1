import { and, eq, sql } from 'drizzle-orm'
import type { BusinessGrade, ReviewGrade } from '../domain/evaluation'
import type { ReportSection } from '../domain/evaluation-input'
import { perDb } from './prepared'
import { branchAssessments, branchInspections, dualReportEdits, dualReports, members } from './schema'
import type { Db, Write } from './store'

const p = sql.placeholder

const prepared = perDb((db: Db) => ({
  inspectionsOfYear: db
    .select({ n: sql<number>`count(*)` })
    .from(branchInspections)
    .where(
      and(
        eq(branchInspections.branchId, p('branchId')),
        sql`${branchInspections.day} BETWEEN ${p('from')} AND ${p('to')}`,
      ),
    )
    .prepare(),
  edits: db
    .select({ section: dualReportEdits.section, text: dualReportEdits.text })
    .from(dualReportEdits)
    .where(and(eq(dualReportEdits.branchId, p('branchId')), eq(dualReportEdits.year, p('year'))))
    .prepare(),
  submitted: db
    .select({
      promote: dualReports.promote,
      support: dualReports.support,
      at: dualReports.at,
      by: members.name,
    })
    .from(dualReports)
    .leftJoin(members, eq(members.id, dualReports.submittedBy))
    .where(and(eq(dualReports.branchId, p('branchId')), eq(dualReports.year, p('year'))))
    .prepare(),
}))

export type InspectionInput = {
  branchId: number
  inspectorId: number
  day: string
  party: number
  production: number
  findings?: string
  at: number
}

export function inspectionWrite(db: Db, i: InspectionInput): Write {
  return db.insert(branchInspections).values({
    branchId: i.branchId,
    inspectorId: i.inspectorId,
    day: i.day,
    partyScore: i.party,
    productionScore: i.production,
    findings: i.findings ?? null,
    at: i.at,
  })
}

/** Inspections of a branch in a calendar year (local days). */
export async function inspectionsInYear(db: Db, branchId: number, year: number): Promise<number> {
  const [row] = await prepared(db).inspectionsOfYear.all({
    branchId,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
  })
  return Number(row?.n ?? 0)
}

export type AssessmentInput = {
  branchId: number
  year: number
  review: ReviewGrade
  business: BusinessGrade
  partyKpi?: number
  businessKpi?: number
  recordedBy: number | null
  at: number
}

/** The year's assessment of a branch; recording it again replaces the grades (one statement, no read first). */
export function assessmentWrite(db: Db, a: AssessmentInput): Write {
  const values = {
    review: a.review,
    business: a.business,
    partyKpi: a.partyKpi ?? null,
    businessKpi: a.businessKpi ?? null,
    recordedBy: a.recordedBy,
    at: a.at,
  }
  return db
    .insert(branchAssessments)
    .values({ branchId: a.branchId, year: a.year, ...values })
    .onConflictDoUpdate({ target: [branchAssessments.branchId, branchAssessments.year], set: values })
}

/** The secretary's own text for the sections they changed, by section. */
export async function reportEdits(
  db: Db,
  branchId: number,
  year: number,
): Promise<Map<ReportSection, string>> {
  const rows = await prepared(db).edits.all({ branchId, year })
  return new Map(rows.map((r) => [r.section, r.text]))
}

export type SubmittedReport = { promote: string; support: string; at: number; by: string | null }

export async function submittedReport(
  db: Db,
  branchId: number,
  year: number,
): Promise<SubmittedReport | undefined> {
  const [row] = await prepared(db).submitted.all({ branchId, year })
  return row
}

export function reportEditWrite(
  db: Db,
  e: { branchId: number; year: number; section: ReportSection; text: string; by: number; at: number },
): Write {
  const set = { text: e.text, editedBy: e.by, at: e.at }
  return db
    .insert(dualReportEdits)
    .values({ branchId: e.branchId, year: e.year, section: e.section, ...set })
    .onConflictDoUpdate({
      target: [dualReportEdits.branchId, dualReportEdits.year, dualReportEdits.section],
      set,
    })
}

/** The frozen report; the unique (branch, year) index refuses a second submission racing this one. */
export function reportSubmitWrite(
  db: Db,
  r: {
    branchId: number
    year: number
    promote: string
    support: string
    facts: unknown
    by: number
    at: number
  },
): Write {
  return db.insert(dualReports).values({
    branchId: r.branchId,
    year: r.year,
    promote: r.promote,
    support: r.support,
    facts: JSON.stringify(r.facts),
    submittedBy: r.by,
    at: r.at,
  })
}
