import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import {
  APPROVE_POINTS,
  pointsRequestCard,
  REJECT_POINTS,
  type RequestView,
  requestParams,
} from '../cards/points-approval'
import { leadersOn, manualToday, requestByKey, requestsOn } from '../db/manual-points'
import { memberById } from '../db/queries'
import { jobRuns, pointsLedger, pointsRequests } from '../db/schema'
import type { Write } from '../db/store'
import { loadUnits } from '../db/units'
import { decideManual, manualSource } from '../domain/manual-points'
import { holdsOver, lineage, type UnitNode } from '../domain/members'
import { localDay } from '../domain/time'
import { UserError } from '../errors'
import { translate } from '../i18n'
import { card, text } from '../messages'
import { memberRef, points, words } from './args'
import { type Ctx, command, type Me, type Outcome } from './command'
import { resolveMember } from './points'
import { pushesTo } from './task-access'

type ManualArgs = { member: string; points: number; reason: string }

/** 加分 / 扣分: a secretary moves a member of their branch by hand, within settings.points.manual. */
async function giveManual(ctx: Ctx, sign: 1 | -1, args: ManualArgs): Promise<Outcome> {
  const me = ctx.me as Me
  const target = await resolveMember(ctx, args.member)
  if (target.id === me.id) throw new UserError('supervision.manualSelf', {})
  const units = await loadUnits(ctx.db)
  if (!holdsOver(me, 'secretary', target.branchId, units))
    throw new UserError('supervision.manualNotInBranch', { name: target.name })
  const day = localDay(ctx.now, ctx.timeZone)
  const today = await manualToday(ctx.db, target.id, day)
  const limits = ctx.settings.points.manual
  const decision = decideManual(sign, args.points, today.moved, limits)
  if (decision.kind === 'overAward')
    throw new UserError('supervision.manualOverAward', { max: decision.max, points: args.points })
  if (decision.kind === 'overDaily')
    throw new UserError('supervision.manualOverDaily', {
      name: target.name,
      cap: decision.cap,
      used: decision.used,
      room: decision.cap - decision.used,
    })
  const threshold = ctx.settings.points.approvalThreshold
  if (threshold !== null && args.points > threshold)
    return askApproval(ctx, { me, target, units, day, points: sign * args.points, reason: args.reason })
  const verb = sign > 0 ? 'supervision.manualAdd' : 'supervision.manualDeduct'
  const row = ctx.db.insert(pointsLedger).values({
    memberId: target.id,
    points: decision.points,
    rule: 'manual',
    reason: ctx.t('supervision.manualLedger', { verb: ctx.t(verb), reason: args.reason, by: me.name }),
    source: manualSource(day, today.rows + 1),
    day,
    settingsVersion: ctx.settings.version,
    createdAt: ctx.now,
  })
  const { pushes, missing } = await pushesTo(ctx, [target], (locale) =>
    text(
      translate(locale, 'supervision.manualPush', {
        by: me.name,
        verb: translate(locale, verb),
        points: args.points,
        reason: args.reason,
      }),
    ),
  )
  const said = ctx.t('supervision.manualDone', {
    name: target.name,
    verb: ctx.t(verb),
    points: args.points,
    reason: args.reason,
    used: decision.usedAfter,
    cap: limits.dailyCap,
  })
  const told = missing.length
    ? ctx.t('supervision.manualUnreached', { name: target.name })
    : ctx.t('supervision.manualTold')
  return { writes: [row], replies: [text(`${said}${told}`)], pushes }
}

type Asked = {
  me: Me
  target: { id: number; name: string; branchId: number }
  units: ReadonlyMap<number, UnitNode>
  day: string
  points: number
  reason: string
}

/**
 * Above settings.points.approvalThreshold the change waits as a request, and each leader over the member's
 * branch gets a card to decide it. Two requests at once take different n-ths or one is re-run (unique index).
 */
async function askApproval(ctx: Ctx, a: Asked): Promise<Outcome> {
  const nth = (await requestsOn(ctx.db, a.target.id, a.day)) + 1
  const write = ctx.db.insert(pointsRequests).values({
    memberId: a.target.id,
    points: a.points,
    reason: a.reason,
    requestedBy: a.me.id,
    requestedAt: ctx.now,
    day: a.day,
    nth,
    status: 'pending',
    settingsVersion: ctx.settings.version,
  })
  const threshold = ctx.settings.points.approvalThreshold as number
  const params = { ...requestParams(ctx.locale, { ...a.target, ...a }), threshold }
  const leaders = await leadersOn(ctx.db, lineage(a.units, a.target.branchId))
  if (leaders.length === 0) throw new UserError('pointsApproval.noLeader', params)
  const view: RequestView = {
    id: 0,
    memberId: a.target.id,
    name: a.target.name,
    branchId: a.target.branchId,
    points: a.points,
    reason: a.reason,
    requestedBy: a.me.id,
    day: a.day,
    nth,
    status: 'pending',
    decidedBy: null,
    settingsVersion: ctx.settings.version,
    branch: a.units.get(a.target.branchId)?.name ?? '',
    by: a.me.name,
  }
  const { pushes, missing } = await pushesTo(ctx, leaders, (locale) => card(pointsRequestCard(locale, view)))
  const said = ctx.t('pointsApproval.asked', { ...params, leaders: leaders.map((l) => l.name).join('、') })
  const unreached = missing.length ? ctx.t('pointsApproval.unreached', { names: missing.join('、') }) : ''
  return { writes: [write], replies: [text(said + unreached)], pushes }
}

