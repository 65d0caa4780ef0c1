import { eq } from 'drizzle-orm'
import { members, orgUnits, shiftExceptions, shiftRotations } from '../db/schema'
import { currentSettings } from '../db/settings'
import type { Store, Write } from '../db/store'
import type { RawTable } from './read-table'
import type { Problem } from './roster-columns'
import { validateShifts } from './shifts'

export type ShiftsReport = {
  ok: boolean
  dryRun: boolean
  problems: Problem[]
  ignoredColumns: string[]
  summary?: { rotations: number; exceptions: number }
}

/** Imports the whole file or nothing: a rotation replaces its group's, a member's day is appended and counts as newest. */
export async function importShifts(
  store: Store,
  table: RawTable,
  opts: { dryRun?: boolean; now: number },
): Promise<ShiftsReport> {
  const dryRun = opts.dryRun ?? false
  const { db } = store
  const groups = await db
    .select({ id: orgUnits.id, code: orgUnits.code })
    .from(orgUnits)
    .where(eq(orgUnits.kind, 'group'))
  const roster = await db.select({ id: members.id, employeeNo: members.employeeNo }).from(members)
  const settings = await currentSettings(db)
  const v = validateShifts(table, {
    groupCodes: new Set(groups.map((g) => g.code)),
    employeeNos: new Set(roster.map((m) => m.employeeNo)),
    shifts: settings.shifts,
  })
  if (v.problems.length) return { ok: false, dryRun, problems: v.problems, ignoredColumns: v.ignoredColumns }
  const groupId = new Map(groups.map((g) => [g.code, g.id]))
  const memberId = new Map(roster.map((m) => [m.employeeNo, m.id]))
  // The import has no member behind it; 0 marks rows set by a file rather than by a secretary.
  const setBy = 0
  const writes: Write[] = [
    ...v.rotations.map((r) => {
      const values = { cycle: r.cycle.join(' '), anchorDay: r.anchorDay, setBy, at: opts.now }
      return db
        .insert(shiftRotations)
        .values({ unitId: groupId.get(r.groupCode) as number, ...values })
        .onConflictDoUpdate({ target: shiftRotations.unitId, set: values })
    }),
    ...v.exceptions.map((e) =>
      db.insert(shiftExceptions).values({
        memberId: memberId.get(e.employeeNo) as number,
        day: e.day,
        shift: e.shift,
        setBy,
        at: opts.now,
      }),
    ),
  ]
  if (!dryRun && writes.length) await store.commit(writes)
  return {
    ok: true,
    dryRun,
    problems: [],
    ignoredColumns: v.ignoredColumns,
    summary: { rotations: v.rotations.length, exceptions: v.exceptions.length },
  }
}

export function formatShiftsReport(report: ShiftsReport): string[] {
  const lines = report.problems.map((p) => `第 ${p.row} 行 · ${p.column}：${p.message}`)
  if (report.ignoredColumns.length > 0)
    lines.push(`已忽略无法识别的列：${report.ignoredColumns.map((c) => `「${c}」`).join('、')}`)
  const s = report.summary
  if (!report.ok || !s) {
    const rows = new Set(report.problems.map((p) => p.row)).size
    lines.push(
      `班次未导入：${rows} 行共 ${report.problems.length} 处问题，没有写入任何内容。请改正后重新导入整个文件。`,
    )
    return lines
  }
  const head = report.dryRun ? '试运行（--dry-run，未写入）：班次可以导入' : '班次导入完成'
  lines.push(`${head}：${s.rotations} 个党小组的轮班，${s.exceptions} 条个人班次。`)
  return lines
}
