/** The dual evaluation (issue 9): grades, scores and the 双评双优 rule, pure. */

export const REVIEW_GRADES = ['好', '较好', '一般', '差'] as const
export const BUSINESS_GRADES = ['优秀', '良好', '合格', '不合格'] as const
export type ReviewGrade = (typeof REVIEW_GRADES)[number]
export type BusinessGrade = (typeof BUSINESS_GRADES)[number]

/** What the year's evaluation of one branch comes to: the shape every card and export reads. */
export type BranchEvaluation = {
  inspections: number
  /** Mean Party-building score of the year's inspections, one decimal; null without inspections. */
  partyScore: number | null
  /** Mean production score of the year's inspections, one decimal; null without inspections. */
  productionScore: number | null
  review: ReviewGrade | null
  business: BusinessGrade | null
  /** 双评双优 broken: rated 优秀 in the business assessment while the Party-building review is not 好. */
  violation: boolean
}

/** 双评双优: a branch may be 优秀 in business only if its Party-building review is 好. */
export const violatesDualExcellence = (review: ReviewGrade | null, business: BusinessGrade | null): boolean =>
  business === '优秀' && review !== '好'

/** A mean rounded to one decimal, or null for no values. */
export const meanScore = (sum: number, count: number): number | null =>
  count === 0 ? null : Math.round((sum / count) * 10) / 10

export function evaluationOf(
  inspections: { count: number; partySum: number; productionSum: number } | undefined,
  assessment: { review: ReviewGrade; business: BusinessGrade } | undefined,
): BranchEvaluation {
  const count = inspections?.count ?? 0
  const review = assessment?.review ?? null
  const business = assessment?.business ?? null
  return {
    inspections: count,
    partyScore: meanScore(inspections?.partySum ?? 0, count),
    productionScore: meanScore(inspections?.productionSum ?? 0, count),
    review,
    business,
    violation: violatesDualExcellence(review, business),
  }
}
