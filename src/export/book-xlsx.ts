import type { Book, BookWriter } from './book'

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Excel refuses sheet names over 31 characters or with any of : \ / ? * [ ]. */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31)

/** Node's writer: one worksheet per sheet, the title in row 1, the bold header in row 2, the rows below. */
export const xlsxBook: BookWriter = async (book: Book) => {
  // Loaded on demand, as for import (read-table.ts): exceljs takes ~0.6 s to load.
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  for (const s of book.sheets) {
    const ws = wb.addWorksheet(sheetName(s.name))
    ws.addRow([s.title]).font = { bold: true, size: 13 }
    ws.addRow(s.columns).font = { bold: true }
    for (const r of s.rows) ws.addRow(r)
    s.columns.forEach((c, i) => {
      const widest = Math.max(c.length, ...s.rows.map((r) => String(r[i] ?? '').length))
      ws.getColumn(i + 1).width = Math.min(40, Math.max(8, widest * 2))
    })
    ws.views = [{ state: 'frozen', ySplit: 2 }]
  }
  const buffer = await wb.xlsx.writeBuffer()
  return { name: `${book.name}.xlsx`, mime: XLSX_MIME, bytes: new Uint8Array(buffer as ArrayBuffer) }
}
