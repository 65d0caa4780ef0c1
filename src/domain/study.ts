/** 第一议题 study: who of the expected members studied an item, who has not. */

export type Person = { id: number; name: string }

export type StudyCompletion = {
  expected: number
  studied: (Person & { at: number })[]
  missing: Person[]
  /** Share of the expected members who studied, 0–1. */
  rate: number
}

/** Records of members outside `expected` (moved away since) do not count towards the rate. */
export function studyCompletion(
  expected: Person[],
  records: { memberId: number; at: number }[],
): StudyCompletion {
  const at = new Map(records.map((r) => [r.memberId, r.at]))
  const studied = expected
    .filter((p) => at.has(p.id))
    .map((p) => ({ ...p, at: at.get(p.id) as number }))
    .sort((a, b) => a.at - b.at)
  const missing = expected.filter((p) => !at.has(p.id))
  return {
    expected: expected.length,
    studied,
    missing,
    rate: expected.length === 0 ? 0 : studied.length / expected.length,
  }
}

/**
 * `发布学习 <标题>[：正文或链接]`: a link anywhere, or text after the first colon (full-width ones arrive
 * normalized to `:`), is the body; the rest is the title.
 */
export function splitStudyText(input: string): { title: string; body?: string } {
  const link = input.match(/https?:\/\/\S+/)
  if (link) {
    const title = input
      .replace(link[0], '')
      .replace(/[:\s]+$/, '')
      .trim()
    return { title, body: link[0] }
  }
  const colon = input.indexOf(':')
  if (colon < 0) return { title: input.trim() }
  const body = input.slice(colon + 1).trim()
  return { title: input.slice(0, colon).trim(), ...(body ? { body } : {}) }
}
