import { csvText, type RawTable, TableFileError, toTable } from '../import/table'

/**
 * RFC 4180 CSV without a Node dependency, for the Worker (csv-parse does not load there): commas, double quotes
 * with `""` inside, CR, LF or CRLF line ends, a quoted field may span lines. As the Node reader, a blank line
 * still counts as a spreadsheet row, rows may differ in length, and a stray quote inside an unquoted field is
 * taken as text.
 */
export function parseCsvWeb(bytes: Uint8Array): RawTable {
  const text = csvText(bytes)
  const records: string[][] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let i = 0
  const endCell = () => {
    cells.push(cell)
    cell = ''
  }
  const endRecord = () => {
    endCell()
    records.push(cells)
    cells = []
  }
  while (i < text.length) {
    const c = text[i] as string
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i += 2
        continue
      }
      if (c === '"') quoted = false
      else cell += c
      i++
      continue
    }
    if (c === '"' && cell === '') quoted = true
    else if (c === ',') endCell()
    else if (c === '\r' || c === '\n') {
      endRecord()
      if (c === '\r' && text[i + 1] === '\n') i++
    } else cell += c
    i++
  }
  if (quoted) throw new TableFileError('CSV 格式有误：有一个引号没有成对，请检查引号是否成对')
  if (cell !== '' || cells.length > 0) endRecord()
  return toTable(records.map((c, n) => ({ row: n + 1, cells: c })))
}
