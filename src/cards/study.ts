import type { StudyItemRow } from '../db/study'
import type { StudyCompletion } from '../domain/study'
import { wallTime } from '../domain/time'
import { type Locale, translate } from '../i18n'
import type { Card } from './card'
import { escapeMarkdown } from './markdown'

/** The card a study item goes out on: shared by the whole group, so it carries no one's own state. */
export function studyCard(locale: Locale, item: StudyItemRow, unitName: string, publisher: string): Card {
  const t = (key: Parameters<typeof translate>[1], params = {}) => translate(locale, key, params)
  return {
    title: t('supervision.studyCardTitle', { title: item.title }),
    tone: 'info',
    sections: [
      ...(item.body ? [{ kind: 'markdown' as const, text: escapeMarkdown(item.body) }] : []),
      {
        kind: 'fields',
        fields: [
          { label: t('supervision.studyNo'), value: String(item.id) },
          { label: t('supervision.studyFrom'), value: `${unitName} ${publisher}` },
        ],
      },
      { kind: 'markdown', text: t('supervision.studyHint', { id: item.id }) },
      {
        kind: 'buttons',
        buttons: [
          {
            label: t('supervision.studyButton'),
            action: 'study.done',
            value: String(item.id),
            style: 'primary',
          },
        ],
      },
    ],
  }
}

/** A long list of names helps no one: a committee-wide item shows the first ones and the per-branch table. */
const NAMES_SHOWN = 30

export type BranchCompletion = { name: string; studied: number; expected: number }

/** 学习情况: how many of the expected members studied, and who has not yet. */
export function studyStatusCard(
  locale: Locale,
  item: StudyItemRow,
  scopeName: string,
  c: StudyCompletion,
  timeZone: string,
  byBranch: BranchCompletion[] = [],
): Card {
  const t = (key: Parameters<typeof translate>[1], params = {}) => translate(locale, key, params)
  const shown = c.missing.slice(0, NAMES_SHOWN).map((p) => escapeMarkdown(p.name))
  const more = c.missing.length - shown.length
  const missing = shown.join('、') + (more > 0 ? t('supervision.statusMore', { count: more }) : '')
  return {
    title: t('supervision.statusTitle', { title: item.title, scope: scopeName }),
    tone: c.missing.length ? 'warning' : 'success',
    sections: [
      {
        kind: 'fields',
        fields: [
          { label: t('supervision.statusStudied'), value: `${c.studied.length}/${c.expected}` },
          { label: t('supervision.statusRate'), value: `${Math.round(c.rate * 100)}%` },
          { label: t('supervision.statusPublished'), value: wallTime(item.publishedAt, timeZone, true) },
        ],
      },
      {
        kind: 'markdown',
        text: missing ? t('supervision.statusMissing', { names: missing }) : t('supervision.statusAllDone'),
      },
      ...(byBranch.length
        ? [
            {
              kind: 'table' as const,
              columns: t('supervision.statusColumns').split('|'),
              rows: byBranch.map((b) => [
                b.name,
                `${b.studied}/${b.expected}`,
                `${b.expected ? Math.round((b.studied / b.expected) * 100) : 0}%`,
              ]),
            },
          ]
        : []),
    ],
  }
}
