import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

export type BackupProgress = { totalPages: number; remainingPages: number }

/**
 * Copies a live SQLite database page by page with SQLite's online backup API: the bot keeps writing while it
 * runs (each step takes a short read lock), and the copy is a consistent snapshot of one moment. Written to a
 * temporary name and renamed, so a half-written file never carries the backup's name.
 */
export async function backupDatabase(
  source: string,
  destination: string,
  onProgress?: (p: BackupProgress) => void,
): Promise<{ pages: number; bytes: number }> {
  if (!fs.existsSync(source)) throw new Error(`database ${source} does not exist`)
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true })
  const partial = `${destination}.partial`
  fs.rmSync(partial, { force: true })
  const db = new Database(source, { fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  let pages = 0
  try {
    await db.backup(partial, {
      progress({ totalPages, remainingPages }) {
        pages = totalPages
        onProgress?.({ totalPages, remainingPages })
        // 100 pages (~400 KiB) per step keeps each read lock short for the running bot.
        return 100
      },
    })
  } catch (err) {
    fs.rmSync(partial, { force: true })
    throw err
  } finally {
    db.close()
  }
  const check = new Database(partial, { readonly: true })
  const verdict = check.pragma('integrity_check', { simple: true })
  check.close()
  if (verdict !== 'ok') {
    fs.rmSync(partial, { force: true })
    throw new Error(`the copy failed its integrity check: ${String(verdict)}`)
  }
  fs.renameSync(partial, destination)
  return { pages, bytes: fs.statSync(destination).size }
}
