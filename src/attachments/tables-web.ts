import { TableFileError } from '../import/table'
import { parseCsvWeb } from './csv'
import type { TableReader } from './port'

/** The Worker's reader: CSV only, since exceljs needs Node (DESIGN §6 "XLSX"). */
export const webTables: TableReader = async (name, bytes) => {
  const ext = extensionOf(name)
  if (ext === '.csv') return parseCsvWeb(bytes)
  if (ext === '.xlsx')
    throw new TableFileError(
      '这里（Cloudflare Workers）不能读取 .xlsx：请在 Excel 中「另存为 → CSV UTF-8（逗号分隔）」后发送 .csv 文件',
    )
  throw new TableFileError(`不支持的文件类型「${ext || '无扩展名'}」：请发送 .csv（UTF-8，逗号分隔）文件`)
}

export const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.')
  return dot < 0 ? '' : name.slice(dot).toLowerCase()
}
