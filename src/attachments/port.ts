import type { RawTable } from '../import/table'
import type { Attachment, Platform } from '../messages'

/** Downloads an attachment's bytes from the platform it came from, up to `limit` bytes. */
export type AttachmentFetcher = (attachment: Attachment, limit: number) => Promise<Uint8Array>

/** Reads an uploaded sheet by its file name: CSV everywhere, XLSX where exceljs loads (Node). */
export type TableReader = (name: string, bytes: Uint8Array) => Promise<RawTable>

/** What commands that take a file need from the shell: the platforms' downloads and a sheet reader. */
export type Files = {
  fetchers: Partial<Record<Platform, AttachmentFetcher>>
  readTable: TableReader
}
