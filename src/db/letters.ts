import { and, asc, eq, sql } from 'drizzle-orm'
import type { LetterTarget } from '../domain/letters'
import { perDb } from './prepared'
import { letterConfirmations, letters, letterTargets, members, orgUnits } from './schema'
import type { Db, Write } from './store'

/** The nudge job's name: its job-run rows say which versions were nudged. */
export const LETTER_NUDGE_JOB = 'letter-nudge'

const l = letters
const c = letterConfirmations

/** A letter's current version with its signer, unit and, if given, the confirmation of that version. */
const listed = {
  id: l.id,
  code: l.code,
  signerId: l.signerId,
  signerName: members.name,
  unitId: l.unitId,
  unitName: orgUnits.name,
  level: l.level,
  profession: l.profession,
  periodFrom: l.periodFrom,
  periodTo: l.periodTo,
  version: l.version,
  versionAt: l.versionAt,
  confirmedAt: c.at,
}

const current = and(eq(c.letterId, l.id), eq(c.version, l.version))

const prepared = perDb((db: Db) => {
  const p = sql.placeholder
  const base = () =>
    db
      .select(listed)
      .from(l)
      .innerJoin(members, eq(members.id, l.signerId))
      .innerJoin(orgUnits, eq(orgUnits.id, l.unitId))
      .leftJoin(c, current)
  return {
    bySigner: base()
      .where(eq(l.signerId, p('memberId')))
      .orderBy(asc(l.periodFrom), asc(l.id))
      .prepare(),
    byId: base()
      .where(eq(l.id, p('id')))
      .prepare(),
    inUnits: base()
      .where(sql`${l.unitId} IN (SELECT value FROM json_each(${p('units')}))`)
      .orderBy(asc(l.level), asc(l.code))
      .prepare(),
    /** Current versions nobody confirmed and not nudged yet (the job-run key is `<id>:v<version>`). */
    unconfirmed: base()
      .where(
        sql`${c.at} IS NULL AND NOT EXISTS (SELECT 1 FROM job_runs r WHERE r.job = ${LETTER_NUDGE_JOB} AND r.slot = "letters"."id" || ':v' || "letters"."version")`,
      )
      .prepare(),
    targets: db
      .select()
      .from(letterTargets)
      .where(
        sql`${letterTargets.letterId} IN (SELECT value FROM json_each(${p('ids')})) AND ${letterTargets.version} = (SELECT version FROM letters WHERE letters.id = ${letterTargets.letterId})`,
      )
      .orderBy(asc(letterTargets.letterId), asc(letterTargets.seq))
      .prepare(),
    stored: db.select({ id: l.id, code: l.code, version: l.version, content: l.content }).from(l).prepare(),
    confirmedBefore: db
      .select({ version: sql<number>`max(${c.version})` })
      .from(c)
      .where(eq(c.letterId, p('id')))
      .prepare(),
  }
})

export type LetterRow = {
  id: number
  code: string
  signerId: number
  signerName: string
  unitId: number
  unitName: string
  level: string
  profession: string
  periodFrom: string
  periodTo: string
  version: number
  versionAt: number
  confirmedAt: number | null
}

export const lettersOfSigner = (db: Db, memberId: number) =>
  prepared(db).bySigner.all({ memberId }) as Promise<LetterRow[]>

export async function letterById(db: Db, id: number): Promise<LetterRow | undefined> {
  const [row] = (await prepared(db).byId.all({ id })) as LetterRow[]
  return row
}

/** Every letter of these units, by level then code. */
export const lettersInUnits = (db: Db, unitIds: number[]) =>
  prepared(db).inUnits.all({ units: JSON.stringify(unitIds) }) as Promise<LetterRow[]>

export const unconfirmedLetters = (db: Db) => prepared(db).unconfirmed.all() as Promise<LetterRow[]>

/** The current version's targets of these letters, by letter id, in file order. */
export async function targetsOf(db: Db, ids: number[]): Promise<Map<number, LetterTarget[]>> {
  const out = new Map<number, LetterTarget[]>(ids.map((id) => [id, []]))
  for (const t of await prepared(db).targets.all({ ids: JSON.stringify(ids) }))
    out.get(t.letterId)?.push({
      side: t.side,
      text: t.text,
      metric: t.metric,
      taskType: t.taskType,
      target: t.target,
    })
  return out
}

/** Every stored letter by code, with its version and content key, for an import to compare against. */
export async function storedLetters(db: Db) {
  const rows = await prepared(db).stored.all()
  return new Map(rows.map((r) => [r.code, r]))
}

/** The newest version of a letter anyone confirmed, if any (to say "the letter changed" to its signer). */
export async function confirmedVersion(db: Db, id: number): Promise<number | undefined> {
  const [row] = await prepared(db).confirmedBefore.all({ id })
  return row?.version ?? undefined
}

/** A confirmation; the (letter, version) key makes a second one fail, so the handler is re-run and finds it. */
export const confirmLetter = (
  db: Db,
  row: { letterId: number; version: number; memberId: number; platform: string; at: number },
): Write => db.insert(letterConfirmations).values(row)

/** The nudge job's slot of a version; `unconfirmed` leaves out versions whose slot has run. */
export const nudgeSlot = (id: number, version: number) => `${id}:v${version}`
