import type { QuestionRow } from '../db/quiz'
import { optionsOf } from '../db/quiz'
import { OPTION_LETTERS } from '../domain/question'
import { type Locale, type MessageKey, type Params, translate } from '../i18n'
import type { Button, Card, Section } from './card'
import { escapeMarkdown } from './markdown'

export const ANSWER_ACTION = 'quiz.answer'
export const CHALLENGE_ACTION = 'quiz.challenge'

/** A button's value names the set (branch and day) and the question, so a click on yesterday's card is refused. */
export const answerValue = (unitId: number, day: string, n: number, given: string) =>
  `${unitId}|${day}|${n}|${given}`

function questionText(
  t: (k: MessageKey, p?: Params) => string,
  n: number | undefined,
  row: QuestionRow,
): string {
  const kind = t(`quiz.kind.${row.kind}` as MessageKey)
  const head = n === undefined ? `[${kind}] ` : `**${n}.** [${kind}] `
  const options = optionsOf(row).map((o, i) => `${OPTION_LETTERS[i]}. ${escapeMarkdown(o)}`)
  return [head + escapeMarkdown(row.stem), ...options].join('\n')
}

/** Buttons for what a click can answer: one option of a single choice, 对 / 错 of a true/false question. */
function buttonsFor(
  t: (k: MessageKey, p?: Params) => string,
  row: QuestionRow,
  value: (given: string) => string,
  prefix: string,
): Button[] {
  if (row.kind === 'judge')
    return [
      { label: `${prefix}${t('quiz.true')}`, action: '', value: value('T') },
      { label: `${prefix}${t('quiz.false')}`, action: '', value: value('F') },
    ]
  if (row.kind === 'multiple') return []
  return optionsOf(row).map((_, i) => ({
    label: `${prefix}${OPTION_LETTERS[i]}`,
    action: '',
    value: value(OPTION_LETTERS[i] as string),
  }))
}

/**
 * The day's quiz: the same card for the whole branch, so it never shows anyone's answers. In a private chat
 * the member's 错题本 questions due today follow, numbered on.
 */
export function quizCard(
  locale: Locale,
  set: { unitId: number; unitName: string; day: string; rows: QuestionRow[]; reviews?: QuestionRow[] },
): Card {
  const t = (k: MessageKey, p: Params = {}) => translate(locale, k, p)
  const sections: Section[] = []
  const reviews = set.reviews ?? []
  ;[...set.rows, ...reviews].forEach((row, i) => {
    const n = i + 1
    if (i === set.rows.length)
      sections.push({ kind: 'markdown', text: t('quiz.reviewHeader', { count: reviews.length }) })
    sections.push({ kind: 'markdown', text: questionText(t, n, row) })
    const buttons = buttonsFor(t, row, (g) => answerValue(set.unitId, set.day, n, g), `${n}`).map((b) => ({
      ...b,
      action: ANSWER_ACTION,
    }))
    if (buttons.length) sections.push({ kind: 'buttons', buttons })
  })
  sections.push({
    kind: 'markdown',
    text: t('quiz.howTo', { example: `1A 2BC ${set.rows.length + reviews.length}对` }),
  })
  return {
    title: t('quiz.cardTitle', { unit: set.unitName, day: set.day, count: set.rows.length }),
    tone: 'info',
    sections,
  }
}

/** One challenge question, sent privately, with its buttons. */
export function challengeCard(
  locale: Locale,
  runId: number,
  index: number,
  row: QuestionRow,
  streak: number,
  seconds: number,
): Card {
  const t = (k: MessageKey, p: Params = {}) => translate(locale, k, p)
  const buttons = buttonsFor(t, row, (g) => `${runId}|${index}|${g}`, '').map((b) => ({
    ...b,
    action: CHALLENGE_ACTION,
  }))
  return {
    title: t('quiz.challengeTitle', { index: index + 1, streak }),
    tone: 'info',
    sections: [
      { kind: 'markdown', text: questionText(t, undefined, row) },
      ...(buttons.length ? [{ kind: 'buttons' as const, buttons }] : []),
      { kind: 'markdown', text: t('quiz.challengeHow', { seconds }) },
    ],
  }
}

/** What an answer earned, for the one who gave it: right or wrong, the key and why. */
export function resultLine(
  locale: Locale,
  n: number | undefined,
  row: QuestionRow,
  correct: boolean,
): string {
  const t = (k: MessageKey, p: Params = {}) => translate(locale, k, p)
  const key = row.kind === 'judge' ? t(row.answer === 'T' ? 'quiz.true' : 'quiz.false') : row.answer
  const head = n === undefined ? '' : `${n}. `
  return correct
    ? `${head}${t('quiz.right')}`
    : `${head}${t('quiz.wrong', { key, explanation: row.explanation, source: row.source })}`
}
