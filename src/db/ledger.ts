import { and, asc, desc, eq, sql } from 'drizzle-orm'
import { ledgerHistory, ledgerItems, members, roleAssignments } from './schema'
import type { Db, Write } from './store'

export type LedgerItemRow = typeof ledgerItems.$inferSelect
export type LedgerStatus = LedgerItemRow['status']
export type LedgerStep = (typeof ledgerHistory.$inferInsert)['kind']

/** The tracking number the next item takes: max + 1, so the reply can name it before the commit. */
export async function nextLedgerId(db: Db): Promise<number> {
  const [row] = await db.select({ max: sql<number>`max(${ledgerItems.id})` }).from(ledgerItems)
  return Number(row?.max ?? 0) + 1
}

export async function ledgerItemById(db: Db, id: number): Promise<LedgerItemRow | undefined> {
  const [row] = await db.select().from(ledgerItems).where(eq(ledgerItems.id, id))
  return row
}

/** The ids as one JSON parameter: D1 binds at most 100 parameters, and a subtree has hundreds of branches. */
const idsIn = (ids: number[]) => sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`

/**
 * Open problems (立项 and not yet 销号) per branch, and how many of them are past their deadline on `today`
 * (YYYY-MM-DD, local). Reports not yet turned into problems are not counted. Branches without any are absent.
 * For the leaders' summary card; served by the index `ledger_items_branch_status`.
 */
export async function openProblemCounts(
  db: Db,
  branchIds: number[],
  today: string,
): Promise<Map<number, { open: number; overdue: number }>> {
  if (branchIds.length === 0) return new Map()
  const rows = await db
    .select({
      branchId: ledgerItems.branchId,
      open: sql<number>`count(*)`,
      overdue: sql<number>`sum(${ledgerItems.dueDay} < ${today})`,
    })
    .from(ledgerItems)
    // Literal statuses, not bound parameters: SQLite plans the index range only then.
    .where(
      and(
        sql`${ledgerItems.branchId} IN ${idsIn(branchIds)}`,
        sql`${ledgerItems.status} IN ('open', 'submitted')`,
      ),
    )
    .groupBy(ledgerItems.branchId)
  return new Map(rows.map((r) => [r.branchId, { open: Number(r.open), overdue: Number(r.overdue ?? 0) }]))
}

/**
 * A report filed in the ledger from elsewhere: an inspection finding (一次查) lands here as a report that an
 * inspector of its unit then turns into a problem with 立项.
 * - `branchId`: the unit the finding is about; inspectors of it or of a unit above it see the report.
 * - `category`: one of settings.supervision.categories (e.g. 安全生产); the caller picks it.
 * - `text`: what was found, as the inspector wrote it (plain text, escaped where shown).
 * - `actorId`: the member who recorded the finding, or null when a job filed it.
 * - `sourceRef`: the finding's own key, e.g. `inspection:42`; the same finding filed twice collides on it.
 * - `at`: the time it was recorded (ms).
 * Returns the tracking number and the writes to commit with the caller's other writes. When the finding is
 * already in the ledger it returns that item's number and no writes; two racing deliveries collide on the
 * unique `source_ref` and the loser's handler is re-run, finding the winner's row.
 */
export async function findingWrites(
  db: Db,
  f: {
    branchId: number
    category: string
    text: string
    actorId: number | null
    sourceRef: string
    at: number
  },
): Promise<{ id: number; writes: Write[] }> {
  const [known] = await db
    .select({ id: ledgerItems.id })
    .from(ledgerItems)
    .where(eq(ledgerItems.sourceRef, f.sourceRef))
  if (known) return { id: known.id, writes: [] }
  const id = await nextLedgerId(db)
  return {
    id,
    writes: reportWrites(db, {
      id,
      source: 'finding',
      branchId: f.branchId,
      category: f.category,
      text: f.text,
      reporterId: f.actorId,
      anonymous: false,
      sourceRef: f.sourceRef,
      at: f.at,
    }),
  }
}

/** A new report and its first history entry. */
export function reportWrites(
  db: Db,
  r: {
    id: number
    source: LedgerItemRow['source']
    branchId: number
    category: string
    text: string
    reporterId: number | null
    anonymous: boolean
    sourceRef: string | null
    at: number
  },
): Write[] {
  return [
    db.insert(ledgerItems).values({
      id: r.id,
      source: r.source,
      branchId: r.branchId,
      category: r.category,
      text: r.text,
      anonymous: r.anonymous,
      reporterId: r.anonymous ? null : r.reporterId,
      sourceRef: r.sourceRef,
      status: 'reported',
      rev: 1,
      createdAt: r.at,
      updatedAt: r.at,
    }),
    db.insert(ledgerHistory).values({
      itemId: r.id,
      seq: 1,
      kind: 'reported',
      actorId: r.anonymous ? null : r.reporterId,
      at: r.at,
    }),
  ]
}

/**
 * One step of an item: history entry `rev + 1` and the new state. Two steps read from the same state both write
 * entry `rev + 1`; the primary key refuses the second and the inbox re-runs its handler on the fresh state.
 */
export function stepItem(
  db: Db,
  item: Pick<LedgerItemRow, 'id' | 'rev'>,
  entry: {
    kind: LedgerStep
    actorId: number | null
    at: number
    note?: string | null
    attachments?: string | null
  },
  set: Partial<typeof ledgerItems.$inferInsert> = {},
): Write[] {
  return [
    db.insert(ledgerHistory).values({
      itemId: item.id,
      seq: item.rev + 1,
      kind: entry.kind,
      actorId: entry.actorId,
      note: entry.note ?? null,
      attachments: entry.attachments ?? null,
      at: entry.at,
    }),
    db
      .update(ledgerItems)
      .set({ ...set, rev: item.rev + 1, updatedAt: entry.at })
      .where(and(eq(ledgerItems.id, item.id), eq(ledgerItems.rev, item.rev))),
  ]
}

/** The items of these units in these statuses, newest first: the inspector's 台账. */
export const ledgerOf = (db: Db, branchIds: number[], statuses: readonly LedgerStatus[], limit: number) =>
  db
    .select()
    .from(ledgerItems)
    .where(
      and(
        sql`${ledgerItems.branchId} IN ${idsIn(branchIds)}`,
        // Literals from the status enum, not parameters: the planner then uses the (branch, status) index.
        sql.raw(`status IN (${statuses.map((s) => `'${s}'`).join(', ')})`),
      ),
    )
    .orderBy(desc(ledgerItems.id))
    .limit(limit)

export const historyOf = (db: Db, itemId: number) =>
  db.select().from(ledgerHistory).where(eq(ledgerHistory.itemId, itemId)).orderBy(asc(ledgerHistory.seq))

/** Open problems whose deadline passed before `today`, across the organisation: the overdue nudges. */
export const overdueProblems = (db: Db, today: string) =>
  db
    .select()
    .from(ledgerItems)
    .where(and(sql`${ledgerItems.status} = 'open'`, sql`${ledgerItems.dueDay} < ${today}`))
    .orderBy(asc(ledgerItems.dueDay), asc(ledgerItems.id))

/** The inspectors holding a grant on one of these units (an item's unit and its ancestors). */
export async function inspectorsOn(db: Db, unitIds: number[]): Promise<{ id: number; name: string }[]> {
  if (unitIds.length === 0) return []
  return db
    .selectDistinct({ id: members.id, name: members.name })
    .from(roleAssignments)
    .innerJoin(members, eq(members.id, roleAssignments.memberId))
    .where(and(eq(roleAssignments.role, 'inspector'), sql`${roleAssignments.unitId} IN ${idsIn(unitIds)}`))
}

/** Names of members by id, for the ledger's cards. */
export async function namesOf(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(sql`${members.id} IN ${idsIn(ids)}`)
  return new Map(rows.map((r) => [r.id, r.name]))
}
