import { z } from 'zod'

const amount = z.number().min(0).max(1e12)

/** One production figure a team reports each day (原煤产量, 进尺, 三违 …). */
export const metricSchema = z.object({
  code: z.string().regex(/^[a-z][a-zA-Z]{1,30}$/, 'a code like coal or hazardFix'),
  name: z.string().min(1).max(20),
  /** Other words people type for it: 原煤 for 原煤产量. */
  aliases: z.array(z.string().min(1).max(20)).max(10),
  unit: z.string().min(1).max(4),
  /** Units people type after the number, with their factor to `unit` (万吨 is 10000 吨). */
  unitForms: z.record(z.string().min(1).max(6), z.number().positive()),
  better: z.enum(['higher', 'lower']),
  /** How days make a week or a month: a sum (tonnes), the newest value (safe days), or the mean (a rate). */
  aggregate: z.enum(['sum', 'latest', 'mean']),
  integer: z.boolean(),
  max: amount.nullable(),
  /** The plan of every team for one day and for a month, unless `plans` names the team. */
  planDaily: amount.nullable(),
  planMonthly: amount.nullable(),
  /** A day with a value above zero restarts the team's 安全生产天数. */
  resetsSafeDays: z.boolean(),
})

export type Metric = z.infer<typeof metricSchema>

const plan = z.object({ daily: amount.nullable(), monthly: amount.nullable() })

export const productionSettings = z
  .object({
    metrics: z
      .array(metricSchema)
      .min(1)
      .max(30)
      .refine((ms) => new Set(ms.map((m) => m.code)).size === ms.length, 'metric codes that differ'),
    /** Plans of single teams, by unit code then metric code; they replace the metric's default plan. */
    plans: z.record(z.string().regex(/^[\w-]{1,20}$/), z.record(z.string(), plan)),
    /** The daily dispatch meeting: on working days the 调度 card of the day before goes out at this time. */
    dispatchAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 08:00'),
    /** A report may name a day this far back (a late dispatch report); older days go through the import. */
    backdateDays: z.number().int().min(0).max(366),
  })
  .refine((p) => p.metrics.filter((m) => m.code === 'safeDays').length <= 1, 'at most one safeDays metric')

export type ProductionSettings = z.infer<typeof productionSettings>

const COUNT_FORMS = { 起: 1, 次: 1, 个: 1, 件: 1 }

/** A coal mine's daily dispatch figures; plans are per team (一个班组) and are placeholders until set. */
export const PRODUCTION_DEFAULTS: z.input<typeof productionSettings> = {
  metrics: [
    {
      code: 'coal',
      name: '原煤产量',
      aliases: ['原煤', '产量', '产煤', 'coal'],
      unit: '吨',
      unitForms: { 吨: 1, t: 1, 万吨: 10_000, 万t: 10_000 },
      better: 'higher',
      aggregate: 'sum',
      integer: false,
      max: 1_000_000,
      planDaily: 3000,
      planMonthly: 90_000,
      resetsSafeDays: false,
    },
    {
      code: 'footage',
      name: '进尺',
      aliases: ['掘进', '掘进进尺', 'footage'],
      unit: '米',
      unitForms: { 米: 1, m: 1 },
      better: 'higher',
      aggregate: 'sum',
      integer: false,
      max: 1000,
      planDaily: 12,
      planMonthly: 360,
      resetsSafeDays: false,
    },
    {
      code: 'safeDays',
      name: '安全生产天数',
      aliases: ['安全天数', '安全生产', 'safedays'],
      unit: '天',
      unitForms: { 天: 1 },
      better: 'higher',
      aggregate: 'latest',
      integer: true,
      max: 100_000,
      planDaily: null,
      planMonthly: null,
      resetsSafeDays: false,
    },
    {
      code: 'violations',
      name: '三违',
      aliases: ['三违人数', 'violations'],
      unit: '起',
      unitForms: { ...COUNT_FORMS, 人: 1, 人次: 1 },
      better: 'lower',
      aggregate: 'sum',
      integer: true,
      max: 1000,
      planDaily: 0,
      planMonthly: 0,
      resetsSafeDays: false,
    },
    {
      code: 'hazardFix',
      name: '隐患整改率',
      aliases: ['整改率', '隐患整改', 'hazardfix'],
      unit: '%',
      unitForms: { '%': 1 },
      better: 'higher',
      aggregate: 'mean',
      integer: false,
      max: 100,
      planDaily: 100,
      planMonthly: 100,
      resetsSafeDays: false,
    },
    {
      code: 'accidents',
      name: '事故',
      aliases: ['事故起数', 'accidents'],
      unit: '起',
      unitForms: COUNT_FORMS,
      better: 'lower',
      aggregate: 'sum',
      integer: true,
      max: 1000,
      planDaily: 0,
      planMonthly: 0,
      resetsSafeDays: true,
    },
  ],
  plans: {},
  dispatchAt: '08:00',
  backdateDays: 31,
}
