import { z } from 'zod'
import { DATE_PHRASE } from '../domain/dates'

/** Argument pieces shared by several commands; messages are i18n keys the router renders. */
export const memberRef = z.string().regex(/^@\S+$/, 'arg.memberRef')
/** Date phrases as people type them (2026-12-31, 12月31日, 12/31, 月底, 下周五 …); src/domain/dates.ts resolves them. */
export const date = z.string().regex(DATE_PHRASE, 'arg.date')
export const percent = z.coerce
  .number({ message: 'arg.percent' })
  .int('arg.percent')
  .min(0, 'arg.percent')
  .max(100, 'arg.percent')
export const minutes = z.coerce
  .number({ message: 'arg.minutes' })
  .int('arg.minutes')
  .min(1, 'arg.minutes')
  .max(24 * 60, 'arg.minutes')
export const taskId = z.coerce.number({ message: 'arg.taskId' }).int('arg.taskId').positive('arg.taskId')
export const points = z.coerce
  .number({ message: 'arg.points' })
  .int('arg.points')
  .min(1, 'arg.points')
  .max(100, 'arg.points')
export const words = (max: number) => z.string().trim().min(1, 'arg.required').max(max, 'arg.tooLong')
export const period = z
  .enum(['本周', '本月', '本季', '本年', 'week', 'month', 'quarter', 'year'], { message: 'arg.period' })
  .transform(
    (p) =>
      (({ 本周: 'week', 本月: 'month', 本季: 'quarter', 本年: 'year' })[p as string] ?? p) as
        | 'week'
        | 'month'
        | 'quarter'
        | 'year',
  )
