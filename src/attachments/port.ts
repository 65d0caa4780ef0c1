import type { BookWriter } from '../export/book'
import type { RawTable } from '../import/table'
import type { Attachment, Platform } from '../messages'

/** Downloads an attachment's bytes from the platform it came from, up to `limit` bytes. */
export type AttachmentFetcher = (attachment: Attachment, limit: number) => Promise<Uint8Array>

/** Reads an uploaded sheet by its file name: CSV everywhere, XLSX where exceljs loads (Node). */
export type TableReader = (name: string, bytes: Uint8Array) => Promise<RawTable>

/**
 * What commands that take or give a file need from the shell: the platforms' downloads, a sheet reader, and the
 * export's workbook writer (XLSX on Node; absent, the CSV writer every runtime has).
 */
export type Files = {
  fetchers: Partial<Record<Platform, AttachmentFetcher>>
  readTable: TableReader
  writeBook?: BookWriter
}
