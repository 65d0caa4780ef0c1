import { daysBetween, shiftDay } from './dates'
import type { EscalationAction, EscalationPolicy, EscalationSettings } from './escalation-settings'

/**
 * 逐级催办 as pure rules: which steps of a policy are due for an item on a day, which nudge a 加急 presses on,
 * whether a paid 加急 fits the day's budget. Kinds of items (overdue tasks, meetings not held …) supply the items.
 */
export type EscalationItem = {
  /** Unique within its kind, stable across runs: the step record is keyed by it. */
  key: string
  unitId: number
  /** What the messages call it: `#12 井下巷道整改`, `2026-11 支部委员会`. */
  title: string
  /** Members who must act, and the leaders a `leaderCard` step goes to. */
  responsible: number[]
  leaders: number[]
  /** The last local day the item was on time. */
  dueDay: string
  done: boolean
}

/** The local day a step fires: day 0 is the day after the item was due. */
export const stepDay = (dueDay: string, afterDays: number) => shiftDay(dueDay, 1 + afterDays)

/** Days the item has been overdue on `today` (1 on the first day after due). */
export const overdueDays = (dueDay: string, today: string) => daysBetween(dueDay, today)

/**
 * A ladder ends a day after its last step: an item overdue for longer (found late, or the bot was down) is left
 * to the weekly digest rather than firing every step at once.
 */
export function onLadder(policy: EscalationPolicy, dueDay: string, today: string): boolean {
  const last = policy.steps.at(-1)
  if (!last) return false
  return today > dueDay && today <= shiftDay(stepDay(dueDay, last.afterDays), 1)
}

/** Indexes of the steps due by `today` for an item still open. */
export function dueSteps(policy: EscalationPolicy, item: EscalationItem, today: string): number[] {
  if (item.done || !onLadder(policy, item.dueDay, today)) return []
  return policy.steps.flatMap((s, i) => (stepDay(item.dueDay, s.afterDays) <= today ? [i] : []))
}

/** The nudge a 加急 step presses on: the last `nudge` step before it, if the policy has one. */
export function nudgeBefore(policy: EscalationPolicy, index: number): number | undefined {
  for (let i = index - 1; i >= 0; i--) if (policy.steps[i]?.action === 'nudge') return i
  return undefined
}

export const isPressing = (action: EscalationAction) =>
  action === 'urgent' || action === 'sms' || action === 'phone'

export type PaidVerdict = 'ok' | 'off' | 'budget'

/** SMS and phone 加急 only when turned on, and only while today's calls plus these stay within the budget. */
export function paidVerdict(
  action: 'sms' | 'phone',
  paid: EscalationSettings['paid'],
  usedToday: number,
  recipients: number,
): PaidVerdict {
  if (!paid[action]) return 'off'
  return usedToday + recipients <= paid.dailyBudget ? 'ok' : 'budget'
}
