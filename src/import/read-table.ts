import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { csvText, type RawTable, SUPPORTED_TYPES, TableFileError, toTable } from './table'

export { type RawTable, SUPPORTED_TYPES, TableFileError } from './table'

/** CSV bytes as rows; Excel's "CSV UTF-8" adds a BOM, and a blank line still counts as a spreadsheet row. */
export function parseCsv(bytes: Uint8Array): RawTable {
  const text = csvText(bytes)
  let records: string[][]
  try {
    records = parse(text, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      record_delimiter: ['\r\n', '\n', '\r'],
    })
  } catch (err) {
    const line = (err as { lines?: number }).lines
    throw new TableFileError(
      `CSV 格式有误${line ? `（约第 ${line} 行）` : ''}：${(err as Error).message}；请检查引号是否成对`,
    )
  }
  return toTable(records.map((cells, i) => ({ row: i + 1, cells })))
}

/**
 * A date or time cell holds Excel's serial, which exceljs reads as a UTC instant: `text` would print it in the
 * server's zone, so it becomes `YYYY-MM-DD`, or `HH:MM` for a time alone (Excel's day 0 is 1899-12-30).
 */
function cellText(cell: { value: unknown; text?: string }): string {
  if (!(cell.value instanceof Date)) return cell.text ?? ''
  const iso = cell.value.toISOString()
  return iso.startsWith('1899-12-30') ? iso.slice(11, 16) : iso.slice(0, 10)
}

/** The first worksheet; `cell.text` gives what Excel shows (numbers, rich text, formula results). */
export async function parseXlsx(bytes: Uint8Array): Promise<RawTable> {
  // Loaded on demand: exceljs takes ~0.6 s to load, which a CSV import or --help need not pay.
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  try {
    // exceljs 4.4 types `load` with its own Buffer interface, which today's @types/node Buffer no longer fits.
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  } catch {
    throw new TableFileError('无法读取 XLSX 文件：文件已损坏或不是 Excel 2007 及以后的 .xlsx 格式')
  }
  const sheet = wb.worksheets[0]
  if (!sheet) throw new TableFileError('XLSX 文件中没有工作表')
  const records: { row: number; cells: string[] }[] = []
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = []
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)))
    records.push({ row: row.number, cells })
  })
  // The header is the first row Excel has, wherever the sheet starts.
  return toTable(records)
}

/** Reads a CSV or XLSX file by its extension. */
export async function readTable(file: string): Promise<RawTable> {
  const ext = path.extname(file).toLowerCase()
  if (ext !== '.csv' && ext !== '.xlsx')
    throw new TableFileError(`不支持的文件类型「${ext || '无扩展名'}」：支持 ${SUPPORTED_TYPES}`)
  let bytes: Uint8Array
  try {
    bytes = fs.readFileSync(file)
  } catch (err) {
    const code = (err as { code?: string }).code
    throw new TableFileError(
      code === 'ENOENT' ? `找不到文件「${file}」` : `无法读取文件「${file}」：${(err as Error).message}`,
    )
  }
  return ext === '.csv' ? parseCsv(bytes) : parseXlsx(bytes)
}
