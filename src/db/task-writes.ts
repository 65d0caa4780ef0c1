import { and, eq } from 'drizzle-orm'
import { taskHistory, tasks } from './schema'
import type { Db, Write } from './store'
import type { TaskRow } from './tasks'

export type Entry = {
  kind: (typeof taskHistory.$inferInsert)['kind']
  actorId: number
  at: number
  percent?: number | null
  note?: string | null
}

/**
 * One change of a task: its ledger entry `rev + 1` and the new state. Two changes read from the same state both
 * write entry `rev + 1`; the unique (task_id, seq) index refuses the second and the inbox re-runs its handler
 * on the fresh state.
 */
export function changeTask(
  db: Db,
  task: Pick<TaskRow, 'id' | 'rev'>,
  entry: Entry,
  set: Partial<typeof tasks.$inferInsert> = {},
): Write[] {
  return [
    db.insert(taskHistory).values({
      taskId: task.id,
      seq: task.rev + 1,
      kind: entry.kind,
      actorId: entry.actorId,
      percent: entry.percent ?? null,
      note: entry.note ?? null,
      at: entry.at,
    }),
    db
      .update(tasks)
      .set({ ...set, rev: task.rev + 1, updatedAt: entry.at })
      .where(and(eq(tasks.id, task.id), eq(tasks.rev, task.rev))),
  ]
}
