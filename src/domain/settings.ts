import { z } from 'zod'
import { ESCALATION_DEFAULTS, escalationSettings } from './escalation-settings'
import { PRODUCTION_DEFAULTS, productionSettings } from './production-settings'

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
      /** A 补签 the secretary confirmed or recorded: less than on time, it is not a check-in in the window. */
      makeup: pointRule.default({ points: 1, dailyCap: null }),
      manual: z
        .object({ maxPerAward: z.number().int().positive(), dailyCap: z.number().int().positive() })
        .default({ maxPerAward: 10, dailyCap: 20 }),
      /** A 加分 / 扣分 of more points than this waits for a leader's approval; null: none waits. */
      approvalThreshold: z.number().int().positive().nullable().default(null),
      /** Whether every member sees individual ranks; otherwise only their own (and a secretary their branch's). */
      showMemberRank: z.boolean().default(false),
    })
    .default({
      checkin: { points: 2, dailyCap: 4 },
      checkinLate: { points: 1, dailyCap: null },
      quiz: { points: 1, dailyCap: 5 },
      challenge: { points: 1, dailyCap: 5 },
      task: { points: 5, dailyCap: null },
      proposal: { points: 3, dailyCap: null },
      study: { points: 2, dailyCap: 2 },
      makeup: { points: 1, dailyCap: null },
      manual: { maxPerAward: 10, dailyCap: 20 },
      approvalThreshold: null,
      showMemberRank: false,
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
  /** Commands one person may send in a window before the bot asks them to slow down (DESIGN §5). */
  commandRate: z
    .object({ commands: z.number().int().min(1).max(1000), seconds: z.number().int().min(1).max(3600) })
    .default({ commands: 20, seconds: 10 }),
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
      /** Questions from the member's 错题本 that join their daily quiz at most (after the branch's set). */
      reviewPerDay: z.number().int().min(0).max(10).default(3),
      /** When members who have not answered the day's quiz are nudged privately; null: never. */
      nudgeAt: hhmm.nullable().default('12:00'),
    })
    .default({
      dailyQuestions: 5,
      challengeMax: 50,
      rotationDays: 30,
      challengeSeconds: 60,
      reviewPerDay: 3,
      nudgeAt: '12:00',
    }),
  /** Shift work: the shifts a rotation names, the rest after a night shift, and the 补签 grace. */
  shifts: z
    .object({
      definitions: z
        .array(
          z.object({
            /** What a rotation and 班次 @成员 type: 早, 中, 夜. */
            code: z.string().min(1).max(4),
            name: z.string().min(1).max(10),
            start: hhmm,
            /** `24:00` ends at midnight; an end at or before the start ends the next day. */
            end: z.union([hhmm, z.literal('24:00')]),
            /** A night shift is followed by `restAfterNightHours` of rest. */
            night: z.boolean(),
          }),
        )
        .min(1)
        .max(8),
      restAfterNightHours: z.number().min(0).max(24),
      makeupGraceHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 7),
    })
    .default({
      definitions: [
        { code: '早', name: '早班', start: '08:00', end: '16:00', night: false },
        { code: '中', name: '中班', start: '16:00', end: '24:00', night: false },
        { code: '夜', name: '夜班', start: '00:00', end: '08:00', night: true },
      ],
      restAfterNightHours: 8,
      makeupGraceHours: 24,
    }),
  /** 报产 and the 调度 card: the figures a team reports, their units and plans (issue 14). */
  production: productionSettings.default(PRODUCTION_DEFAULTS),
  /** 目标责任书: a signer who has not confirmed the current version hears again this many days after it came. */
  letters: z
    .object({ nudgeAfterDays: z.number().int().min(1).max(60).default(3) })
    .default({ nudgeAfterDays: 3 }),
  /** The 待办 card goes to each secretary and leader privately at this local time on working days. */
  todo: z.object({ morningAt: hhmm.default('07:30') }).default({ morningAt: '07:30' }),
  /** 民情日记: a note's category is the first word of its text when it names one of these, else the last one. */
  diary: z
    .object({ categories: z.array(z.string().min(1).max(10)).min(1).max(20) })
    .default({ categories: ['家庭困难', '思想波动', '工作诉求', '身体健康', '其他'] }),
  /**
   * 反映 and the ledger (issue 15): a report's category is its first word when it names one of `categories`,
   * else the last one (其他); each sender may file `dailyReports` a day; an open problem past its deadline
   * nudges its 责任人 and 分管领导 once on each of `nudgeDays` days after the deadline, at `nudgeAt`.
   */
  supervision: z
    .object({
      categories: z
        .array(z.string().min(1).max(10))
        .min(1)
        .max(20)
        .default(['安全生产', '工作作风', '党建工作', '其他']),
      dailyReports: z.number().int().min(1).max(100).default(5),
      nudgeDays: z.array(z.number().int().min(1).max(365)).min(1).max(10).default([1, 3, 7]),
      nudgeAt: hhmm.default('09:00'),
    })
    .default({
      categories: ['安全生产', '工作作风', '党建工作', '其他'],
      dailyReports: 5,
      nudgeDays: [1, 3, 7],
      nudgeAt: '09:00',
    }),
  /** 逐级催办: a ladder of steps per kind of overdue item (issue 16). */
  escalation: escalationSettings.default(ESCALATION_DEFAULTS),
  /** 汇总 (issue 9): weights of the combined index that ranks branches, and how many need attention first. */
  summary: z
    .object({
      weights: z
        .object({
          attendance: z.number().min(0).max(1),
          quiz: z.number().min(0).max(1),
          tasks: z.number().min(0).max(1),
          production: z.number().min(0).max(1),
          points: z.number().min(0).max(1),
          study: z.number().min(0).max(1),
        })
        .refine((w) => Object.values(w).some((v) => v > 0), 'at least one weight above 0')
        .default({ attendance: 0.25, quiz: 0.15, tasks: 0.2, production: 0.2, points: 0.1, study: 0.1 }),
      attention: z.number().int().min(1).max(20).default(3),
      rankShown: z.number().int().min(1).max(50).default(10),
      trendMonths: z.number().int().min(2).max(12).default(6),
    })
    .default({
      weights: { attendance: 0.25, quiz: 0.15, tasks: 0.2, production: 0.2, points: 0.1, study: 0.1 },
      attention: 3,
      rankShown: 10,
      trendMonths: 6,
    }),
  summaryWeights: z
    .object({ partyBuilding: z.number().min(0).max(1), production: z.number().min(0).max(1) })
    .refine((w) => Math.abs(w.partyBuilding + w.production - 1) < 1e-9, 'weights that add up to 1')
    .default({ partyBuilding: 0.5, production: 0.5 }),
})

export type Settings = z.infer<typeof SettingsSchema> & { version: number }

export const DEFAULT_SETTINGS_DOC = SettingsSchema.parse({})

export type PointRuleId = 'checkin' | 'checkinLate' | 'quiz' | 'task' | 'proposal' | 'study'
