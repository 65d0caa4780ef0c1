import { shiftDay } from './dates'

/**
 * 错题本 rules: a wrong answer comes back after 1 day, then 3, then every 7 (each review steps the schedule,
 * right or wrong) until the member has answered it right twice in review.
 */
export const REVIEW_STEPS = [1, 3, 7] as const
export const RIGHTS_TO_CLEAR = 2

export type ReviewState = {
  stage: number
  rights: number
  dueDay: string
  wrongDay: string
  lastDay: string
  doneDay: string | null
}

const stepAfter = (stage: number) => REVIEW_STEPS[Math.min(stage, REVIEW_STEPS.length - 1)] as number

/** A wrong answer outside review (or on a question already cleared): the question starts over. */
export function afterWrong(day: string): ReviewState {
  return {
    stage: 0,
    rights: 0,
    dueDay: shiftDay(day, stepAfter(0)),
    wrongDay: day,
    lastDay: day,
    doneDay: null,
  }
}

/** A review answered on `day`: the next step of the schedule, or out of the book at the second right answer. */
export function afterReview(s: ReviewState, correct: boolean, day: string): ReviewState {
  const stage = s.stage + 1
  const rights = s.rights + (correct ? 1 : 0)
  return {
    stage,
    rights,
    dueDay: shiftDay(day, stepAfter(stage)),
    wrongDay: s.wrongDay,
    lastDay: day,
    doneDay: rights >= RIGHTS_TO_CLEAR ? day : null,
  }
}

/** What an answer does to the 错题本: an open entry is reviewed, a wrong answer opens (or reopens) one. */
export function reviewAfterAnswer(
  open: ReviewState | undefined,
  correct: boolean,
  day: string,
): ReviewState | undefined {
  if (open && open.doneDay === null) return afterReview(open, correct, day)
  return correct ? undefined : afterWrong(day)
}

/**
 * Whether an entry belongs to `day`'s review list: due and open, or already reviewed that day (so answering
 * one does not renumber the rest). Entries opened that day wait for tomorrow.
 */
export function inReviewList(s: ReviewState, day: string): boolean {
  if (s.stage > 0 && s.lastDay === day) return true
  return s.doneDay === null && s.dueDay <= day && s.wrongDay !== day
}
