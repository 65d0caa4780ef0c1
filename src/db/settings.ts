import { desc } from 'drizzle-orm'
import { DEFAULT_SETTINGS_DOC, type Settings, SettingsSchema } from '../domain/settings'
import { perDb } from './prepared'
import { settings } from './schema'
import type { Db, Write } from './store'

/** The newest settings version; a database without one runs on the defaults as version 0. */
export async function currentSettings(db: Db): Promise<Settings> {
  const entry = entryFor(db)
  const [row] = await entry.newest.all()
  if (!row) return { ...DEFAULT_SETTINGS_DOC, version: 0 }
  // Versions are never edited in place, so a version parsed once stays valid.
  if (entry.parsed?.version !== row.version)
    entry.parsed = { ...SettingsSchema.parse(JSON.parse(row.doc)), version: row.version }
  return entry.parsed
}

const entryFor = perDb((db) => ({
  newest: db.select().from(settings).orderBy(desc(settings.version)).limit(1).prepare(),
  parsed: undefined as Settings | undefined,
}))

/** The first version, written once: later versions are added by admins, never edited in place. */
export function initialSettings(db: Db, now: number): Write {
  return db
    .insert(settings)
    .values({ version: 1, doc: JSON.stringify(DEFAULT_SETTINGS_DOC), createdAt: now, createdBy: 'defaults' })
    .onConflictDoNothing()
}
