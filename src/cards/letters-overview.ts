import { formatValue } from '../commands/report'
import type { LetterRow } from '../db/letters'
import { type Locale, type MessageKey, type Params, translate } from '../i18n'
import type { Card } from './card'
import { escapeMarkdown } from './markdown'

export type LetterStanding = { row: LetterRow; percent: number | undefined }

/** At most this many unconfirmed signers are named under the table; the rest are counted. */
const NAMED = 20

const mean = (xs: number[]) =>
  xs.length === 0 ? '—' : `${formatValue(Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 10) / 10)}%`

const measured = (ls: LetterStanding[]) => ls.flatMap((l) => (l.percent === undefined ? [] : [l.percent]))

/** 责任书 全部: per level, how many letters, how many confirmed (current version) and their mean progress. */
export function lettersOverviewCard(locale: Locale, unit: string, standings: LetterStanding[]): Card {
  const t = (key: MessageKey, params: Params = {}) => translate(locale, key, params)
  const levels = [...new Set(standings.map((s) => s.row.level))]
  const rows = levels.map((level) => {
    const of = standings.filter((s) => s.row.level === level)
    const confirmed = of.filter((s) => s.row.confirmedAt !== null).length
    return [level, String(of.length), String(confirmed), String(of.length - confirmed), mean(measured(of))]
  })
  const waiting = standings
    .filter((s) => s.row.confirmedAt === null)
    .map((s) => escapeMarkdown(s.row.signerName))
  const names = waiting.slice(0, NAMED).join('、')
  const sections: Card['sections'] = [
    { kind: 'table', columns: t('letters.overviewColumns').split('|'), rows },
  ]
  if (waiting.length > 0)
    sections.push({
      kind: 'markdown',
      text: t('letters.waiting', {
        names:
          waiting.length > NAMED ? t('letters.waitingMore', { names, n: waiting.length - NAMED }) : names,
      }),
    })
  return {
    title: t('letters.overviewTitle', { unit }),
    tone: waiting.length > 0 ? 'warning' : 'success',
    sections,
  }
}

/** 责任书 <层级>: every letter of one level, one row each. */
export function lettersLevelCard(
  locale: Locale,
  unit: string,
  level: string,
  standings: LetterStanding[],
): Card {
  const t = (key: MessageKey, params: Params = {}) => translate(locale, key, params)
  return {
    title: t('letters.levelTitle', { level, unit }),
    tone: standings.some((s) => s.row.confirmedAt === null) ? 'warning' : 'success',
    sections: [
      {
        kind: 'table',
        columns: t('letters.levelColumns').split('|'),
        rows: standings.map((s) => [
          s.row.code,
          s.row.signerName,
          s.row.unitName,
          s.row.profession,
          String(s.row.version),
          t(s.row.confirmedAt === null ? 'letters.no' : 'letters.yes'),
          s.percent === undefined ? '—' : `${formatValue(s.percent)}%`,
        ]),
      },
    ],
  }
}
