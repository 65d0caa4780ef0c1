import { taskCard } from '../cards/tasks'
import { pointsLedger } from '../db/schema'
import type { Write } from '../db/store'
import { changeTask } from '../db/task-writes'
import { earnedToday } from '../db/tasks'
import { award, onTime } from '../domain/tasks'
import { UserError } from '../errors'
import { type MessageKey, translate } from '../i18n'
import { text } from '../messages'
import type { Ctx, Me, Outcome } from './command'
import { type Loaded, loadTask, pushesTo, requireManager } from './task-access'

/** The task must be waiting for the secretary; a confirmed one says so rather than "not reported". */
function requireSubmitted(ctx: Ctx, loaded: Loaded): void {
  const { task } = loaded
  if (task.status === 'submitted') return
  if (task.status === 'confirmed' || task.status === 'cancelled')
    throw new UserError('tasks.closed', {
      id: task.id,
      status: ctx.t(`tasks.status.${task.status}` as MessageKey),
    })
  throw new UserError('tasks.notSubmitted', { id: task.id })
}

/** A points row under `rule`, within its daily cap; unique (member, rule, source) makes it once only. */
export async function pointsRow(
  ctx: Ctx,
  memberId: number,
  rule: 'task' | 'proposal',
  points: number | undefined,
  reason: string,
  source: string,
  day: string,
): Promise<{ write: Write; points: number }> {
  const given =
    points !== undefined
      ? { points, capped: false }
      : award(ctx.settings.points[rule], await earnedToday(ctx.db, memberId, rule, day))
  return {
    write: ctx.db.insert(pointsLedger).values({
      memberId,
      points: given.points,
      rule,
      reason: given.capped ? `${reason}${ctx.t('tasks.ledgerCapped')}` : reason,
      source,
      day,
      settingsVersion: ctx.settings.version,
      createdAt: ctx.now,
    }),
    points: given.points,
  }
}

/** `任务 <编号> 确认` and the confirm button: done on time earns each assignee the `task` points. */
export async function confirmTask(ctx: Ctx, me: Me, id: number): Promise<Outcome> {
  const loaded = await loadTask(ctx, id)
  requireManager(me, loaded)
  requireSubmitted(ctx, loaded)
  const { task, assignees, today } = loaded
  const timely = onTime(task.submittedDay, task.dueDay)
  const reason = ctx.t(timely ? 'tasks.ledgerTask' : 'tasks.ledgerTaskLate', { title: task.title })
  const rows = await Promise.all(
    assignees.map((a) => pointsRow(ctx, a.id, 'task', timely ? undefined : 0, reason, `task:${id}`, today)),
  )
  const writes = [
    ...changeTask(
      ctx.db,
      task,
      { kind: 'confirmed', actorId: me.id, at: ctx.now },
      { status: 'confirmed', percent: 100 },
    ),
    ...rows.map((r) => r.write),
  ]
  const points = rows[0]?.points ?? 0
  const result = (locale: typeof ctx.locale) =>
    timely
      ? translate(locale, 'tasks.confirmedPoints', { points })
      : translate(locale, 'tasks.confirmedLate', { due: task.dueDay, submitted: task.submittedDay ?? '' })
  const { pushes } = await pushesTo(ctx, assignees, (locale) =>
    text(
      `${translate(locale, 'tasks.confirmedPush', { id, title: task.title, name: me.name })}\n${result(locale)}`,
    ),
  )
  const after = {
    ...loaded,
    task: { ...task, status: 'confirmed' as const, percent: 100, rev: task.rev + 1 },
  }
  return {
    writes,
    replies: [text(`${ctx.t('tasks.confirmed', { id, title: task.title })}\n${result(ctx.locale)}`)],
    pushes,
    card: taskCard(ctx.locale, after, { today, timeZone: ctx.timeZone }, 'review'),
  }
}

/** `任务 <编号> 退回 <原因>`: back to the assignees, in progress again, with the reason in the ledger. */
export async function sendBack(ctx: Ctx, me: Me, id: number, reason: string | undefined): Promise<Outcome> {
  if (!reason) throw new UserError('tasks.needReason', { id })
  const loaded = await loadTask(ctx, id)
  requireManager(me, loaded)
  requireSubmitted(ctx, loaded)
  const { task, assignees } = loaded
  const writes = changeTask(
    ctx.db,
    task,
    { kind: 'returned', actorId: me.id, at: ctx.now, note: reason },
    { status: 'progress', submittedDay: null },
  )
  const { pushes } = await pushesTo(ctx, assignees, (locale) =>
    text(translate(locale, 'tasks.returnedPush', { id, title: task.title, name: me.name, reason })),
  )
  return { writes, replies: [text(ctx.t('tasks.returned', { id, title: task.title, reason }))], pushes }
}

/** `任务 <编号> 取消 <原因>`: the secretary withdraws an unfinished task; it stays in the ledger as cancelled. */
export async function cancelTask(ctx: Ctx, me: Me, id: number, reason: string | undefined): Promise<Outcome> {
  if (!reason) throw new UserError('tasks.needCancelReason', { id })
  const loaded = await loadTask(ctx, id)
  requireManager(me, loaded)
  const { task, assignees } = loaded
  if (task.status === 'confirmed' || task.status === 'cancelled')
    throw new UserError('tasks.closed', { id, status: ctx.t(`tasks.status.${task.status}` as MessageKey) })
  const writes = changeTask(
    ctx.db,
    task,
    { kind: 'cancelled', actorId: me.id, at: ctx.now, note: reason },
    { status: 'cancelled' },
  )
  const { pushes } = await pushesTo(ctx, assignees, (locale) =>
    text(translate(locale, 'tasks.cancelledPush', { id, title: task.title, name: me.name, reason })),
  )
  return { writes, replies: [text(ctx.t('tasks.cancelled', { id, title: task.title, reason }))], pushes }
}
