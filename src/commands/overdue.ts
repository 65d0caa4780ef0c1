import { z } from 'zod'
import { branchDueCard, orgDueCard, splitDue, WORST_SHOWN } from '../cards/task-lists'
import { branchDue, dueCounts, overdueIn } from '../db/tasks'
import { loadUnits } from '../db/units'
import { shiftDay } from '../domain/dates'
import { holdsOver, subtree, type UnitNode } from '../domain/members'
import { localDay } from '../domain/time'
import { UserError } from '../errors'
import { card } from '../messages'
import { type Ctx, command, type Me, type Outcome } from './command'

/**
 * Whose tasks `逾期` shows: in a branch group its secretary sees that branch; a leader sees their subtree by
 * branch; a secretary elsewhere sees their own branch.
 */
function scopeOf(ctx: Ctx, me: Me, units: ReadonlyMap<number, UnitNode>) {
  const chatUnit = ctx.chat ? units.get(ctx.chat.unitId) : undefined
  if (chatUnit?.kind === 'branch' && holdsOver(me, 'secretary', chatUnit.id, units))
    return { kind: 'branch' as const, unit: chatUnit }
  const led = me.grants.find((g) => g.role === 'leader')
  if (led && units.get(led.unitId)) return { kind: 'org' as const, unit: units.get(led.unitId) as UnitNode }
  const own = me.grants.find((g) => g.role === 'secretary' && units.get(g.unitId)?.kind === 'branch')
  if (own) return { kind: 'branch' as const, unit: units.get(own.unitId) as UnitNode }
  throw new UserError('tasks.notYourUnit')
}

export const overdueCmd = command({
  id: 'overdue',
  names: ['逾期'],
  aliases: ['overdue'],
  who: ['secretary', 'leader'],
  params: [],
  args: z.object({}).strict(),
  async run(ctx): Promise<Outcome> {
    const me = ctx.me as Me
    const units = await loadUnits(ctx.db)
    const scope = scopeOf(ctx, me, units)
    const today = localDay(ctx.now, ctx.timeZone)
    const soonDays = ctx.settings.tasks.dueSoonDays
    const soon = shiftDay(today, soonDays)
    if (scope.kind === 'branch') {
      const split = splitDue(await branchDue(ctx.db, scope.unit.id, soon), today, soonDays)
      const title = ctx.t('tasks.overdueTitle', { unit: scope.unit.name })
      return { writes: [], replies: [card(branchDueCard(ctx.locale, title, split, today, soonDays))] }
    }
    const branches = subtree(units, scope.unit.id).filter((id) => units.get(id)?.kind === 'branch')
    const inScope = new Set(branches)
    const counts = (await dueCounts(ctx.db, today, soon))
      .filter((c) => inScope.has(c.branchId))
      .map((c) => ({ ...c, name: units.get(c.branchId)?.name ?? '' }))
    const worst = (await overdueIn(ctx.db, branches, today, WORST_SHOWN)).map((w) => ({
      ...w,
      unit: units.get(w.branchId)?.name ?? '',
    }))
    const title = ctx.t('tasks.orgTitle', { unit: scope.unit.name })
    return { writes: [], replies: [card(orgDueCard(ctx.locale, title, counts, worst, today, soonDays))] }
  },
})
