import { escapeMarkdown, markdownParams } from '../cards/markdown'
import { taskCard } from '../cards/tasks'
import { changeTask } from '../db/task-writes'
import { isClosed } from '../domain/tasks'
import { UserError } from '../errors'
import { type MessageKey, translate } from '../i18n'
import { card, text } from '../messages'
import type { Ctx, Me, Outcome } from './command'
import { type Loaded, loadTask, pushesTo, requireAssignee, secretariesOf } from './task-access'

/** What an assignee may still change: not a closed task, and not one waiting for the secretary. */
function requireChangeable(ctx: Ctx, loaded: Loaded): void {
  const { task } = loaded
  if (isClosed(task.status))
    throw new UserError('tasks.closed', {
      id: task.id,
      status: ctx.t(`tasks.status.${task.status}` as MessageKey),
    })
  if (task.status === 'submitted') throw new UserError('tasks.progressWhileSubmitted', { id: task.id })
}

/** `任务 <编号> 进度 <0-100> [说明]` and the card's progress buttons. */
export async function reportProgress(
  ctx: Ctx,
  me: Me,
  id: number,
  percent: number,
  note: string | undefined,
): Promise<Outcome> {
  const loaded = await loadTask(ctx, id)
  requireAssignee(me, loaded)
  requireChangeable(ctx, loaded)
  const { task } = loaded
  const writes = changeTask(
    ctx.db,
    task,
    { kind: 'progress', actorId: me.id, at: ctx.now, percent, note },
    { percent, status: 'progress' },
  )
  const after = { ...loaded, task: { ...task, percent, status: 'progress' as const, rev: task.rev + 1 } }
  return {
    writes,
    replies: [text(ctx.t('tasks.progressed', { id, title: task.title, percent }))],
    card: taskCard(ctx.locale, after, { today: loaded.today, timeZone: ctx.timeZone }, 'assignee'),
  }
}

/** `任务 <编号> 完成 [说明]` and the card's done button: the branch secretary gets a card to confirm. */
export async function reportDone(ctx: Ctx, me: Me, id: number, note: string | undefined): Promise<Outcome> {
  const loaded = await loadTask(ctx, id)
  requireAssignee(me, loaded)
  requireChangeable(ctx, loaded)
  const { task } = loaded
  const writes = changeTask(
    ctx.db,
    task,
    { kind: 'submitted', actorId: me.id, at: ctx.now, note },
    { status: 'submitted', submittedDay: loaded.today },
  )
  const after = {
    ...loaded,
    task: { ...task, status: 'submitted' as const, submittedDay: loaded.today, rev: task.rev + 1 },
  }
  const when = { today: loaded.today, timeZone: ctx.timeZone }
  const { pushes } = await pushesTo(ctx, await secretariesOf(ctx, task.branchId), (locale) =>
    card(
      taskCard(locale, after, when, 'review', {
        title: translate(locale, 'tasks.submittedTitle', { id, title: task.title }),
        lead: translate(locale, 'tasks.submittedBy', {
          name: escapeMarkdown(me.name),
          note: note ? translate(locale, 'tasks.noteLine', markdownParams({ note })) : '',
        }),
      }),
    ),
  )
  return {
    writes,
    replies: [text(ctx.t('tasks.submitted', { id, title: task.title }))],
    pushes,
    card: taskCard(ctx.locale, after, when, 'view'),
  }
}

/**
 * `任务 <编号> 数值 <当前值> [说明]` for a 目标 with a metric: the current value, and the percent it makes of the
 * target (capped at 100), recorded as a progress entry whose note carries the value.
 */
export async function reportValue(
  ctx: Ctx,
  me: Me,
  id: number,
  value: number,
  note: string | undefined,
): Promise<Outcome> {
  const loaded = await loadTask(ctx, id)
  requireAssignee(me, loaded)
  requireChangeable(ctx, loaded)
  const { task } = loaded
  if (task.metricName === null || !task.metricTarget) throw new UserError('tasks.noMetric', { id })
  const percent = Math.min(100, Math.round((value / task.metricTarget) * 100))
  const unit = task.metricUnit ?? ''
  const writes = changeTask(
    ctx.db,
    task,
    {
      kind: 'progress',
      actorId: me.id,
      at: ctx.now,
      percent,
      note: [`${value}${unit}`, note].filter(Boolean).join(' '),
    },
    { percent, metricCurrent: value, status: 'progress' },
  )
  return {
    writes,
    replies: [
      text(
        ctx.t('tasks.valued', {
          id,
          title: task.title,
          name: task.metricName,
          current: value,
          unit,
          percent,
        }),
      ),
    ],
  }
}
