/** The supervision ledger's rules (一台账): which step an item allows, and when an overdue item nudges. */
import { daysBetween } from './dates'

export type LedgerStatus = 'reported' | 'open' | 'submitted' | 'closed'

/** 台账's status words, as typed; `全部` lists every status. */
export const STATUS_WORDS: Record<string, LedgerStatus | 'all'> = {
  待立项: 'reported',
  reported: 'reported',
  整改中: 'open',
  open: 'open',
  待验证: 'submitted',
  submitted: 'submitted',
  已销号: 'closed',
  closed: 'closed',
  全部: 'all',
  all: 'all',
}

/** The status each step starts from: 立项 a report, 整改 an open problem (again until verified), 验证 evidence. */
export const STEP_FROM: Record<'open' | 'fix' | 'verify', readonly LedgerStatus[]> = {
  open: ['reported'],
  fix: ['open', 'submitted'],
  verify: ['submitted'],
}

/**
 * The nudge step an open problem has reached on `today`: the largest of `nudgeDays` (days past the deadline)
 * it has passed, or undefined before the first. A day the scheduler missed folds into the next step's nudge.
 */
export function nudgeStep(dueDay: string, today: string, nudgeDays: readonly number[]): number | undefined {
  const late = daysBetween(dueDay, today)
  const passed = nudgeDays.filter((d) => late >= d)
  return passed.length ? Math.max(...passed) : undefined
}