const requestKey = z
  .string()
  .regex(/^\d{1,9}\|\d{4}-\d{2}-\d{2}\|\d{1,4}$/)
  .transform((v) => v.split('|'))
  .transform(([m, day, n]) => ({ memberId: Number(m), day: day as string, nth: Number(n) }))

/** The job-run key that lets a request be decided once, whichever of 批准 / 驳回 is tapped first. */
const DECIDE_JOB = 'points-request'

/**
 * 批准 / 驳回 on the request card (or the morning card): by a leader over the member's branch, once. The
 * status update, a job-run guard and (on approval) the ledger row go in one batch: a second tap, or two
 * leaders at once, loses on the guard, is re-run, and finds the request decided.
 */
export async function decidePointsRequest(
  ctx: Ctx,
  value: string,
  approve: boolean,
): Promise<Outcome & { request: RequestView; decided: boolean }> {
  const me = ctx.me
  if (!me) throw new UserError('common.needBind')
  const key = requestKey.safeParse(value)
  const found = key.success
    ? await requestByKey(ctx.db, key.data.memberId, key.data.day, key.data.nth)
    : undefined
  if (!found) throw new UserError('pointsApproval.noRequest')
  const units = await loadUnits(ctx.db)
  if (!holdsOver(me, 'leader', found.branchId, units))
    throw new UserError('pointsApproval.notYours', { name: found.name })
  const by = (await memberById(ctx.db, found.requestedBy))?.name ?? ''
  const request: RequestView = { ...found, branch: units.get(found.branchId)?.name ?? '', by }
  if (found.status !== 'pending')
    return {
      writes: [],
      replies: [],
      toast: {
        kind: 'info',
        text: ctx.t('pointsApproval.decidedAlready', {
          status: ctx.t(`pointsApproval.status.${found.status}`),
        }),
      },
      card: pointsRequestCard(ctx.locale, request),
      request,
      decided: false,
    }
  const status = approve ? ('approved' as const) : ('rejected' as const)
  const writes: Write[] = [
    ctx.db
      .update(pointsRequests)
      .set({ status, decidedBy: me.id, decidedAt: ctx.now })
      .where(and(eq(pointsRequests.id, found.id), eq(pointsRequests.status, 'pending'))),
    ctx.db
      .insert(jobRuns)
      .values({ job: DECIDE_JOB, slot: `request:${found.id}`, ranAt: ctx.now, outcome: status }),
  ]
  const params = requestParams(ctx.locale, found)
  if (approve)
    writes.push(
      ctx.db.insert(pointsLedger).values({
        memberId: found.memberId,
        points: found.points,
        rule: 'manual',
        reason: ctx.t('pointsApproval.ledger', {
          verb: params.verb,
          reason: found.reason,
          by,
          approver: me.name,
        }),
        source: `request:${found.id}`,
        day: found.day,
        settingsVersion: found.settingsVersion,
        createdAt: ctx.now,
      }),
    )
  const member = approve
    ? await pushesTo(ctx, [{ id: found.memberId, name: found.name }], (locale) =>
        text(
          translate(locale, 'pointsApproval.memberPush', { ...requestParams(locale, found), by: me.name }),
        ),
      )
    : { pushes: [] }
  const requester = await pushesTo(ctx, [{ id: found.requestedBy, name: by }], (locale) =>
    text(
      translate(locale, 'pointsApproval.requesterPush', {
        ...requestParams(locale, found),
        result: translate(locale, `pointsApproval.status.${status}`),
        by: me.name,
      }),
    ),
  )
  const decided = { ...request, status, decidedBy: me.id }
  return {
    writes,
    replies: [],
    pushes: [...member.pushes, ...requester.pushes],
    toast: { kind: approve ? 'success' : 'info', text: ctx.t(`pointsApproval.${status}`, params) },
    card: pointsRequestCard(ctx.locale, decided),
    request: decided,
    decided: true,
  }
}

const strip = ({ request: _r, decided: _d, ...out }: Awaited<ReturnType<typeof decidePointsRequest>>) => out

export const pointsApprovalActions = {
  [APPROVE_POINTS]: async (ctx: Ctx, value: string) => strip(await decidePointsRequest(ctx, value, true)),
  [REJECT_POINTS]: async (ctx: Ctx, value: string) => strip(await decidePointsRequest(ctx, value, false)),
}

const manualArgs = z.object({ member: memberRef, points, reason: words(100) })
const manualParams = [{ name: 'member' }, { name: 'points' }, { name: 'reason', rest: true }]

export const addPoints = command({
  id: 'addpoints',
  names: ['加分'],
  aliases: ['addpoints'],
  who: ['secretary'],
  params: manualParams,
  args: manualArgs,
  run: (ctx, args) => giveManual(ctx, 1, args),
})

export const deductPoints = command({
  id: 'deductpoints',
  names: ['扣分'],
  aliases: ['deductpoints'],
  who: ['secretary'],
  params: manualParams,
  args: manualArgs,
  run: (ctx, args) => giveManual(ctx, -1, args),
})
