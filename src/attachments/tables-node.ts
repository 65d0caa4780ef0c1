import { parseCsv, parseXlsx, SUPPORTED_TYPES, TableFileError } from '../import/read-table'
import type { TableReader } from './port'
import { extensionOf } from './tables-web'

/** Node's reader: the command line's own CSV and XLSX readers, so a file reads the same by chat and by CLI. */
export const nodeTables: TableReader = async (name, bytes) => {
  const ext = extensionOf(name)
  if (ext === '.csv') return parseCsv(bytes)
  if (ext === '.xlsx') return parseXlsx(bytes)
  throw new TableFileError(`不支持的文件类型「${ext || '无扩展名'}」：支持 ${SUPPORTED_TYPES}`)
}
