import { z } from 'zod'

/** Argument pieces shared by several commands; messages are i18n keys the router renders. */
export const memberRef = z.string().regex(/^@\S+$/, 'arg.memberRef')
export const date = z
  .string()
  .regex(
    /^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[-/月]\d{1,2}日?$|^(今天|明天|后天|昨天|today|tomorrow|yesterday)$/i,
    'arg.date',
  )
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
