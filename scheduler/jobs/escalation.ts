import { memberNames, paidCallsOn, recordStep, type StepRow } from '../../src/db/escalation'
import type { Write } from '../../src/db/store'
import { accountsOf } from '../../src/db/tasks'
import { loadUnits } from '../../src/db/units'
import { shiftDay } from '../../src/domain/dates'
import {
  dueSteps,
  type EscalationItem,
  isPressing,
  nudgeBefore,
  overdueDays,
  paidVerdict,
  stepDay,
} from '../../src/domain/escalation'
import type { EscalationAction, EscalationPolicy } from '../../src/domain/escalation-settings'
import { sendableAt } from '../../src/domain/quiet-hours'
import { localDay, zonedTime } from '../../src/domain/time'
import { type Locale, translate } from '../../src/i18n'
import { card, type Reply } from '../../src/messages'
import { type DataSlot, dataOf } from '../calendar-view'
import type { KindCtx } from '../escalation/kind'
import { ESCALATION_KINDS, kindById } from '../escalation/kinds'
import type { Job, JobCtx, JobOutput } from '../job'
import { releaseTimes } from '../shift-hold'
import { privately } from '../task-reach'

type Data = { kind: string; key: string; step: number }

/** The outbox source prefix of a step's messages (the tick names sources `job:<job>:<slot>:<platform>`). */
export const stepSource = (kind: string, key: string, step: number) =>
  `job:escalation:${kind}:${key}#${step}:`

const slotKey = (d: Data) => `${d.kind}:${d.key}#${d.step}`

/**
 * 逐级催办: for each kind of item with a policy in `settings.escalation.policies`, each step of an open item's
 * ladder fires once (the job-run record of its slot, and its `escalation_steps` row), at `escalation.at` on its
 * day or at the next tick after. A step found late still fires (its slot is due now): a missed 催办 still matters,
 * and the ladder's end bounds how late (domain/escalation.ts onLadder). An item done by the time its step runs
 * gets nothing. Nudges and leader cards are personal pushes, held over shifts and rest unless the policy is urgent;
 * 加急 steps wait in `escalation_steps` for their nudge to be sent (scheduler/escalation/press.ts).
 */
export const escalationJob: Job = {
  name: 'escalation',
  async slots({ db, now, timeZone, settings }) {
    const { policies, at } = settings.escalation
    const today = localDay(now, timeZone)
    const ctx: KindCtx = { db, now, today, timeZone }
    const slots: DataSlot<Data>[] = []
    for (const kind of ESCALATION_KINDS) {
      const policy = policies[kind.id]
      const last = policy?.steps.at(-1)
      if (!policy || !last) continue
      // A ladder ends a day after its last step (onLadder): older items are not read at all.
      const since = shiftDay(today, -(last.afterDays + 2))
      for (const item of await kind.items(ctx, since))
        for (const step of dueSteps(policy, item, today)) {
          const day = stepDay(item.dueDay, policy.steps[step]?.afterDays ?? 0)
          if (zonedTime(day, at, timeZone) > now) continue
          const data = { kind: kind.id, key: item.key, step }
          slots.push({ key: slotKey(data), dueAt: now, data })
        }
    }
    return slots
  },
  async run(ctx, slot): Promise<JobOutput> {
    const { kind: kindId, key, step } = dataOf<Data>(slot)
    const kind = kindById(kindId)
    const policy = ctx.settings.escalation.policies[kindId]
    const action = policy?.steps[step]?.action
    if (!kind || !policy || !action) return { writes: [], messages: [] }
    const today = localDay(ctx.now, ctx.timeZone)
    const item = await kind.item({ db: ctx.db, now: ctx.now, today, timeZone: ctx.timeZone }, key)
    const row: StepRow = {
      kind: kindId,
      itemKey: key,
      step,
      action,
      day: today,
      firedAt: ctx.now,
      status: 'sent',
    }
    if (!item || item.done)
      return {
        writes: [recordStep(ctx.db, { ...row, status: 'skipped', detail: 'done before the step' })],
        messages: [],
      }
    if (isPressing(action))
      return { writes: await pressStep(ctx, policy, step, action, item, row), messages: [] }
    const messages = await stepMessages(ctx, kindId, action, item, today)
    const marked = messages.map((m) => ({ ...m, urgent: policy.urgent }))
    const recorded = messages.length
      ? { ...row, recipients: messages.length }
      : {
          ...row,
          status: 'skipped' as const,
          detail: action === 'leaderCard' ? 'no leader reachable' : 'nobody reachable',
        }
    return { writes: [recordStep(ctx.db, recorded)], messages: marked }
  },
}

