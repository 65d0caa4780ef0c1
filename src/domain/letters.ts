import { daysBetween } from './dates'
import type { Metric } from './production-settings'
import type { TaskType } from './tasks'

/**
 * 目标责任书: a letter's content and how far its measurable targets have come. Pure: figures, task counts and
 * `today` come from the caller.
 */
export type LetterSide = 'party' | 'production'

export type LetterTarget = {
  side: LetterSide
  text: string
  /** Measured by a production metric (the figure over the period) or by tasks of a type (confirmed ones). */
  metric: string | null
  taskType: TaskType | null
  target: number | null
}

/** What a version is made of; two imports with equal content are the same version. */
export type LetterContent = {
  signer: string
  unit: string
  level: string
  profession: string
  from: string
  to: string
  targets: LetterTarget[]
}

/** The content as one string with its keys in a fixed order, to compare a re-import with what is stored. */
export const contentKey = (c: LetterContent): string =>
  JSON.stringify([
    c.signer,
    c.unit,
    c.level,
    c.profession,
    c.from,
    c.to,
    c.targets.map((t) => [t.side, t.text, t.metric, t.taskType, t.target]),
  ])

const pad = (n: number) => String(n).padStart(2, '0')
const lastOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
const realDay = (d: string) => {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number]
  return m >= 1 && m <= 12 && day >= 1 && day <= lastOfMonth(y, m)
}

/**
 * A letter's period as typed: a year `2027`, a half `2027上半年`, a quarter `2027Q1`, a month `2027-03`, or two
 * days `2027-01-01~2027-06-30`. Undefined when it is none of these.
 */
export function parsePeriod(cell: string): { from: string; to: string } | undefined {
  const s = cell.normalize('NFKC').replace(/\s/g, '').replace(/年$/, '')
  let m = s.match(/^(\d{4})$/)
  if (m) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` }
  m = s.match(/^(\d{4})年?(上|下)半年$/)
  if (m)
    return m[2] === '上'
      ? { from: `${m[1]}-01-01`, to: `${m[1]}-06-30` }
      : { from: `${m[1]}-07-01`, to: `${m[1]}-12-31` }
  m = s.match(/^(\d{4})[-年]?[Qq第]([1-4])季?度?$/)
  if (m) {
    const y = Number(m[1])
    const q = Number(m[2])
    return { from: `${y}-${pad(q * 3 - 2)}-01`, to: `${y}-${pad(q * 3)}-${lastOfMonth(y, q * 3)}` }
  }
  m = s.match(/^(\d{4})[-/.年](\d{1,2})月?$/)
  if (m) {
    const y = Number(m[1])
    const mo = Number(m[2])
    if (mo < 1 || mo > 12) return undefined
    return { from: `${y}-${pad(mo)}-01`, to: `${y}-${pad(mo)}-${lastOfMonth(y, mo)}` }
  }
  m = s.match(/^(\d{4}-\d{2}-\d{2})(?:~|～|至|--|—|－)(\d{4}-\d{2}-\d{2})$/)
  if (m && realDay(m[1] as string) && realDay(m[2] as string) && (m[1] as string) <= (m[2] as string))
    return { from: m[1] as string, to: m[2] as string }
  return undefined
}

/** How much of the period has gone by `today`, in whole percent (0 before it starts, 100 after it ends). */
export function elapsedPercent(from: string, to: string, today: string): number {
  if (today < from) return 0
  if (today >= to) return 100
  return Math.round(((daysBetween(from, today) + 1) / (daysBetween(from, to) + 1)) * 100)
}

export type TargetProgress = {
  target: LetterTarget
  /** The figure or the count so far; undefined for a target nothing measures, or a metric not reported yet. */
  actual: number | undefined
  /** 0–100 (capped): actual ÷ target for higher-is-better and counts; a limit is 100 kept, 0 broken. */
  percent: number | undefined
}

/** One target against what was measured: `metric` is the settings metric its code names, if any. */
export function targetProgress(
  target: LetterTarget,
  metric: Metric | undefined,
  actual: number | undefined,
): TargetProgress {
  if (target.target === null || actual === undefined || (target.metric !== null && !metric))
    return { target, actual, percent: undefined }
  if (metric?.better === 'lower') return { target, actual, percent: actual <= target.target ? 100 : 0 }
  if (target.target <= 0) return { target, actual, percent: 100 }
  return { target, actual, percent: Math.min(100, Math.round((actual / target.target) * 1000) / 10) }
}

/** The letter's progress: the mean of its measured targets, one decimal; undefined when none is measured yet. */
export function letterPercent(progress: readonly TargetProgress[]): number | undefined {
  const measured = progress.flatMap((p) => (p.percent === undefined ? [] : [p.percent]))
  if (measured.length === 0) return undefined
  return Math.round((measured.reduce((s, p) => s + p, 0) / measured.length) * 10) / 10
}
