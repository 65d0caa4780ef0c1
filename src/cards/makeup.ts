import { type Locale, type MessageKey, type Params, translate } from '../i18n'
import type { Card } from './card'
import { markdownParams } from './markdown'

export type MakeupFacts = {
  id: number
  name: string
  title: string
  reason: string
  closed: string
  at: string
}

/** The secretary's card for a 补签 request: buttons while it waits, the verdict (who and when) once decided. */
export function makeupCard(
  locale: Locale,
  f: MakeupFacts,
  decided?: { verdict: 'confirmed' | 'rejected'; by: string; at: string },
): Card {
  const tr = (k: MessageKey, p: Params = {}) => translate(locale, k, p)
  const body = tr('shifts.makeup.cardBody', markdownParams({ ...f, id: f.id }))
  return {
    title: tr('shifts.makeup.cardTitle', { id: f.id }),
    tone: decided ? (decided.verdict === 'confirmed' ? 'success' : 'warning') : 'info',
    sections: [
      { kind: 'markdown', text: body },
      decided
        ? {
            kind: 'markdown',
            text: tr(
              decided.verdict === 'confirmed'
                ? 'shifts.makeup.decidedConfirmed'
                : 'shifts.makeup.decidedRejected',
              markdownParams({ by: decided.by, at: decided.at }),
            ),
          }
        : {
            kind: 'buttons',
            buttons: [
              {
                label: tr('shifts.makeup.confirm'),
                action: 'makeup.confirm',
                value: String(f.id),
                style: 'primary',
              },
              {
                label: tr('shifts.makeup.reject'),
                action: 'makeup.reject',
                value: String(f.id),
                style: 'danger',
              },
            ],
          },
    ],
  }
}
