import { z } from 'zod'
import { dispatchCard } from '../cards/dispatch'
import { branchesUnder, loadDispatch } from '../db/dispatch-facts'
import { loadUnits } from '../db/units'
import { DATE_PHRASE, parseDueDate } from '../domain/dates'
import { type DispatchPeriod, dispatchPeriod } from '../domain/dispatch'
import { holdsOver, subtree, type UnitNode } from '../domain/members'
import { localDay } from '../domain/time'
import { UserError } from '../errors'
import { card } from '../messages'
import { type Ctx, command, type Me, type Outcome } from './command'

const PERIODS = ['本周', '本月', 'week', 'month']
const when = z
  .string()
  .refine((s) => PERIODS.includes(s.toLowerCase()) || DATE_PHRASE.test(s), 'arg.dispatchWhen')
  .optional()

type Scope = { root: UnitNode; branches: UnitNode[] }

const OVERSEERS = ['secretary', 'dispatcher', 'leader'] as const

/** Whose figures: this group's unit, or in private the unit of the asker's widest grant (a secretary's branch). */
function scopeOf(ctx: Ctx, me: Me, units: ReadonlyMap<number, UnitNode>): Scope {
  if (ctx.chatType === 'group' && !ctx.chat) throw new UserError('common.needBoundChat')
  const rootId =
    ctx.chat?.unitId ??
    me.grants
      .filter((g) => (OVERSEERS as readonly string[]).includes(g.role))
      .map((g) => g.unitId)
      .sort((a, b) => subtree(units, b).length - subtree(units, a).length)[0]
  const root = rootId === undefined ? undefined : units.get(rootId)
  if (!root || !OVERSEERS.some((r) => holdsOver(me, r, root.id, units)))
    throw new UserError('production.notYourScope', { unit: ctx.chat?.unitName ?? '' })
  return { root, branches: branchesUnder(root, units) }
}

function periodOf(ctx: Ctx, phrase: string | undefined): DispatchPeriod {
  const today = localDay(ctx.now, ctx.timeZone)
  const p = phrase?.toLowerCase()
  if (p === '本周' || p === 'week') return dispatchPeriod('week', today)
  if (p === '本月' || p === 'month') return dispatchPeriod('month', today)
  if (phrase === undefined) return dispatchPeriod({ day: today }, today)
  const r = parseDueDate(phrase, ctx.now, ctx.timeZone)
  const day = r.ok ? r.day : r.day
  if (day === undefined) throw new UserError('production.badDate', { phrase })
  if (day > today) throw new UserError('production.notYet', { day })
  return dispatchPeriod({ day }, today)
}

/** `调度 [日期|本周|本月]`: production against plan beside the same branches' Party-building figures. */
export const dispatchCmd = command({
  id: 'dispatch',
  names: ['调度'],
  aliases: ['dispatch'],
  who: ['secretary', 'dispatcher', 'leader'],
  params: [{ name: 'when' }],
  args: z.object({ when }),
  async run(ctx, args): Promise<Outcome> {
    const me = ctx.me as Me
    const units = await loadUnits(ctx.db)
    const scope = scopeOf(ctx, me, units)
    const period = periodOf(ctx, args.when)
    const rows = await loadDispatch(ctx, scope.branches, period, units)
    return { writes: [], replies: [card(dispatchCard(ctx.locale, scope.root, period, rows))] }
  },
})
