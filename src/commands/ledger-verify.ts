import { z } from 'zod'
import { namesOf, stepItem } from '../db/ledger'
import type { Write } from '../db/store'
import { changeTask } from '../db/task-writes'
import { taskById } from '../db/tasks'
import { UserError } from '../errors'
import { translate } from '../i18n'
import { text } from '../messages'
import { taskId } from './args'
import { command, type Me, type Outcome, type Push } from './command'
import { loadItem, requireStep } from './ledger-access'
import { pushesTo } from './task-access'

const PASS = new Set(['通过', 'pass'])

/**
 * `验证 <编号> 通过|退回 <说明>`: the inspector checks the evidence. 通过 closes the item (销号) and confirms its
 * task, and a named reporter hears the outcome; 退回 needs a reason and sends the problem back to the 责任人.
 */
export const verifyCmd = command({
  id: 'verify',
  names: ['验证'],
  aliases: ['verify'],
  who: ['inspector'],
  params: [{ name: 'id' }, { name: 'verdict' }, { name: 'note', rest: true }],
  args: z.object({
    id: taskId,
    verdict: z.enum(['通过', '退回', 'pass', 'return'], { message: 'arg.required' }),
    note: z.string().trim().max(500, 'arg.tooLong').optional(),
  }),
  async run(ctx, args): Promise<Outcome> {
    const me = ctx.me as Me
    const { item } = await loadItem(ctx, me, args.id)
    requireStep(ctx, item, 'verify')
    const pass = PASS.has(args.verdict)
    if (!pass && !args.note) throw new UserError('ledger.verifyNeedNote', {})
    const note = args.note ?? null
    const writes: Write[] = stepItem(
      ctx.db,
      item,
      { kind: pass ? 'passed' : 'returned', actorId: me.id, at: ctx.now, note },
      { status: pass ? 'closed' : 'open' },
    )
    const task = item.taskId === null ? undefined : await taskById(ctx.db, item.taskId)
    if (task && task.status !== 'confirmed' && task.status !== 'cancelled')
      writes.push(
        ...(pass
          ? changeTask(
              ctx.db,
              task,
              { kind: 'confirmed', actorId: me.id, at: ctx.now, note },
              {
                status: 'confirmed',
                percent: 100,
              },
            )
          : changeTask(
              ctx.db,
              task,
              { kind: 'returned', actorId: me.id, at: ctx.now, note },
              {
                status: 'progress',
                submittedDay: null,
              },
            )),
      )
    const names = await namesOf(
      ctx.db,
      [item.ownerId, item.reporterId].filter((id): id is number => id !== null),
    )
    const pushes: Push[] = []
    if (item.ownerId !== null) {
      const owner = [{ id: item.ownerId, name: names.get(item.ownerId) ?? '' }]
      const key = pass ? 'ledger.passedOwner' : 'ledger.returnedOwner'
      pushes.push(
        ...(await pushesTo(ctx, owner, (l) => text(translate(l, key, { id: item.id, note: note ?? '' }))))
          .pushes,
      )
    }
    // Only a named reporter hears the outcome: an anonymous report has nobody to tell, by design.
    if (pass && item.reporterId !== null && item.source === 'feedback') {
      const reporter = [{ id: item.reporterId, name: names.get(item.reporterId) ?? '' }]
      const said = (l: Parameters<typeof translate>[0]) =>
        note ? translate(l, 'ledger.feedbackClosedNote', { note }) : ''
      pushes.push(
        ...(
          await pushesTo(ctx, reporter, (l) =>
            text(translate(l, 'ledger.feedbackClosed', { id: item.id, note: said(l) })),
          )
        ).pushes,
      )
    }
    const line = pass
      ? ctx.t('ledger.passed', { id: item.id, task: item.taskId ?? '' })
      : ctx.t('ledger.returned', { id: item.id, note: note ?? '' })
    return { writes, replies: [text(line)], pushes }
  },
})
