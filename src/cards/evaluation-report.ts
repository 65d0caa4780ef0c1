import type { ReportFacts } from '../db/evaluation-report'
import type { ReportSection } from '../domain/evaluation-input'
import type { UnitNode } from '../domain/members'
import { type Locale, type MessageKey, type Params, translate } from '../i18n'
import type { Card, Section } from './card'
import { escapeMarkdown } from './markdown'

const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—')
const round = (v: number) => String(Math.round(v * 100) / 100)

/** The two sections as the system writes them from the year's figures, in the reader's language. */
export function draftText(locale: Locale, f: ReportFacts): Record<ReportSection, string> {
  const t = (key: MessageKey, params: Params = {}) => translate(locale, key, params)
  const production =
    f.production.length === 0
      ? t('evaluation.productionNone')
      : t('evaluation.productionDone', {
          list: f.production
            .map((m) => t('evaluation.productionItem', { name: m.name, value: round(m.value), unit: m.unit }))
            .join(locale === 'en' ? ', ' : '、'),
        })
  const score = (n: number | null) => (n === null ? t('evaluation.none') : String(n))
  return {
    promote: t('evaluation.promoteText', {
      year: f.year,
      activities: f.activities,
      attendance: percent(f.present, f.members * f.activities),
      quizMembers: f.quizMembers,
      members: f.members,
      accuracy: percent(f.correct, f.answers),
      tasks: f.tasks.total,
      onTime: f.tasks.onTime,
      overdue: f.tasks.overdue,
      production,
    }),
    support: t('evaluation.supportText', {
      production,
      inspections: f.evaluation.inspections,
      partyScore: score(f.evaluation.partyScore),
      productionScore: score(f.evaluation.productionScore),
      fixes: f.tasks.fixes,
      fixesDone: f.tasks.fixesDone,
    }),
  }
}

export type ReportView =
  | { kind: 'draft'; text: Record<ReportSection, string>; edited: ReadonlySet<ReportSection> }
  | { kind: 'submitted'; text: Record<ReportSection, string>; by: string | null; at: string }

const SECTIONS: ReportSection[] = ['promote', 'support']

/** A draft with 编辑 / 提交 for the secretary, or the frozen report as submitted. */
export function dualReportCard(locale: Locale, branch: UnitNode, year: number, view: ReportView): Card {
  const t = (key: MessageKey, params: Params = {}) => translate(locale, key, params)
  const body: Section[] = SECTIONS.map((s) => ({
    kind: 'markdown',
    text: `**${t(`evaluation.${s}`)}**${view.kind === 'draft' && view.edited.has(s) ? t('evaluation.reportEditedMark') : ''}\n${escapeMarkdown(view.text[s])}`,
  }))
  if (view.kind === 'submitted')
    return {
      title: t('evaluation.reportTitle', { unit: branch.name, year }),
      tone: 'success',
      sections: [
        ...body,
        {
          kind: 'markdown',
          text: t('evaluation.reportSubmittedBy', { name: escapeMarkdown(view.by ?? ''), at: view.at }),
        },
      ],
    }
  const value = (s?: ReportSection) => [branch.id, year, s].filter((v) => v !== undefined).join(':')
  return {
    title: t('evaluation.reportDraftTitle', { unit: branch.name, year }),
    tone: 'info',
    sections: [
      { kind: 'markdown', text: t('evaluation.reportDraftNote') },
      ...body,
      {
        kind: 'buttons',
        buttons: [
          ...SECTIONS.map((s) => ({
            label: t('evaluation.edit', { section: t(`evaluation.${s}`) }),
            action: 'dualReport.edit',
            value: value(s),
          })),
          {
            label: t('evaluation.submit'),
            action: 'dualReport.submit',
            value: value(),
            style: 'primary' as const,
          },
        ],
      },
    ],
  }
}
