import { desc, eq, sql } from 'drizzle-orm'
import { DEFAULT_SETTINGS_DOC, type Settings, SettingsSchema } from '../domain/settings'
import { perDb } from './prepared'
import { settings } from './schema'
import type { Db, Write } from './store'

/** The newest settings version; a database without one runs on the defaults as version 0. */
export async function currentSettings(db: Db): Promise<Settings> {
  const entry = entryFor(db)
  // Every event asks; reading only the number keeps the document (kilobytes of JSON) off that path.
  const [newest] = await entry.newestVersion.all()
  if (!newest) return { ...DEFAULT_SETTINGS_DOC, version: 0 }
  // Versions are never edited in place, so a version parsed once stays valid.
  if (entry.parsed?.version !== newest.version) {
    const [row] = await entry.doc.all({ version: newest.version })
    if (!row) throw new Error(`settings version ${newest.version} vanished while being read`)
    entry.parsed = { ...SettingsSchema.parse(JSON.parse(row.doc)), version: newest.version }
  }
  return entry.parsed
}

const entryFor = perDb((db) => ({
  newestVersion: db
    .select({ version: settings.version })
    .from(settings)
    .orderBy(desc(settings.version))
    .limit(1)
    .prepare(),
  doc: db
    .select({ doc: settings.doc })
    .from(settings)
    .where(eq(settings.version, sql.placeholder('version')))
    .prepare(),
  parsed: undefined as Settings | undefined,
}))

/** The first version, written once: later versions are added by admins, never edited in place. */
export function initialSettings(db: Db, now: number): Write {
  return db
    .insert(settings)
    .values({ version: 1, doc: JSON.stringify(DEFAULT_SETTINGS_DOC), createdAt: now, createdBy: 'defaults' })
    .onConflictDoNothing()
}
