/** What people type after 检查 and 双报告, read into fields (pure; the commands' zod schemas call these). */

export type InspectionScores = { party: number; production: number; findings?: string }

const SCORE = '(\\d{1,3}(?:\\.\\d+)?)'
const INSPECTION = new RegExp(
  `^(?:党建|party)\\s*${SCORE}\\s+(?:生产|production)\\s*${SCORE}(?:\\s+(?:发现|findings?)\\s*(.+))?$`,
  'i',
)

/** `党建 90 生产 85 [发现 …]`: whole-number scores 0–100; undefined when it does not read. */
export function readInspection(spec: string): InspectionScores | undefined {
  const m = INSPECTION.exec(spec.trim())
  if (!m) return undefined
  const party = Number(m[1])
  const production = Number(m[2])
  const ok = (n: number) => Number.isInteger(n) && n >= 0 && n <= 100
  if (!ok(party) || !ok(production)) return undefined
  const findings = m[3]?.trim()
  return findings ? { party, production, findings } : { party, production }
}

export type ReportSection = 'promote' | 'support'

export type ReportRequest = {
  code?: string
  year?: number
  action: { kind: 'show' } | { kind: 'edit'; section: ReportSection; text: string } | { kind: 'submit' }
}

const SECTION_WORDS: Record<string, ReportSection> = {
  党建促生产: 'promote',
  promote: 'promote',
  生产强党建: 'support',
  support: 'support',
}
const SUBMIT_WORDS = ['提交', 'submit']
const CODE = /^[\w-]{1,20}$/
const YEAR = /^\d{4}$/

/** `[支部编码] [年份] [党建促生产|生产强党建 <文字>|提交]`; undefined when the words are out of place. */
export function readReportRequest(spec: string): ReportRequest | undefined {
  const tokens = spec.trim() === '' ? [] : spec.trim().split(/\s+/)
  const isWord = (t: string) => t.toLowerCase() in SECTION_WORDS || SUBMIT_WORDS.includes(t.toLowerCase())
  const out: ReportRequest = { action: { kind: 'show' } }
  let i = 0
  const first = tokens[i]
  if (first !== undefined && !YEAR.test(first) && !isWord(first)) {
    if (!CODE.test(first)) return undefined
    out.code = first
    i++
  }
  const year = tokens[i]
  if (year !== undefined && YEAR.test(year)) {
    out.year = Number(year)
    i++
  }
  const word = tokens[i]?.toLowerCase()
  if (word === undefined) return out
  const section = SECTION_WORDS[word]
  if (section) {
    const text = tokens.slice(i + 1).join(' ')
    if (text === '') return undefined
    return { ...out, action: { kind: 'edit', section, text } }
  }
  if (SUBMIT_WORDS.includes(word) && i + 1 === tokens.length) return { ...out, action: { kind: 'submit' } }
  return undefined
}
