import { z } from 'zod'
import { inspectorsOn, stepItem } from '../db/ledger'
import type { Write } from '../db/store'
import { changeTask } from '../db/task-writes'
import { taskById } from '../db/tasks'
import { lineage } from '../domain/members'
import { localDay } from '../domain/time'
import { UserError } from '../errors'
import { translate } from '../i18n'
import { text } from '../messages'
import { taskId } from './args'
import { command, type Me, type Outcome } from './command'
import { loadItem, requireStep } from './ledger-access'
import { pushesTo } from './task-access'

/**
 * `整改 <编号> <说明>` with photos or files: the 责任人's evidence. The attachments are kept as the platform's
 * references (kind, ref, name, size) in the history entry; the item and its task wait for 验证. Sending more
 * evidence before 验证 is another entry.
 */
export const fixCmd = command({
  id: 'fix',
  names: ['整改'],
  aliases: ['fix'],
  who: ['member'],
  params: [{ name: 'id' }, { name: 'note', rest: true }],
  args: z.object({ id: taskId, note: z.string().trim().max(500, 'arg.tooLong').optional() }),
  async run(ctx, args): Promise<Outcome> {
    const me = ctx.me as Me
    const { item, units } = await loadItem(ctx, me, args.id, true)
    if (item.ownerId !== me.id) throw new UserError('ledger.fixNotOwner', { id: item.id })
    requireStep(ctx, item, 'fix')
    const files = ctx.attachments.map((a) => ({ kind: a.kind, ref: a.ref, name: a.name, size: a.size }))
    if (!args.note && files.length === 0) throw new UserError('ledger.fixNeedEvidence', {})
    const writes: Write[] = stepItem(
      ctx.db,
      item,
      {
        kind: 'evidence',
        actorId: me.id,
        at: ctx.now,
        note: args.note ?? null,
        attachments: files.length ? JSON.stringify(files) : null,
      },
      { status: 'submitted' },
    )
    const task = item.taskId === null ? undefined : await taskById(ctx.db, item.taskId)
    if (task && task.status !== 'submitted' && task.status !== 'confirmed')
      writes.push(
        ...changeTask(
          ctx.db,
          task,
          { kind: 'submitted', actorId: me.id, at: ctx.now, note: args.note ?? null },
          { status: 'submitted', percent: 100, submittedDay: localDay(ctx.now, ctx.timeZone) },
        ),
      )
    const inspectors = await inspectorsOn(ctx.db, lineage(units, item.branchId))
    const { pushes } = await pushesTo(ctx, inspectors, (l) =>
      text(translate(l, 'ledger.fixedInspector', { id: item.id })),
    )
    const evidence = files.length
      ? ctx.t('ledger.fixedEvidence', { count: files.length })
      : ctx.t('ledger.fixedText')
    return { writes, replies: [text(ctx.t('ledger.fixed', { id: item.id, evidence }))], pushes }
  },
})
