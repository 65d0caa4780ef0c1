/** A sheet as text: the header cells and every non-blank row with its spreadsheet row number (header = 1). */
export type RawTable = { headerRow: number; header: string[]; rows: { row: number; cells: string[] }[] }

/** The file cannot be read as a table at all: a usage error, not a bad row. */
export class TableFileError extends Error {}

export const SUPPORTED_TYPES = '.csv（UTF-8，逗号分隔）或 .xlsx (CSV in UTF-8 or XLSX)'

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '')

/** Records with their row numbers → the header (the first record) and the non-blank rows after it. */
export function toTable(records: { row: number; cells: string[] }[]): RawTable {
  const [head, ...rest] = records
  return {
    headerRow: head?.row ?? 1,
    header: head?.cells.map((c) => c.trim()) ?? [],
    rows: rest.filter((r) => !isBlank(r.cells)),
  }
}

/** Decodes a CSV file's bytes; Excel's "CSV UTF-8" adds a BOM, which is dropped. */
export function csvText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw new TableFileError(
      '文件不是 UTF-8 编码：请在 Excel 中「另存为 → CSV UTF-8（逗号分隔）」，或直接导入 .xlsx 文件',
    )
  }
}