async function stepMessages(
  ctx: JobCtx,
  kindId: string,
  action: EscalationAction,
  item: EscalationItem,
  today: string,
): Promise<JobOutput['messages']> {
  const params = (locale: Locale) => ({
    kind: translate(locale, `escalation.kind.${kindId}`),
    title: item.title,
    days: overdueDays(item.dueDay, today),
    due: item.dueDay,
  })
  if (action === 'nudge')
    return privately(ctx, item.responsible, null, (locale) => ({
      kind: 'text',
      text: translate(locale, 'escalation.nudge', params(locale)),
    }))
  const unit = (await loadUnits(ctx.db)).get(item.unitId)?.name ?? ''
  const names = (await memberNames(ctx.db, item.responsible)).map((m) => m.name)
  return privately(ctx, item.leaders, null, (locale): Reply => {
    const p = params(locale)
    const t = (k: string) => translate(locale, `escalation.${k}`)
    return card({
      title: translate(locale, 'escalation.leaderTitle', p),
      tone: 'danger',
      sections: [
        { kind: 'markdown', text: translate(locale, 'escalation.leaderIntro', p) },
        {
          kind: 'fields',
          fields: [
            { label: t('fieldItem'), value: item.title },
            { label: t('fieldUnit'), value: unit },
            { label: t('fieldResponsible'), value: names.join(t('separator')) || t('nobody') },
            { label: t('fieldDue'), value: item.dueDay },
          ],
        },
      ],
    })
  })
}

/**
 * A 加急 step presses on the nudge before it. It waits (`pending`) until the responsible may be disturbed: after
 * their shift and rest, outside quiet hours, unless the policy is urgent. SMS and phone need turning on and fit
 * the day's budget, else the step is recorded as skipped with the reason.
 */
async function pressStep(
  ctx: JobCtx,
  policy: EscalationPolicy,
  step: number,
  action: 'urgent' | 'sms' | 'phone',
  item: EscalationItem,
  row: StepRow,
): Promise<Write[]> {
  // An array, never a bare query: awaiting a drizzle query runs it, and a write must reach the tick unrun.
  const nudge = nudgeBefore(policy, step)
  if (nudge === undefined)
    return [recordStep(ctx.db, { ...row, status: 'skipped', detail: 'no nudge before it' })]
  const recipients = item.responsible.length
  if (action !== 'urgent') {
    const verdict = paidVerdict(
      action,
      ctx.settings.escalation.paid,
      await paidCallsOn(ctx.db, row.day),
      recipients,
    )
    if (verdict !== 'ok')
      return [
        recordStep(ctx.db, {
          ...row,
          status: 'skipped',
          detail:
            verdict === 'off'
              ? `${action} 加急 is off`
              : `daily budget of ${ctx.settings.escalation.paid.dailyBudget} reached`,
        }),
      ]
  }
  let notBefore = ctx.now
  if (!policy.urgent) {
    const accounts = await accountsOf(ctx.db, item.responsible)
    const released = await releaseTimes(ctx.db, ctx.settings, ctx.timeZone, ctx.now, accounts)
    notBefore = Math.max(sendableAt(ctx.now, ctx.settings.quietHours, ctx.timeZone), ...released.values())
  }
  return [
    recordStep(ctx.db, {
      ...row,
      status: 'pending',
      nudgeSource: stepSource(row.kind, row.itemKey, nudge),
      notBefore,
      recipients,
    }),
  ]
}
