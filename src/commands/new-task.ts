import { z } from 'zod'
import { markdownParams } from '../cards/markdown'
import { taskCard, weekdayOf } from '../cards/tasks'
import { taskAssignees, taskHistory, tasks } from '../db/schema'
import { nextTaskId, type TaskRow } from '../db/tasks'
import { loadUnits } from '../db/units'
import { parseDueDate } from '../domain/dates'
import { holdsOver, lineage, type UnitNode } from '../domain/members'
import { detailsOf, type TaskType, TYPE_WORDS } from '../domain/tasks'
import { localDay } from '../domain/time'
import { UserError } from '../errors'
import { translate } from '../i18n'
import { card, text } from '../messages'
import { type Ctx, command, type Me, type Outcome } from './command'
import { resolveMember } from './points'
import { pushesTo } from './task-access'

/** `<标题> @负责人… 截止 <日期> [类型] [说明]`: the title runs up to the first @mention. */
const SPEC = /^(.{1,60}?) ((?:@\S+ )+)(?:截止|due) (\S+)(?: (.+))?$/i

const spec = z
  .string({ message: 'tasks.badSpec' })
  .regex(SPEC, 'tasks.badSpec')
  .transform((s) => {
    const [, title, refs, due, tail] = s.match(SPEC) as RegExpMatchArray
    const [first, ...rest] = (tail ?? '').split(' ')
    const type = TYPE_WORDS[(first ?? '').toLowerCase()]
    return {
      title: title as string,
      refs: [...new Set((refs as string).trim().split(' '))],
      due: due as string,
      type: type ?? ('target' as TaskType),
      note: type ? rest.join(' ') : tail,
    }
  })

/** The branch a task is created for: this group's, or in private chat the secretary's own. */
function branchFor(ctx: Ctx, me: Me, units: ReadonlyMap<number, UnitNode>): UnitNode {
  if (ctx.chatType === 'group' && !ctx.chat) throw new UserError('common.needBoundChat')
  const unitId =
    ctx.chat?.unitId ??
    me.grants.find((g) => g.role === 'secretary' && units.get(g.unitId)?.kind === 'branch')?.unitId
  const unit = unitId === undefined ? undefined : units.get(unitId)
  if (unit?.kind !== 'branch' || !holdsOver(me, 'secretary', unit.id, units))
    throw new UserError('tasks.notSecretaryOf', { unit: ctx.chat?.unitName ?? '' })
  return unit
}

/** `新任务`: a secretary gives a task to members of the branch; each assignee gets the card privately. */
export const newTask = command({
  id: 'newtask',
  names: ['新任务'],
  aliases: ['newtask'],
  who: ['secretary'],
  params: [{ name: 'spec', rest: true }],
  args: z.object({ spec }),
  async run(ctx, { spec: s }): Promise<Outcome> {
    const me = ctx.me as Me
    const units = await loadUnits(ctx.db)
    const branch = branchFor(ctx, me, units)
    const due = parseDueDate(s.due, ctx.now, ctx.timeZone)
    if (!due.ok)
      throw due.reason === 'past'
        ? new UserError('tasks.pastDate', { day: due.day ?? s.due })
        : new UserError('tasks.badDate', { phrase: s.due })
    const assignees: { id: number; name: string }[] = []
    for (const ref of s.refs) {
      const found = await resolveMember(ctx, ref)
      if (!lineage(units, found.branchId).includes(branch.id))
        throw new UserError('tasks.notInBranch', { name: found.name, unit: branch.name })
      if (!assignees.some((a) => a.id === found.id)) assignees.push({ id: found.id, name: found.name })
    }
    const id = await nextTaskId(ctx.db)
    const row: TaskRow = {
      id,
      type: s.type,
      title: s.title,
      ...detailsOf(s.type, s.note),
      branchId: branch.id,
      createdBy: me.id,
      dueDay: due.day,
      status: 'open',
      percent: 0,
      submittedDay: null,
      metricCurrent: null,
      rev: 1,
      platform: ctx.platform,
      settingsVersion: ctx.settings.version,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }
    const names = assignees.map((a) => a.name).join('、')
    // The id is max + 1: a racing 新任务 takes the same id, the primary key refuses one, and it is re-run.
    const writes = [
      ctx.db.insert(tasks).values(row),
      ctx.db.insert(taskAssignees).values(assignees.map((a) => ({ taskId: id, memberId: a.id }))),
      ctx.db.insert(taskHistory).values({
        taskId: id,
        seq: 1,
        kind: 'created',
        actorId: me.id,
        note: `${due.day} ${names}`,
        at: ctx.now,
      }),
    ]
    const when = { today: localDay(ctx.now, ctx.timeZone), timeZone: ctx.timeZone }
    const facts = { task: row, unitName: branch.name, assignees }
    const { pushes, missing } = await pushesTo(ctx, assignees, (locale) =>
      card(
        taskCard(locale, facts, when, 'assignee', {
          lead: translate(locale, 'tasks.assignedBy', markdownParams({ name: me.name })),
        }),
      ),
    )
    const lines = [
      ctx.t('tasks.created', {
        id,
        type: ctx.t(`tasks.type.${s.type}`),
        title: s.title,
        names,
        due: due.day,
        weekday: weekdayOf(ctx.locale, due.day),
      }),
      pushes.length ? ctx.t('tasks.createdNotified') : '',
      missing.length ? ctx.t('tasks.unreachable', { names: missing.join('、') }) : '',
    ]
    return { writes, replies: [text(lines.filter(Boolean).join('\n'))], pushes }
  },
})
