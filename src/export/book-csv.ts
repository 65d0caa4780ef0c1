import type { Book, BookWriter, Cell } from './book'

const quote = (c: Cell) => {
  const s = c === null ? '' : String(c)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/**
 * The Worker's writer (exceljs needs Node, DESIGN §6 "XLSX"): one CSV with a UTF-8 BOM so Excel opens it in
 * Chinese, the sheets one after another, each its title line, header and rows, a blank line between.
 */
export const csvBook: BookWriter = async (book: Book) => {
  const lines = book.sheets.flatMap((s, i) => [
    ...(i > 0 ? [''] : []),
    quote(s.title),
    s.columns.map(quote).join(','),
    ...s.rows.map((r) => r.map(quote).join(',')),
  ])
  return {
    name: `${book.name}.csv`,
    mime: 'text/csv; charset=utf-8',
    bytes: new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`),
  }
}
