import { z } from 'zod'

export const ESCALATION_ACTIONS = ['nudge', 'urgent', 'leaderCard', 'sms', 'phone'] as const
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number]

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 09:00')

/** Day 0 is the first day after the item was due. */
const step = z.object({ afterDays: z.number().int().min(0).max(60), action: z.enum(ESCALATION_ACTIONS) })

const policy = z.object({
  /** An urgent policy's pushes and 加急 reach a member even on shift or resting after a night shift. */
  urgent: z.boolean().default(false),
  steps: z
    .array(step)
    .max(10)
    .refine(
      (s) => s.every((x, i) => i === 0 || (s[i - 1]?.afterDays ?? 0) <= x.afterDays),
      'steps in day order',
    ),
})

/**
 * 逐级催办 (issue 16): a ladder of steps per kind of item (`taskOverdue`, `meetingNotHeld`, and kinds that later
 * features register). SMS and phone 加急 cost the enterprise money: off unless turned on, and then at most
 * `dailyBudget` calls a day across all items.
 */
export const escalationSettings = z.object({
  /** Local time at which the day's steps fire. */
  at: hhmm,
  policies: z.record(z.string().min(1).max(40), policy),
  paid: z.object({
    sms: z.boolean(),
    phone: z.boolean(),
    dailyBudget: z.number().int().min(0).max(10_000),
  }),
})

export type EscalationSettings = z.infer<typeof escalationSettings>
export type EscalationPolicy = EscalationSettings['policies'][string]

const LADDER = [
  { afterDays: 0, action: 'nudge' },
  { afterDays: 1, action: 'urgent' },
  { afterDays: 2, action: 'leaderCard' },
] as const

export const ESCALATION_DEFAULTS: EscalationSettings = {
  at: '09:00',
  policies: {
    taskOverdue: { urgent: false, steps: [...LADDER] },
    meetingNotHeld: { urgent: false, steps: [...LADDER] },
  },
  paid: { sms: false, phone: false, dailyBudget: 20 },
}
