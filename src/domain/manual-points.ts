/** Points given by hand (加分 / 扣分): the limits of settings.points.manual, decided without I/O. */

export type ManualLimits = { maxPerAward: number; dailyCap: number }

export type ManualDecision =
  | { kind: 'ok'; points: number; usedAfter: number }
  | { kind: 'overAward'; max: number }
  | { kind: 'overDaily'; cap: number; used: number }

/**
 * One award or deduction of `amount` (positive) for a member who already had `usedToday` manual points moved
 * today, counted in absolute value: the daily cap bounds how much a secretary can shift a member's score in a
 * day in either direction, so a deduction followed by an award cannot get round it.
 */
export function decideManual(
  sign: 1 | -1,
  amount: number,
  usedToday: number,
  limits: ManualLimits,
): ManualDecision {
  if (amount > limits.maxPerAward) return { kind: 'overAward', max: limits.maxPerAward }
  if (usedToday + amount > limits.dailyCap)
    return { kind: 'overDaily', cap: limits.dailyCap, used: usedToday }
  return { kind: 'ok', points: sign * amount, usedAfter: usedToday + amount }
}

/**
 * The ledger source of a member's n-th manual change on a day. Two secretaries giving points at the same
 * moment both read n-1 rows and both write the n-th source: the unique (member, rule, source) index refuses
 * one, and its re-run sees the other's row and checks the cap again.
 */
export const manualSource = (day: string, n: number) => `manual:${day}:${n}`
