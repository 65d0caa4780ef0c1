import type { PointsRequest } from '../db/manual-points'
import { type Locale, type MessageKey, type Params, translate } from '../i18n'
import type { Card } from './card'
import { markdownParams } from './markdown'

export const APPROVE_POINTS = 'points.approve'
export const REJECT_POINTS = 'points.reject'

/** The buttons name a request by member, day and n-th of the day: known before the request row is written. */
export const requestValue = (r: { memberId: number; day: string; nth: number }) =>
  `${r.memberId}|${r.day}|${r.nth}`

export type RequestView = NonNullable<PointsRequest> & { branch: string; by: string }

/** What a request is, in the reader's language: who, how many points either way, why. */
export function requestParams(locale: Locale, r: { name: string; points: number; reason: string }) {
  return {
    ...markdownParams({ name: r.name, reason: r.reason }),
    verb: translate(locale, r.points > 0 ? 'supervision.manualAdd' : 'supervision.manualDeduct'),
    points: Math.abs(r.points),
  }
}

/** The leader's card: the request and, while it waits, 批准 / 驳回. */
export function pointsRequestCard(locale: Locale, r: RequestView): Card {
  const t = (k: MessageKey, p: Params = {}) => translate(locale, k, p)
  const params = {
    ...requestParams(locale, r),
    ...markdownParams({ branch: r.branch, by: r.by }),
    day: r.day,
  }
  const pending = r.status === 'pending'
  return {
    title: t('pointsApproval.cardTitle', { name: r.name, verb: params.verb, points: params.points }),
    tone: pending ? 'warning' : r.status === 'approved' ? 'success' : 'info',
    sections: [
      { kind: 'markdown', text: t('pointsApproval.cardBody', params) },
      pending
        ? {
            kind: 'buttons',
            buttons: [
              {
                label: t('pointsApproval.approve'),
                action: APPROVE_POINTS,
                value: requestValue(r),
                style: 'primary',
              },
              {
                label: t('pointsApproval.reject'),
                action: REJECT_POINTS,
                value: requestValue(r),
                style: 'danger',
              },
            ],
          }
        : { kind: 'markdown', text: t(`pointsApproval.status.${r.status}`) },
    ],
  }
}
