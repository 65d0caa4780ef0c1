/**
 * A workbook as data, whatever writes it: sheets of a title line, a header row and rows of cells. Numbers stay
 * numbers (a percent as 85.7 under a header that says %), an empty cell is null.
 */
export type Cell = string | number | null

export type Sheet = { name: string; title: string; columns: string[]; rows: Cell[][] }

export type Book = { name: string; sheets: Sheet[] }

export type BookFile = { name: string; mime: string; bytes: Uint8Array }

/** Writes a book as a file: XLSX with exceljs on Node (book-xlsx.ts), CSV on Workers (book-csv.ts). */
export type BookWriter = (book: Book) => Promise<BookFile>
