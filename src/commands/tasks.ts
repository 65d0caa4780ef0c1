import { z } from 'zod'
import { escapeMarkdown } from '../cards/markdown'
import { statusLabel, taskCard } from '../cards/tasks'
import { historyOf, proposalsOf, tasksOfMember, topicsOfBranch } from '../db/tasks'
import { localDay } from '../domain/time'
import { UserError } from '../errors'
import { card } from '../messages'
import { percent, taskId, words } from './args'
import { type Ctx, command, type Me, type Outcome } from './command'
import type { ActionHandler } from './router'
import { canSee, isAssignee, loadTask } from './task-access'
import { reportDone, reportProgress, reportValue } from './task-report'
import { cancelTask, confirmTask, sendBack } from './task-review'
import { adopt, propose } from './task-topics'

const VERBS = {
  进度: 'progress',
  progress: 'progress',
  完成: 'done',
  done: 'done',
  建议: 'propose',
  propose: 'propose',
  确认: 'confirm',
  confirm: 'confirm',
  退回: 'return',
  return: 'return',
  采纳: 'adopt',
  adopt: 'adopt',
  数值: 'value',
  value: 'value',
  取消: 'cancel',
  cancel: 'cancel',
} as const

type Verb = (typeof VERBS)[keyof typeof VERBS]

/** A metric's current value: a non-negative number such as 72 or 72.5. */
const metricValue = z.coerce.number().nonnegative().max(1e12)

const verb = z
  .string()
  .transform((v) => VERBS[v.toLowerCase() as keyof typeof VERBS])
  .refine((v): v is Verb => v !== undefined, 'tasks.badVerb')

/** `任务`: my open tasks by due date, and the open 点题 topics of my branch. */
async function listMine(ctx: Ctx, me: Me): Promise<Outcome> {
  const today = localDay(ctx.now, ctx.timeZone)
  const [mine, topics] = await Promise.all([
    tasksOfMember(ctx.db, me.id),
    topicsOfBranch(ctx.db, me.branchId),
  ])
  const others = topics.filter((t) => !mine.some((m) => m.id === t.id))
  return {
    writes: [],
    replies: [
      card({
        title: ctx.t('tasks.listTitle', { name: me.name }),
        tone: 'info',
        sections: [
          mine.length
            ? {
                kind: 'table',
                columns: ctx.t('tasks.listColumns').split('|'),
                rows: mine.map((r) => [
                  `#${r.id}`,
                  `【${ctx.t(`tasks.type.${r.type}`)}】${r.title}`,
                  r.dueDay,
                  `${statusLabel(ctx.locale, r, today)} ${r.percent}%`,
                ]),
              }
            : { kind: 'markdown', text: ctx.t('tasks.listEmpty') },
          ...(others.length
            ? [
                {
                  kind: 'markdown' as const,
                  text: ctx.t('tasks.topicsLine', {
                    list: others.map((r) => `#${r.id} ${escapeMarkdown(r.title)}（${r.dueDay}）`).join('；'),
                  }),
                },
              ]
            : []),
          { kind: 'markdown', text: ctx.t('tasks.listHint') },
        ],
      }),
    ],
  }
}

/** `任务 <编号>`: the task card with its whole ledger, for those who may see it. */
async function showTask(ctx: Ctx, me: Me, id: number): Promise<Outcome> {
  const loaded = await loadTask(ctx, id)
  if (!canSee(me, loaded)) throw new UserError('tasks.notVisible', { id })
  const [history, proposals] = await Promise.all([historyOf(ctx.db, id), proposalsOf(ctx.db, id)])
  const mode = isAssignee(me, loaded) ? 'assignee' : 'view'
  return {
    writes: [],
    replies: [
      card(
        taskCard(ctx.locale, loaded, { today: loaded.today, timeZone: ctx.timeZone }, mode, {
          history,
          proposals,
        }),
      ),
    ],
  }
}

/** `任务 [<编号> [进度|完成|建议|确认|退回|采纳] …]`: one command word for the whole task loop. */
export const tasksCmd = command({
  id: 'tasks',
  names: ['任务'],
  aliases: ['tasks', 'task'],
  who: ['member'],
  params: [{ name: 'id' }, { name: 'verb' }, { name: 'rest', rest: true }],
  args: z
    .object({ id: taskId.optional(), verb: verb.optional(), rest: words(500).optional() })
    .superRefine((a, issue) => {
      if (a.verb === 'progress' && !percent.safeParse(a.rest?.split(' ')[0]).success)
        issue.addIssue({ code: 'custom', message: 'arg.percent' })
      if (a.verb === 'value' && !metricValue.safeParse(a.rest?.split(' ')[0]).success)
        issue.addIssue({ code: 'custom', message: 'tasks.badValue' })
      if (a.verb === 'adopt' && !taskId.safeParse(a.rest?.split(' ')[0]).success)
        issue.addIssue({ code: 'custom', message: 'tasks.badProposalNo' })
    }),
  async run(ctx, { id, verb: v, rest }): Promise<Outcome> {
    const me = ctx.me as Me
    if (id === undefined) return listMine(ctx, me)
    const [first, ...more] = (rest ?? '').split(' ')
    const tail = more.join(' ') || undefined
    switch (v) {
      case undefined:
        return showTask(ctx, me, id)
      case 'progress':
        return reportProgress(ctx, me, id, Number(first), tail)
      case 'done':
        return reportDone(ctx, me, id, rest)
      case 'propose':
        return propose(ctx, me, id, rest)
      case 'confirm':
        return confirmTask(ctx, me, id)
      case 'return':
        return sendBack(ctx, me, id, rest)
      case 'adopt':
        return adopt(ctx, me, id, Number(first))
      case 'value':
        return reportValue(ctx, me, id, Number(first), tail)
      case 'cancel':
        return cancelTask(ctx, me, id, rest)
    }
  },
})

/** A click answers the clicker with a toast and the updated card; the chat stays quiet. */
const clicked =
  (run: (ctx: Ctx, me: Me, parts: number[]) => Promise<Outcome>): ActionHandler =>
  async (ctx, value) => {
    if (!ctx.me) throw new UserError('common.needBind')
    if (!/^\d{1,9}(:\d{1,9})?$/.test(value)) throw new UserError('tasks.noSuchTask', { id: value })
    const parts = value.split(':').map(Number)
    const out = await run(ctx, ctx.me, parts)
    const said = out.replies.map((r) => (r.kind === 'text' ? r.text : '')).join('\n')
    return { ...out, replies: [], toast: { kind: 'success', text: said } }
  }

export const taskActions: Record<string, ActionHandler> = {
  'task.progress': clicked((ctx, me, [id, pct]) => {
    const value = percent.safeParse(pct)
    if (!value.success) throw new UserError('arg.percent')
    return reportProgress(ctx, me, id as number, value.data, undefined)
  }),
  'task.done': clicked((ctx, me, [id]) => reportDone(ctx, me, id as number, undefined)),
  'task.confirm': clicked((ctx, me, [id]) => confirmTask(ctx, me, id as number)),
  'task.adopt': clicked((ctx, me, [id, no]) => adopt(ctx, me, id as number, no)),
}
