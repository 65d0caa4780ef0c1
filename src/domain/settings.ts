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
      /** Each correct answer in challenge mode. */
      challenge: pointRule.default({ points: 1, dailyCap: 5 }),
      /** A task confirmed done, reported on or before its due day. */
      task: pointRule.default({ points: 5, dailyCap: null }),
      /** A proposal on a 点题 topic that the secretary adopted. */
      proposal: pointRule.default({ points: 3, dailyCap: null }),
      study: pointRule.default({ points: 2, dailyCap: 2 }),
      manual: z
        .object({ maxPerAward: z.number().int().positive(), dailyCap: z.number().int().positive() })
        .default({ maxPerAward: 10, dailyCap: 20 }),
    })
    .default({
      checkin: { points: 2, dailyCap: 4 },
      checkinLate: { points: 1, dailyCap: null },
      quiz: { points: 1, dailyCap: 5 },
      challenge: { points: 1, dailyCap: 5 },
      task: { points: 5, dailyCap: null },
      proposal: { points: 3, dailyCap: null },
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
  /** Task deadlines: assignee reminders so many days before due, digests at these local times. */
  tasks: z
    .object({
      remindDaysBefore: z.array(z.number().int().min(1).max(30)).max(5),
      remindAt: hhmm,
      /** Due within this many days counts as due soon in 逾期 and the secretary's digest. */
      dueSoonDays: z.number().int().min(0).max(30),
      digestAt: hhmm,
      /** Leaders hear on Mondays of items overdue by more than this many days. */
      escalateAfterDays: z.number().int().min(1).max(90),
      escalateAt: hhmm,
    })
    .default({
      remindDaysBefore: [3, 1],
      remindAt: '09:00',
      dueSoonDays: 3,
      digestAt: '08:30',
      escalateAfterDays: 7,
      escalateAt: '09:30',
    }),
  quiz: z
    .object({
      dailyQuestions: z.number().int().min(1).max(20),
      challengeMax: z.number().int().min(1).max(200),
      /** A branch does not get a question again within this many days while fresh ones remain. */
      rotationDays: z.number().int().min(0).max(366).default(30),
      /** Time to answer one challenge question. */
      challengeSeconds: z.number().int().min(10).max(600).default(60),
    })
    .default({ dailyQuestions: 5, challengeMax: 50, rotationDays: 30, challengeSeconds: 60 }),
  summaryWeights: z
    .object({ partyBuilding: z.number().min(0).max(1), production: z.number().min(0).max(1) })
    .refine((w) => Math.abs(w.partyBuilding + w.production - 1) < 1e-9, 'weights that add up to 1')
    .default({ partyBuilding: 0.5, production: 0.5 }),
})

export type Settings = z.infer<typeof SettingsSchema> & { version: number }

export const DEFAULT_SETTINGS_DOC = SettingsSchema.parse({})

export type PointRuleId = 'checkin' | 'checkinLate' | 'quiz' | 'task' | 'proposal' | 'study'
