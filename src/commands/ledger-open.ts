import { z } from 'zod'
import { stepItem } from '../db/ledger'
import { taskAssignees, taskHistory, tasks } from '../db/schema'
import { nextTaskId } from '../db/tasks'
import { parseDueDate } from '../domain/dates'
import { holdsOver } from '../domain/members'
import { UserError } from '../errors'
import { translate } from '../i18n'
import { text } from '../messages'
import { date, memberRef, taskId } from './args'
import { command, type Me, type Outcome } from './command'
import { loadItem, requireStep } from './ledger-access'
import { resolveMember } from './points'
import { pushesTo } from './task-access'

/** A task's title is at most this long; the report's text is cut to fit. */
const TITLE_CHARS = 40

/**
 * `立项 <编号> @责任人 @分管领导 截止 <日期>`: the inspector turns a report into a problem (双责任) and a 整改 task
 * for the 责任人 in their branch, so it shows in 任务 and 逾期 too. Both people must be inside the inspector's
 * scope; the item moves to the 责任人's branch, where the leaders' open-problem counts look for it.
 */
export const openCmd = command({
  id: 'open',
  names: ['立项'],
  aliases: ['open'],
  who: ['inspector'],
  params: [{ name: 'id' }, { name: 'owner' }, { name: 'leader' }, { name: 'dueWord' }, { name: 'due' }],
  args: z.object({
    id: taskId,
    owner: memberRef,
    leader: memberRef,
    dueWord: z.enum(['截止', 'due'], { message: 'ledger.openSpec' }),
    due: date,
  }),
  async run(ctx, args): Promise<Outcome> {
    const me = ctx.me as Me
    const { item, units } = await loadItem(ctx, me, args.id)
    requireStep(ctx, item, 'open')
    const due = parseDueDate(args.due, ctx.now, ctx.timeZone)
    if (!due.ok)
      throw due.reason === 'past'
        ? new UserError('tasks.pastDate', { day: due.day ?? args.due })
        : new UserError('tasks.badDate', { phrase: args.due })
    const [owner, leader] = [await resolveMember(ctx, args.owner), await resolveMember(ctx, args.leader)]
    if (owner.id === leader.id) throw new UserError('ledger.openSamePerson', {})
    for (const m of [owner, leader])
      if (!holdsOver(me, 'inspector', m.branchId, units))
        throw new UserError('ledger.openNotInScope', { name: m.name, id: item.id })
    const task = await nextTaskId(ctx.db)
    const title = ctx.t('ledger.openTaskTitle', { text: item.text.slice(0, TITLE_CHARS) })
    // The id is max + 1: a racing 立项 or 新任务 takes the same id, the primary key refuses one, and it is re-run.
    const writes = [
      ctx.db.insert(tasks).values({
        id: task,
        type: 'fix',
        title,
        description: item.text,
        branchId: owner.branchId,
        createdBy: me.id,
        dueDay: due.day,
        status: 'open',
        percent: 0,
        fixSource: 'supervision',
        rev: 1,
        platform: ctx.platform,
        settingsVersion: ctx.settings.version,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }),
      ctx.db.insert(taskAssignees).values({ taskId: task, memberId: owner.id }),
      ctx.db.insert(taskHistory).values({
        taskId: task,
        seq: 1,
        kind: 'created',
        actorId: me.id,
        note: `${due.day} ${owner.name}`,
        at: ctx.now,
      }),
      ...stepItem(
        ctx.db,
        item,
        { kind: 'opened', actorId: me.id, at: ctx.now, note: `${owner.name} ${leader.name} ${due.day}` },
        {
          status: 'open',
          ownerId: owner.id,
          leaderId: leader.id,
          dueDay: due.day,
          taskId: task,
          branchId: owner.branchId,
        },
      ),
    ]
    const facts = { id: item.id, text: item.text, due: due.day, owner: owner.name }
    const toOwner = await pushesTo(ctx, [owner], (l) => text(translate(l, 'ledger.openedOwner', facts)))
    const toLeader = await pushesTo(ctx, [leader], (l) => text(translate(l, 'ledger.openedLeader', facts)))
    const missing = [...toOwner.missing, ...toLeader.missing]
    const lines = [
      ctx.t('ledger.opened', { id: item.id, owner: owner.name, leader: leader.name, due: due.day, task }),
      missing.length ? ctx.t('ledger.unreachable', { names: missing.join('、') }) : '',
    ]
    return {
      writes,
      replies: [text(lines.filter(Boolean).join('\n'))],
      pushes: [...toOwner.pushes, ...toLeader.pushes],
    }
  },
})
