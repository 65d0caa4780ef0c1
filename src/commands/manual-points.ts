import { z } from 'zod'
import { manualToday } from '../db/manual-points'
import { pointsLedger } from '../db/schema'
import { loadUnits } from '../db/units'
import { decideManual, manualSource } from '../domain/manual-points'
import { holdsOver } from '../domain/members'
import { localDay } from '../domain/time'
import { UserError } from '../errors'
import { translate } from '../i18n'
import { text } from '../messages'
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
