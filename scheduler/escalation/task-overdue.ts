import { assigneesOfTasks, overdueTasksBetween, taskState } from '../../src/db/escalation'
import { loadUnits } from '../../src/db/units'
import type { EscalationItem } from '../../src/domain/escalation'
import type { EscalationKind, KindCtx } from './kind'
import { leadersFinder } from './leaders'

type TaskRow = { id: number; title: string; branchId: number; dueDay: string }

async function itemsOf(
  ctx: KindCtx,
  rows: TaskRow[],
  done: (id: number) => boolean,
): Promise<EscalationItem[]> {
  if (rows.length === 0) return []
  const leadersOf = await leadersFinder(ctx.db, await loadUnits(ctx.db))
  const assignees = new Map<number, number[]>()
  for (const a of await assigneesOfTasks(
    ctx.db,
    rows.map((r) => r.id),
  ))
    assignees.set(a.taskId, [...(assignees.get(a.taskId) ?? []), a.memberId])
  return rows.map((t) => ({
    key: String(t.id),
    unitId: t.branchId,
    title: `#${t.id} ${t.title}`,
    responsible: assignees.get(t.id) ?? [],
    leaders: leadersOf(t.branchId),
    dueDay: t.dueDay,
    done: done(t.id),
  }))
}

/** A task past its due day and not reported done (提交 counts: the secretary's confirmation is not chased here). */
export const taskOverdueKind: EscalationKind = {
  id: 'taskOverdue',
  async items(ctx, since) {
    return itemsOf(ctx, await overdueTasksBetween(ctx.db, since, ctx.today), () => false)
  },
  async item(ctx, key) {
    const [row] = await taskState(ctx.db, Number(key))
    if (!row) return undefined
    const [item] = await itemsOf(ctx, [row], () => row.status !== 'open' && row.status !== 'progress')
    return item
  },
}
