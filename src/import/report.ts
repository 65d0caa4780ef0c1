import type { RosterReport } from './roster-import'

/** The report as lines a person reads: each problem by row and column, then one summary line. */
export function formatRosterReport(report: RosterReport): string[] {
  const lines = report.problems.map((p) =>
    p.column ? `第 ${p.row} 行 · ${p.column}：${p.message}` : `第 ${p.row} 行：${p.message}`,
  )
  if (report.ignoredColumns.length > 0)
    lines.push(`已忽略无法识别的列：${report.ignoredColumns.map((c) => `「${c}」`).join('、')}`)
  const s = report.summary
  if (!report.ok || !s) {
    const rows = new Set(report.problems.map((p) => p.row)).size
    lines.push(
      `名册未导入：${rows} 行共 ${report.problems.length} 处问题，没有写入任何内容。请改正后重新导入整个文件。`,
    )
    return lines
  }
  const head = report.dryRun ? '试运行（--dry-run，未写入）：名册可以导入' : '名册导入完成'
  const counts = `新增 ${s.inserted} 人，更新 ${s.updated} 人，未变 ${s.unchanged} 人（共 ${s.rows} 行）`
  const rest =
    s.untouched > 0
      ? `文件中没有的 ${s.untouched} 名成员保持原样（不会删除；如已离开，请在文件中把「在册」填为 否）`
      : '数据库中的成员都在文件中'
  lines.push(`${head}：${counts}。${rest}。`)
  return lines
}
