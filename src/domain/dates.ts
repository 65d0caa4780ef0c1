import { localDay } from './time'

/**
 * Due-date phrases as people type them (2026-12-31, 12月31日, 12/31, 月底, 下周五, 明天 …), resolved to a local
 * day in the bot's time zone. Pure: `now` and the zone come from the caller.
 */
export type DateResult = { ok: true; day: string } | { ok: false; reason: 'invalid' | 'past'; day?: string }

/** A year-less date this far behind today was meant as a past date, not as next year's. */
const PAST_GRACE_DAYS = 90

type Ymd = { y: number; m: number; d: number }

const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 }
const EN_RELATIVE: Record<string, number> = { today: 0, tomorrow: 1, yesterday: -1 }
const ZH_RELATIVE: Record<string, number> = { 今天: 0, 明天: 1, 后天: 2, 大后天: 3, 昨天: -1, 前天: -2 }

const toUtc = ({ y, m, d }: Ymd) => Date.UTC(y, m - 1, d)
const fromUtc = (ms: number): Ymd => {
  const date = new Date(ms)
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() }
}
const format = ({ y, m, d }: Ymd) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
const addDays = (day: Ymd, n: number) => fromUtc(toUtc(day) + n * 86_400_000)
const lastOfMonth = (y: number, m: number): Ymd => fromUtc(Date.UTC(y, m, 0))
const valid = ({ y, m, d }: Ymd) => m >= 1 && m <= 12 && d >= 1 && d <= lastOfMonth(y, m).d
/** ISO weekday, Monday 1 … Sunday 7. */
const weekday = (day: Ymd) => ((new Date(toUtc(day)).getUTCDay() + 6) % 7) + 1

/** A month-and-day without a year: this year's, or next year's once it is well behind us. */
function yearless(today: Ymd, m: number, d: number): Ymd | undefined {
  for (const y of [today.y, today.y + 1]) {
    const day = { y, m, d }
    if (!valid(day)) continue
    if (y > today.y || toUtc(day) >= toUtc(today) - PAST_GRACE_DAYS * 86_400_000) return day
  }
  return undefined
}

/** A day of the month without a month: the next such day from today on (15号 on the 20th is next month's). */
function dayOfMonth(today: Ymd, d: number): Ymd | undefined {
  for (let k = 0; k < 3; k++) {
    const first = fromUtc(Date.UTC(today.y, today.m - 1 + k, 1))
    const day = { ...first, d }
    if (valid(day) && toUtc(day) >= toUtc(today)) return day
  }
  return undefined
}

function weekdayPhrase(today: Ymd, which: string, wd: number): Ymd {
  const monday = addDays(today, 1 - weekday(today))
  if (which === '下') return addDays(monday, 7 + wd - 1)
  if (which === '本' || which === '这') return addDays(monday, wd - 1)
  // A bare 周五 is the coming one: today when today is Friday.
  const ahead = (wd - weekday(today) + 7) % 7
  return addDays(today, ahead)
}

type Rule = [RegExp, (m: RegExpMatchArray, today: Ymd) => Ymd | undefined]

const num = (m: RegExpMatchArray, i: number) => Number(m[i])

/** Phrase shapes, tried in order; each turns its match into a day. */
const RULES: Rule[] = [
  [/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/, (m) => ({ y: num(m, 1), m: num(m, 2), d: num(m, 3) })],
  [/^(\d{1,2})[-/.月](\d{1,2})[日号]?$/, (m, today) => yearless(today, num(m, 1), num(m, 2))],
  [/^(本|这|下)?个?月[底末]$/, (m, today) => lastOfMonth(today.y, today.m + (m[1] === '下' ? 1 : 0))],
  [/^(本|今)?年[底末]$/, (_, today) => ({ y: today.y, m: 12, d: 31 })],
  [
    /^(本|这|下)?个?(?:周|星期|礼拜)([一二三四五六日天])$/,
    (m, today) => weekdayPhrase(today, m[1] ?? '', WEEKDAYS[m[2] as string] as number),
  ],
  [
    /^(本|这|下)个?月(\d{1,2})[日号]$/,
    (m, today) => ({ ...fromUtc(Date.UTC(today.y, today.m - (m[1] === '下' ? 0 : 1), 1)), d: num(m, 2) }),
  ],
  [/^(\d{1,2})[日号]$/, (m, today) => dayOfMonth(today, num(m, 1))],
  [/^(\d{1,3})天[后内]$/, (m, today) => addDays(today, num(m, 1))],
]

function resolve(phrase: string, today: Ymd): Ymd | undefined {
  const p = phrase.trim().toLowerCase()
  if (p in EN_RELATIVE) return addDays(today, EN_RELATIVE[p] as number)
  if (p in ZH_RELATIVE) return addDays(today, ZH_RELATIVE[p] as number)
  for (const [pattern, toDay] of RULES) {
    const m = p.match(pattern)
    if (m) return toDay(m, today)
  }
  return undefined
}

/** Parses a due-date phrase as seen at `now` in `timeZone`; a day before today is refused as past. */
export function parseDueDate(phrase: string, now: number, timeZone: string): DateResult {
  const [y, m, d] = localDay(now, timeZone).split('-').map(Number) as [number, number, number]
  const today = { y, m, d }
  const day = resolve(phrase.normalize('NFKC'), today)
  if (!day || !valid(day)) return { ok: false, reason: 'invalid' }
  if (toUtc(day) < toUtc(today)) return { ok: false, reason: 'past', day: format(day) }
  return { ok: true, day: format(day) }
}

/** Whether text has the shape of a date phrase (the argument check; the day itself is resolved later). */
export const DATE_PHRASE =
  /^(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}[日号]?|\d{1,2}[-/.月]\d{1,2}[日号]?|(本|这|下)?个?月[底末]|(本|今)?年[底末]|(本|这|下)?个?(周|星期|礼拜)[一二三四五六日天]|(本|这|下)个?月\d{1,2}[日号]|\d{1,2}[日号]|\d{1,3}天[后内]|大后天|今天|明天|后天|昨天|前天|today|tomorrow|yesterday)$/i

/** The UTC midnight of a local day (YYYY-MM-DD), read without the arrays a split would build (cards call this per row). */
function utcOfDay(day: string): number {
  const a = day.indexOf('-')
  const b = day.indexOf('-', a + 1)
  const c = day.indexOf('-', b + 1)
  return Date.UTC(
    Number(day.slice(0, a)),
    Number(day.slice(a + 1, b)) - 1,
    Number(day.slice(b + 1, c < 0 ? undefined : c)),
  )
}

/** The local day `n` days after `day` (YYYY-MM-DD). */
export function shiftDay(day: string, n: number): string {
  return format(fromUtc(utcOfDay(day) + n * 86_400_000))
}

/** Whole days from local day `from` to local day `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcOfDay(to) - utcOfDay(from)) / 86_400_000)
}
