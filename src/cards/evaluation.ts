import type { BranchEvaluation } from '../domain/evaluation'
import type { UnitNode } from '../domain/members'
import { type Locale, type MessageKey, type Params, translate } from '../i18n'
import type { Card, Section } from './card'
import { markdownParams } from './markdown'

/** Rows a card lists at most: 500 branches would not fit a chat card; violations always come first. */
export const ROWS_LISTED = 60

export type EvaluationRow = { branch: UnitNode; evaluation: BranchEvaluation }

const score = (n: number | null) => (n === null ? '—' : String(n))

/** Violations first, then branches with an assessment, then by code. */
export function evaluationOrder(a: EvaluationRow, b: EvaluationRow): number {
  const rank = (r: EvaluationRow) => (r.evaluation.violation ? 0 : r.evaluation.business ? 1 : 2)
  return rank(a) - rank(b) || a.branch.code.localeCompare(b.branch.code)
}

/** The 考评 card: each branch's inspections, both grades and the 双评双优 check, violations first. */
export function evaluationCard(locale: Locale, year: number, rows: EvaluationRow[]): Card {
  const t = (key: MessageKey, params: Params = {}) => translate(locale, key, params)
  const sorted = [...rows].sort(evaluationOrder)
  const violations = sorted.filter((r) => r.evaluation.violation)
  const sections: Section[] = [
    {
      kind: 'markdown',
      text:
        violations.length === 0
          ? t('evaluation.noViolations')
          : [
              t('evaluation.violationsHead', { count: violations.length }),
              ...violations.map((r) =>
                t(
                  'evaluation.violationLine',
                  markdownParams({
                    unit: r.branch.name,
                    review: r.evaluation.review ?? t('evaluation.notAssessed'),
                  }),
                ),
              ),
            ].join('\n'),
    },
    {
      kind: 'table',
      columns: t('evaluation.columns').split('|'),
      rows: sorted
        .slice(0, ROWS_LISTED)
        .map(({ branch, evaluation: e }) => [
          branch.name,
          String(e.inspections),
          score(e.partyScore),
          score(e.productionScore),
          e.review ?? t('evaluation.notAssessed'),
          e.business ?? t('evaluation.notAssessed'),
          e.business === null ? '—' : e.violation ? t('evaluation.violated') : t('evaluation.ok'),
        ]),
    },
  ]
  const notes = [
    t('evaluation.counts', {
      assessed: rows.filter((r) => r.evaluation.business !== null).length,
      total: rows.length,
      inspections: rows.reduce((n, r) => n + r.evaluation.inspections, 0),
    }),
  ]
  if (sorted.length > ROWS_LISTED)
    notes.push(t('evaluation.moreBranches', { count: sorted.length - ROWS_LISTED }))
  sections.push({ kind: 'markdown', text: notes.join('\n') })
  return {
    title: t('evaluation.cardTitle', { year }),
    tone: violations.length > 0 ? 'warning' : 'success',
    sections,
  }
}
