/** 补签: which closed activity a member's make-up is for, and what it earns. Pure: the command loads the facts. */

export type MakeupCandidate = {
  id: number
  title: string
  /** The member already has a record (check-in, leave, correction) for it. */
  recorded: boolean
  /** Their earlier make-up request for it, if any. */
  request?: 'pending' | 'confirmed' | 'rejected'
}

export type MakeupChoice =
  | { kind: 'none' }
  | { kind: 'asked'; activity: MakeupCandidate; status: 'pending' | 'confirmed' | 'rejected' }
  | { kind: 'ok'; activity: MakeupCandidate }

/**
 * Candidates are the activities of the member's branch that closed within the grace, newest first: the make-up
 * is for the newest one they have no record of. Asking twice for it answers with the first request's state.
 */
export function chooseMakeup(candidates: readonly MakeupCandidate[]): MakeupChoice {
  const missed = candidates.find((c) => !c.recorded)
  if (!missed) return { kind: 'none' }
  if (missed.request) return { kind: 'asked', activity: missed, status: missed.request }
  return { kind: 'ok', activity: missed }
}

/** The points a confirmed make-up earns under its rule and daily cap, given what make-ups earned that day. */
export function makeupAward(
  rule: { points: number; dailyCap: number | null },
  earnedToday: number,
): { points: number; capped: boolean } {
  if (rule.dailyCap === null) return { points: rule.points, capped: false }
  const room = Math.max(0, rule.dailyCap - earnedToday)
  return { points: Math.min(rule.points, room), capped: rule.points > room }
}
