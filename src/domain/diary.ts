/** 民情日记: what a typed note says, read without I/O. */

export type DiaryEntry = { category: string; text: string; memberRef?: string }

/**
 * `民情 [类别] <内容> [@成员]`: a first word naming a category of settings sets it (otherwise the last
 * category, 其他); one `@成员` anywhere names the member the concern is about.
 */
export function readDiary(input: string, categories: readonly string[]): DiaryEntry {
  const words = input.trim().split(' ')
  const refs = words.filter((w) => /^@\S+$/.test(w))
  const rest = words.filter((w) => !/^@\S+$/.test(w))
  const named = rest[0] !== undefined && categories.includes(rest[0]) && rest.length > 1
  const category = named ? (rest[0] as string) : (categories[categories.length - 1] as string)
  const text = (named ? rest.slice(1) : rest).join(' ')
  return { category, text, ...(refs[0] ? { memberRef: refs[0] } : {}) }
}
