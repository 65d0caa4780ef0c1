import { z } from 'zod'

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 22:00')

const pointRule = z.object({
  points: z.number().int().min(-100).max(100),
  dailyCap: z.number().int().positive().nullable(),
})

/** The organisation's rules as data (DESIGN §1): one document, versioned, validated here. */
export const SettingsSchema = z.object({
  points: z
    .object({
      checkin: pointRule.default({ points: 2, dailyCap: 4 }),
      /** A late check-in; it shares the daily cap of `checkin`. */
      checkinLate: pointRule.default({ points: 1, dailyCap: null }),
      quiz: pointRule.default({ points: 1, dailyCap: 5 }),
      task: pointRule.default({ points: 5, dailyCap: null }),
      study: pointRule.default({ points: 2, dailyCap: 2 }),
      manual: z
        .object({ maxPerAward: z.number().int().positive(), dailyCap: z.number().int().positive() })
        .default({ maxPerAward: 10, dailyCap: 20 }),
    })
    .default({
      checkin: { points: 2, dailyCap: 4 },
      checkinLate: { points: 1, dailyCap: null },
      quiz: { points: 1, dailyCap: 5 },
      task: { points: 5, dailyCap: null },
      study: { points: 2, dailyCap: 2 },
      manual: { maxPerAward: 10, dailyCap: 20 },
    }),
  checkin: z
    .object({
      defaultMinutes: z.number().int().min(1).max(1440),
      /** After the window closes, a check-in still counts, as late, for this long. */
      lateGraceMinutes: z.number().int().min(0).max(1440),
      /** Members still missing this long before the close get one private reminder. */
      nudgeMinutes: z.number().int().min(1).max(120).default(10),
    })
    .default({ defaultMinutes: 30, lateGraceMinutes: 15, nudgeMinutes: 10 }),
  quietHours: z.object({ start: hhmm, end: hhmm }).default({ start: '22:00', end: '07:00' }),
  /** How late a scheduled push may still go out after downtime; older slots are recorded as skipped. */
  scheduler: z
    .object({
      graceMinutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60),
    })
    .default({ graceMinutes: 360 }),
  quiz: z
    .object({
      dailyQuestions: z.number().int().min(1).max(20),
      challengeMax: z.number().int().min(1).max(200),
    })
    .default({ dailyQuestions: 5, challengeMax: 50 }),
  summaryWeights: z
    .object({ partyBuilding: z.number().min(0).max(1), production: z.number().min(0).max(1) })
    .refine((w) => Math.abs(w.partyBuilding + w.production - 1) < 1e-9, 'weights that add up to 1')
    .default({ partyBuilding: 0.5, production: 0.5 }),
})

export type Settings = z.infer<typeof SettingsSchema> & { version: number }

export const DEFAULT_SETTINGS_DOC = SettingsSchema.parse({})

export type PointRuleId = 'checkin' | 'checkinLate' | 'quiz' | 'task' | 'study'
