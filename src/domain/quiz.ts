import { OPTION_LETTERS, type QuestionKind } from './question'

/** Quiz rules: reading typed answers, judging them, drawing a branch's daily set. */

export type AnswerItem = { n: number; raw: string }
export type ParsedAnswers = { ok: true; items: AnswerItem[] } | { ok: false; bad: string }

const TRUE_WORDS = ['对', '√', '✓', '✔', 'T', '正确', '是']
const FALSE_WORDS = ['错', '×', '✗', '✘', 'X', 'F', '错误', '否']
const WORD = '[A-HT-Z]{1,8}|正确|错误|对|错|√|×|✓|✔|✗|✘|是|否'
const ITEM = new RegExp(`(?<!\\d)(\\d{1,2})\\s*[.、:：)）-]?\\s*(${WORD})`, 'g')
const SEPARATORS = /^[\s,，;；]*$/

/**
 * `1A 2BC 3对`, also `1.A, 2、cb；3√` and glued `1A2B`: a number then letters or a true/false word. Whether `F`
 * is option F or "false" depends on the question, so answers stay raw here and are judged per question.
 */
export function parseAnswers(text: string): ParsedAnswers {
  const s = text.normalize('NFKC').toUpperCase()
  const items: AnswerItem[] = []
  let rest = ''
  let last = 0
  for (const m of s.matchAll(ITEM)) {
    rest += s.slice(last, m.index)
    last = m.index + m[0].length
    items.push({ n: Number(m[1]), raw: m[2] as string })
  }
  rest += s.slice(last)
  if (!SEPARATORS.test(rest)) return { ok: false, bad: rest.trim().split(/[\s,，;；]+/)[0] ?? rest }
  return items.length ? { ok: true, items } : { ok: false, bad: '' }
}

/** A single answer without a number (challenge mode): `A`, `对`, `bc`. */
export function parseBareAnswer(text: string): string | undefined {
  const t = text.normalize('NFKC').trim().toUpperCase()
  return new RegExp(`^(${WORD})$`).test(t) ? t : undefined
}

export type Judged =
  | { valid: true; given: string; correct: boolean }
  | { valid: false; reason: 'notTrueFalse' | 'notOption' | 'oneOnly' }

/** Normalizes a raw answer for this question (letters sorted and deduplicated, true/false as T/F) and judges it. */
export function judge(kind: QuestionKind, optionCount: number, key: string, raw: string): Judged {
  if (kind === 'judge') {
    const given = TRUE_WORDS.includes(raw) ? 'T' : FALSE_WORDS.includes(raw) ? 'F' : undefined
    return given ? { valid: true, given, correct: given === key } : { valid: false, reason: 'notTrueFalse' }
  }
  const letters = OPTION_LETTERS.slice(0, optionCount)
  if (![...raw].every((c) => letters.includes(c))) return { valid: false, reason: 'notOption' }
  const given = [...new Set(raw)].sort().join('')
  if (kind === 'single' && given.length > 1) return { valid: false, reason: 'oneOnly' }
  return { valid: true, given, correct: given === key }
}

/** A small seeded generator: the same branch and day always draw the same set, so two concurrent draws agree. */
function seeded(seed: string): () => number {
  let h = 2166136261
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619)
  let a = h >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

export type Candidate = { id: number; category: string }

/** The approved questions grouped by category, built once for many draws (the morning draws 500 sets). */
export type Bank = { categories: [string, number[]][] }

export function bankOf(candidates: Candidate[]): Bank {
  const byCategory = new Map<string, number[]>()
  for (const c of candidates) {
    const list = byCategory.get(c.category)
    if (list) list.push(c.id)
    else byCategory.set(c.category, [c.id])
  }
  return { categories: [...byCategory].sort((a, b) => a[0].localeCompare(b[0])) }
}

/** A random id of `ids` that is neither seen nor picked: a few random tries, then a scan from a random point. */
function pickFresh(
  ids: number[],
  unusable: (id: number) => boolean,
  random: () => number,
): number | undefined {
  for (let i = 0; i < 16; i++) {
    const id = ids[Math.floor(random() * ids.length)] as number
    if (!unusable(id)) return id
  }
  const start = Math.floor(random() * ids.length)
  for (let i = 0; i < ids.length; i++) {
    const id = ids[(start + i) % ids.length] as number
    if (!unusable(id)) return id
  }
  return undefined
}

/**
 * The day's set: `n` questions the branch has not had within the rotation window, taken in turn from each
 * category (so theory and safety are mixed); when too few are fresh, the ones seen longest ago fill the rest.
 * `lastSeen` maps a question to the day the branch last had it (YYYY-MM-DD sorts as text).
 */
export function drawSet(
  bank: Bank,
  lastSeen: ReadonlyMap<number, string>,
  n: number,
  seed: string,
): number[] {
  const random = seeded(seed)
  const picked: number[] = []
  const unusable = (id: number) => lastSeen.has(id) || picked.includes(id)
  const open = shuffle(bank.categories, random).map(([, ids]) => ids)
  while (picked.length < n && open.length) {
    for (let i = 0; i < open.length && picked.length < n; ) {
      const id = pickFresh(open[i] as number[], unusable, random)
      if (id === undefined) open.splice(i, 1)
      else {
        picked.push(id)
        i++
      }
    }
  }
  if (picked.length < n) {
    const inBank = new Set(bank.categories.flatMap(([, ids]) => ids))
    const stale = shuffle(
      [...lastSeen].filter(([id]) => inBank.has(id) && !picked.includes(id)),
      random,
    ).sort((a, b) => a[1].localeCompare(b[1]))
    for (const [id] of stale) if (picked.length < n) picked.push(id)
  }
  return picked
}

/** Points for correct answers within the day's cap; the rest of the day's correct answers earn 0. */
export function quizAward(
  correct: number,
  perAnswer: number,
  cap: number | null,
  earnedToday: number,
): number[] {
  const awards: number[] = []
  let room = cap === null ? Number.POSITIVE_INFINITY : Math.max(0, cap - earnedToday)
  for (let i = 0; i < correct; i++) {
    const p = Math.min(perAnswer, room)
    awards.push(p)
    room -= p
  }
  return awards
}
