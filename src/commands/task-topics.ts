import { and, eq, isNull } from 'drizzle-orm'
import { markdownParams } from '../cards/markdown'
import { TASK_ACTIONS } from '../cards/tasks'
import { taskProposals } from '../db/schema'
import { changeTask } from '../db/task-writes'
import { proposalsOf } from '../db/tasks'
import { lineage } from '../domain/members'
import { isActive } from '../domain/tasks'
import { wallTime } from '../domain/time'
import { UserError } from '../errors'
import { type MessageKey, translate } from '../i18n'
import { card, text } from '../messages'
import type { Ctx, Me, Outcome } from './command'
import { loadTask, pushesTo, requireManager, secretariesOf } from './task-access'
import { pointsRow } from './task-review'

/** `任务 <编号> 建议 <内容>`: any member of the topic's branch answers a 点题 topic (发展点题、全员答题). */
export async function propose(ctx: Ctx, me: Me, id: number, body: string | undefined): Promise<Outcome> {
  if (!body) throw new UserError('tasks.needProposal', { id })
  const loaded = await loadTask(ctx, id)
  const { task, units } = loaded
  if (task.type !== 'topic') throw new UserError('tasks.notTopic', { id })
  if (!lineage(units, me.branchId).includes(task.branchId))
    throw new UserError('tasks.notYourBranch', { id, unit: loaded.unitName })
  if (!isActive(task.status))
    throw new UserError('tasks.closed', { id, status: ctx.t(`tasks.status.${task.status}` as MessageKey) })
  const existing = await proposalsOf(ctx.db, id)
  // Numbered within the topic; a racing proposal takes the same number and the primary key re-runs it.
  const no = (existing[existing.length - 1]?.no ?? 0) + 1
  const writes = [
    ctx.db.insert(taskProposals).values({ taskId: id, no, memberId: me.id, text: body, at: ctx.now }),
    ...changeTask(ctx.db, task, { kind: 'proposed', actorId: me.id, at: ctx.now, note: `#${no} ${body}` }),
  ]
  const { pushes } = await pushesTo(ctx, await secretariesOf(ctx, task.branchId), (locale) =>
    card({
      title: translate(locale, 'tasks.cardTitle', { id, title: task.title }),
      tone: 'info',
      sections: [
        {
          kind: 'markdown',
          text: translate(
            locale,
            'tasks.proposedPush',
            markdownParams({ name: me.name, id, title: task.title, no, text: body }),
          ),
        },
        {
          kind: 'buttons',
          buttons: [
            {
              label: translate(locale, 'tasks.adoptButton', { no }),
              action: TASK_ACTIONS.adopt,
              value: `${id}:${no}`,
              style: 'primary',
            },
          ],
        },
      ],
    }),
  )
  return { writes, replies: [text(ctx.t('tasks.proposed', { id, title: task.title, no }))], pushes }
}

/** `任务 <编号> 采纳 <建议编号>` and the adopt button: the proposer earns the `proposal` points, once. */
export async function adopt(ctx: Ctx, me: Me, id: number, no: number | undefined): Promise<Outcome> {
  if (no === undefined) throw new UserError('tasks.needProposalNo', { id })
  const loaded = await loadTask(ctx, id)
  requireManager(me, loaded)
  const { task, today } = loaded
  const proposal = (await proposalsOf(ctx.db, id)).find((p) => p.no === no)
  if (!proposal) throw new UserError('tasks.noSuchProposal', { id, no })
  if (proposal.adoptedAt !== null)
    throw new UserError('tasks.alreadyAdopted', { no, at: wallTime(proposal.adoptedAt, ctx.timeZone, true) })
  const reason = ctx.t('tasks.ledgerProposal', { title: task.title })
  const row = await pointsRow(
    ctx,
    proposal.memberId,
    'proposal',
    undefined,
    reason,
    `task:${id}:${no}`,
    today,
  )
  const writes = [
    ctx.db
      .update(taskProposals)
      .set({ adoptedBy: me.id, adoptedAt: ctx.now })
      .where(and(eq(taskProposals.taskId, id), eq(taskProposals.no, no), isNull(taskProposals.adoptedAt))),
    ...changeTask(ctx.db, task, { kind: 'adopted', actorId: me.id, at: ctx.now, note: `#${no}` }),
    row.write,
  ]
  const proposer = [{ id: proposal.memberId, name: proposal.name }]
  const { pushes } = await pushesTo(ctx, proposer, (locale) =>
    text(translate(locale, 'tasks.adoptedPush', { id, title: task.title, no, points: row.points })),
  )
  return {
    writes,
    replies: [text(ctx.t('tasks.adopted', { name: proposal.name, no, points: row.points }))],
    pushes,
  }
}
