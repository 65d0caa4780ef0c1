import { parseAnswers, parseBareAnswer } from '../domain/quiz'
import type { CommandDef, ParamSpec } from './command'

/** Full-width letters, digits, spaces and punctuation become half-width (NFKC); runs of spaces collapse. */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

export type Parsed =
  | { kind: 'command'; def: CommandDef; argText: string; word: string }
  | { kind: 'unknown'; word: string; slash: boolean }
  | { kind: 'empty' }

const CJK = /^[\u3400-\u9fff]/
// After a Chinese command word, an argument may follow without a space when it plainly is one: "签到8421", "积分@张三".
const GLUED_ARG = /^[0-9A-Za-z@#]/
/** After a one-character word (到, 答) only a code or answer letters may be glued on: `到8421`, `答1A2B`, not the chatter `到10点开会`. */
const GLUED_TO_ONE_CHAR = /^[0-9A-Za-z]+$/

/** `3 完成 [说明]` and `3 50% [说明]`: a task update without the word 任务. */
const TASK_DONE = /^(\d{1,9}) (?:完成|done)(?: (.+))?$/i
const TASK_PERCENT = /^(\d{1,9}) (\d{1,3})%(?: (.+))?$/
/** A first item such as `1A` or `2 对` (then anything, judged by the quiz). */
const ANSWER_OPENING = /^\d{1,2} ?[.、:：)）-]? ?(?:[A-Ha-h]{1,8}|[对错√×])(?![A-Za-z\u3400-\u9fff])/

/**
 * Minimal typing (issue 17): messages that are plainly an answer or a task update, rewritten to their
 * command. Numbered answers (`1A2C`, `1对 2错`) and task updates are clear anywhere; a bare `A` or `对` is an
 * answer only in a private chat, where nobody is agreeing with anybody.
 */
function shorthand(text: string, where: Where): { word: string; argText: string } | undefined {
  const done = TASK_DONE.exec(text)
  if (done) return { word: '任务', argText: [done[1], '完成', done[2]].filter(Boolean).join(' ') }
  const pct = TASK_PERCENT.exec(text)
  if (pct) return { word: '任务', argText: [pct[1], '进度', pct[2], pct[3]].filter(Boolean).join(' ') }
  // In private a message that opens with a numbered answer is one, so a typo gets the quiz's own hint.
  const opens = where === 'private' ? ANSWER_OPENING.test(text) : parseAnswers(text).ok
  if (/^\d/.test(text) && opens) return { word: '答', argText: text }
  if (where === 'private' && parseBareAnswer(text)) return { word: '答', argText: text }
  return undefined
}

export type Where = 'private' | 'group'

export class CommandIndex {
  private readonly byWord = new Map<string, CommandDef>()
  private readonly cjkNames: string[]

  constructor(readonly defs: CommandDef[]) {
    for (const def of defs) {
      for (const w of [...def.names, ...def.aliases]) {
        const key = w.toLowerCase()
        if (this.byWord.has(key)) throw new Error(`command word ${w} is declared twice`)
        this.byWord.set(key, def)
      }
    }
    this.cjkNames = defs.flatMap((d) => d.names).sort((a, b) => b.length - a.length)
  }

  get(word: string): CommandDef | undefined {
    return this.byWord.get(word.toLowerCase())
  }

  /**
   * Reads the command word off the start of normalized text: bare, `/cmd`, `/cmd@botname`, or a shorthand
   * (`1A2C`, `3 完成`). Without `where`, text is read as in a group (the stricter reading).
   */
  parse(normalized: string, where: Where = 'group'): Parsed {
    if (normalized === '') return { kind: 'empty' }
    const slash = normalized.startsWith('/')
    const body = slash ? normalized.slice(1) : normalized
    const space = body.indexOf(' ')
    const first = (space < 0 ? body : body.slice(0, space)).replace(/@\w+$/, (m) => (slash ? '' : m))
    const rest = space < 0 ? '' : body.slice(space + 1)
    const exact = this.get(first)
    if (exact) return { kind: 'command', def: exact, argText: rest, word: first }
    const short = slash ? undefined : shorthand(normalized, where)
    const shortDef = short && this.get(short.word)
    if (short && shortDef) return { kind: 'command', def: shortDef, argText: short.argText, word: short.word }
    if (CJK.test(first)) {
      const name = this.cjkNames.find((n) => {
        const glued = first.slice(n.length)
        return first.startsWith(n) && (n.length > 1 ? GLUED_ARG : GLUED_TO_ONE_CHAR).test(glued)
      })
      const def = name ? this.get(name) : undefined
      if (name && def) {
        const glued = first.slice(name.length)
        return { kind: 'command', def, argText: rest ? `${glued} ${rest}` : glued, word: name }
      }
    }
    return { kind: 'unknown', word: first, slash }
  }

  /** The command word nearest to `word` within `maxDistance` edits, if there is exactly one best. */
  nearest(word: string, maxDistance: number): string | undefined {
    const w = word.toLowerCase()
    let best: string | undefined
    let bestDistance = maxDistance + 1
    for (const def of this.defs) {
      for (const candidate of [...def.names, ...def.aliases]) {
        // One edit on a two-letter word is a different word, not a typo.
        if (candidate.length < 2 || (!CJK.test(candidate) && candidate.length < 4 && w !== candidate))
          continue
        const d = editDistance(w, candidate.toLowerCase(), bestDistance)
        if (d < bestDistance) {
          best = def.names[0]
          bestDistance = d
        }
      }
    }
    return best
  }
}

/** Levenshtein distance, giving up early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
      cur.push(v)
      rowMin = Math.min(rowMin, v)
    }
    if (rowMin > limit) return limit + 1
    prev = cur
  }
  return prev[b.length] ?? 0
}

/** Maps positional tokens onto the declared parameters; extra tokens are reported, not dropped. */
export function bindParams(
  params: ParamSpec[],
  argText: string,
): { raw: Record<string, string>; extra?: string } {
  const tokens = argText === '' ? [] : argText.split(' ')
  const raw: Record<string, string> = {}
  params.forEach((p, i) => {
    if (i >= tokens.length) return
    raw[p.name] = p.rest ? tokens.slice(i).join(' ') : (tokens[i] as string)
  })
  const last = params[params.length - 1]
  const extra = last?.rest ? undefined : tokens.slice(params.length).join(' ')
  return extra ? { raw, extra } : { raw }
}
