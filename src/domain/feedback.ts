/** 反映: what a typed report says, read without I/O. */

export type FeedbackEntry = { anonymous: boolean; category: string; text: string }

const ANONYMOUS = new Set(['匿名', 'anonymous', 'anon'])

/**
 * `反映 [匿名] [类别] <问题> [匿名]`: 匿名 as the first or the last word makes the report anonymous; a first word
 * naming a category of settings sets it, otherwise the last category (其他).
 */
export function readFeedback(input: string, categories: readonly string[]): FeedbackEntry {
  let words = input.trim().split(' ').filter(Boolean)
  let anonymous = false
  if (words[0] !== undefined && ANONYMOUS.has(words[0].toLowerCase())) {
    anonymous = true
    words = words.slice(1)
  } else if (words.length > 1 && ANONYMOUS.has((words[words.length - 1] as string).toLowerCase())) {
    anonymous = true
    words = words.slice(0, -1)
  }
  const named = words.length > 1 && categories.includes(words[0] as string)
  const category = named ? (words[0] as string) : (categories[categories.length - 1] as string)
  return { anonymous, category, text: (named ? words.slice(1) : words).join(' ') }
}
