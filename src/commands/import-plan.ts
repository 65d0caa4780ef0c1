import type { Db, Store, Write } from '../db/store'
import { localDay } from '../domain/time'
import type { MessageKey, Params } from '../i18n'
import { formatCalendarReport, importCalendar } from '../import/calendar-import'
import { formatProductionReport, importProduction } from '../import/production-import'
import { formatQuestionsReport, importQuestions } from '../import/questions-import'
import { formatRosterReport } from '../import/report'
import { importRoster } from '../import/roster-import'
import { formatShiftsReport, importShifts } from '../import/shifts-import'
import type { RawTable } from '../import/table'

export const IMPORT_KINDS = ['roster', 'questions', 'calendar', 'shifts', 'production'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

/** What an import would do: the row problems (the command line's own report lines), or the writes and counts. */
type Counts = { key: MessageKey; params: Params }
export type Plan =
  | { ok: false; lines: string[] }
  | { ok: true; notes: string[]; counts: Counts; writes: Write[] }

/**
 * Runs the command line's import (src/import) against a store that keeps the writes instead of committing them,
 * so chat and CLI share one validation and one set of writes: the preview shows their counts, and the confirm
 * commits them in the command's own batch, beside the mark that makes a second confirm do nothing.
 */
export async function planImport(
  db: Db,
  kind: ImportKind,
  table: RawTable,
  at: { now: number; timeZone: string },
): Promise<Plan> {
  const writes: Write[] = []
  const store: Store = {
    db,
    commit: async (w) => {
      writes.push(...w)
    },
    isUniqueViolation: () => false,
  }
  const { now } = at
  // Every report ends with its summary line (for the command line); the lines before it are rows and notes.
  const body = (lines: string[]) => lines.slice(0, -1)
  switch (kind) {
    case 'roster': {
      const r = await importRoster(store, table)
      if (!r.ok || !r.summary) return { ok: false, lines: formatRosterReport(r) }
      const { inserted: added, updated: changed, unchanged, untouched } = r.summary
      const counts = {
        key: 'imports.counts.roster' as const,
        params: { added, changed, unchanged, untouched },
      }
      return { ok: true, notes: body(formatRosterReport(r)), counts, writes }
    }
    case 'questions': {
      const r = await importQuestions(store, table, { now })
      if (!r.ok || !r.summary) return { ok: false, lines: formatQuestionsReport(r) }
      const { inserted: added, updated: changed, unchanged } = r.summary
      const counts = { key: 'imports.counts.questions' as const, params: { added, changed, unchanged } }
      return { ok: true, notes: body(formatQuestionsReport(r)), counts, writes }
    }
    case 'calendar': {
      const r = await importCalendar(store, table, { now })
      if (!r.ok || !r.summary) return { ok: false, lines: formatCalendarReport(r) }
      const { holidayYears, holidayDays: days, entries } = r.summary
      const counts: Counts = holidayYears.length
        ? { key: 'imports.counts.calendar', params: { years: holidayYears.join('、'), days, entries } }
        : { key: 'imports.counts.calendarNoHolidays', params: { entries } }
      return { ok: true, notes: body(formatCalendarReport(r)), counts, writes }
    }
    case 'shifts': {
      const r = await importShifts(store, table, { now })
      if (!r.ok || !r.summary) return { ok: false, lines: formatShiftsReport(r) }
      const counts = { key: 'imports.counts.shifts' as const, params: r.summary }
      return { ok: true, notes: body(formatShiftsReport(r)), counts, writes }
    }
    case 'production': {
      const today = localDay(now, at.timeZone)
      const r = await importProduction(store, table, { dryRun: false, now, today })
      if (!r.ok || !r.summary) return { ok: false, lines: formatProductionReport(r) }
      const { inserted: added, duplicates } = r.summary
      const counts = { key: 'imports.counts.production' as const, params: { added, duplicates } }
      return { ok: true, notes: body(formatProductionReport(r)), counts, writes }
    }
  }
}
