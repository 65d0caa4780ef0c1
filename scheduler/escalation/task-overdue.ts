import { assigneesOfTasks, overdueTasksBetween, tasksState } from '../../src/db/escalation'
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

/** These tasks as they stand now; closed ones (not open, not in progress) are done. */
async function itemsByKey(ctx: KindCtx, keys: string[]): Promise<EscalationItem[]> {
  const rows = await tasksState(ctx.db, keys.map(Number))
  const open = new Set(rows.filter((r) => r.status === 'open' || r.status === 'progress').map((r) => r.id))
  return itemsOf(ctx, rows, (id) => !open.has(id))
}

/** A task past its due day and not reported done (提交 counts: the secretary's confirmation is not chased here). */
export const taskOverdueKind: EscalationKind = {
  id: 'taskOverdue',
  async items(ctx, since) {
    return itemsOf(ctx, await overdueTasksBetween(ctx.db, since, ctx.today), () => false)
  },
  async item(ctx, key) {
    const [item] = await itemsByKey(ctx, [key])
    return item
  },
  itemsByKey,
}
