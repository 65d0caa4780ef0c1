import { daysBetween } from './dates'

/** Task rules: types as typed, states, due-date classes and awards. Pure; `today` comes from the caller. */
export type TaskType = 'target' | 'fix' | 'pioneer' | 'topic'
export type TaskStatus = 'open' | 'progress' | 'submitted' | 'confirmed' | 'cancelled'
export type FixSource = 'inspection' | 'supervision' | 'review'

export const TYPE_WORDS: Record<string, TaskType> = {
  目标: 'target',
  整改: 'fix',
  先锋岗: 'pioneer',
  点题: 'topic',
  target: 'target',
  fix: 'fix',
  pioneer: 'pioneer',
  topic: 'topic',
}

const SOURCE_WORDS: Record<string, FixSource> = {
  检查: 'inspection',
  检查发现: 'inspection',
  监督: 'supervision',
  监督发现: 'supervision',
  双向评: 'review',
  一次查·双向评: 'review',
  一次查双向评: 'review',
}

/** The assignee still owes work: reminders and overdue apply. */
export const isActive = (s: TaskStatus) => s === 'open' || s === 'progress'
/** Nothing may change any more. */
export const isClosed = (s: TaskStatus) => s === 'confirmed' || s === 'cancelled'

export type Details = {
  description: string | null
  metricName: string | null
  metricTarget: number | null
  metricUnit: string | null
  fixSource: FixSource | null
  fixMeasure: string | null
}

/**
 * What follows the type word: for 目标 a metric such as `原煤产量 120万吨`, for 整改 the source then the measure
 * (`监督 更换皮带托辊`); any other text is the description.
 */
export function detailsOf(type: TaskType, note: string | undefined): Details {
  const none: Details = {
    description: null,
    metricName: null,
    metricTarget: null,
    metricUnit: null,
    fixSource: null,
    fixMeasure: null,
  }
  const text = note?.trim()
  if (!text) return none
  if (type === 'target') {
    const m = text.match(/^(\S{1,20}) (\d+(?:\.\d+)?) ?([^\d\s]{0,10})$/)
    if (m)
      return { ...none, metricName: m[1] as string, metricTarget: Number(m[2]), metricUnit: m[3] || null }
  }
  if (type === 'fix') {
    const [first, ...rest] = text.split(' ')
    const source = SOURCE_WORDS[first as string]
    if (source) return { ...none, fixSource: source, fixMeasure: rest.join(' ') || null }
    return { ...none, fixMeasure: text }
  }
  return { ...none, description: text }
}

export type DueClass = { kind: 'overdue'; days: number } | { kind: 'soon'; days: number } | { kind: 'later' }

/** Overdue once the due day has passed; due soon within `soonDays` (0 = today). */
export function dueClass(dueDay: string, today: string, soonDays: number): DueClass {
  const ahead = daysBetween(today, dueDay)
  if (ahead < 0) return { kind: 'overdue', days: -ahead }
  if (ahead <= soonDays) return { kind: 'soon', days: ahead }
  return { kind: 'later' }
}

/** Done on time: reported on or before the due day. */
export const onTime = (submittedDay: string | null, dueDay: string) =>
  submittedDay !== null && submittedDay <= dueDay

/** Points for one award under a rule with an optional daily cap, given what the member earned today. */
export function award(
  rule: { points: number; dailyCap: number | null },
  earnedToday: number,
): { points: number; capped: boolean } {
  if (rule.dailyCap === null) return { points: rule.points, capped: false }
  const room = Math.max(0, rule.dailyCap - earnedToday)
  return room >= rule.points ? { points: rule.points, capped: false } : { points: room, capped: true }
}
