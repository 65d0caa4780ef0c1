import type { RawTable } from './read-table'
import type { Problem } from './roster-columns'

export type ColumnSpec = { label: string; english: string }

/** 「飞书 ID」, "Feishu_ID" and "feishu id" name the same column. */
export const normHeader = (h: string) => h.toLowerCase().replace(/[\s_\-－—]/g, '')

/** Every column's Chinese label and English name, normalized, → its key. */
export function namesOf<K extends string>(columns: Record<K, ColumnSpec>): Map<string, K> {
  return new Map(
    (Object.keys(columns) as K[]).flatMap((k) => [
      [normHeader(columns[k].label), k],
      [normHeader(columns[k].english), k],
    ]),
  )
}

export type HeaderSpec<K extends string> = {
  keys: readonly K[]
  byName: ReadonlyMap<string, K>
  label: (key: K) => string
  required: readonly K[]
  /** What the first row must hold, said after 缺少「…」列. */
  requiredHint: string
  /** What to say when no row follows the header. */
  noRows: string
}

/**
 * Maps the header onto the columns (a column named twice or a required one missing is a problem of the header
 * row) and turns every row into a record of trimmed cells; unknown columns are listed, not refused.
 */
export function readColumns<K extends string>(
  table: RawTable,
  spec: HeaderSpec<K>,
): { rows: ({ row: number } & Record<K, string>)[]; ignored: string[]; problems: Problem[] } {
  const problems: Problem[] = []
  const index = new Map<K, number>()
  const ignored: string[] = []
  for (const [i, h] of table.header.entries()) {
    if (h === '') continue
    const key = spec.byName.get(normHeader(h))
    if (!key) {
      ignored.push(h)
      continue
    }
    const first = index.get(key)
    if (first === undefined) index.set(key, i)
    else
      problems.push({
        row: table.headerRow,
        column: spec.label(key),
        message: `「${spec.label(key)}」列出现了两次（「${table.header[first]}」和「${h}」）：请删去其中一列`,
      })
  }
  for (const k of spec.required)
    if (!index.has(k))
      problems.push({
        row: table.headerRow,
        column: spec.label(k),
        message: `缺少「${spec.label(k)}」列：${spec.requiredHint}`,
      })
  if (problems.length === 0 && table.rows.length === 0)
    problems.push({ row: table.headerRow, column: '表头', message: spec.noRows })
  const rows = table.rows.map((r) => {
    const rec = { row: r.row } as { row: number } & Record<K, string>
    for (const k of spec.keys) {
      const i = index.get(k)
      ;(rec as Record<K, string>)[k] = i === undefined ? '' : (r.cells[i] ?? '').trim()
    }
    return rec
  })
  return { rows, ignored, problems }
}
