import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { reachable } from '../db/attendance'
import { findLocale } from '../db/queries'
import { bindRequests, jobRuns, makeupRequests } from '../db/schema'
import {
  assigneesOfTasks,
  BIND_JOB,
  bindSlot,
  ESCALATED_JOB,
  escalatedSlot,
  NUDGE_JOB,
  nudgeSlot,
  ranAtOf,
  todoQueries,
} from '../db/todo'
import { escalatedByRef } from '../db/todo-escalated'
import { tasksToNudge } from '../db/todo-facts'
import { overdueDays } from '../domain/escalation'
import { localDay, wallTime } from '../domain/time'
import { UserError } from '../errors'
import { type MessageKey, translate } from '../i18n'
import { type Platform, text } from '../messages'
import { attendanceActions } from './attendance'
import { bindActions } from './bind-approval'
import type { Ctx, Outcome, Push } from './command'
import { makeupActions } from './makeup'
import { decidePointsRequest } from './manual-points'
import { currentTodo, todoCardOf } from './todo'

/** Job-run rows per insert: D1 binds at most 100 parameters a statement, a row takes four. */
const ROWS_PER_INSERT = 20

const requestId = z.coerce.number().int().positive()

/** 提醒未签到: the attendance card's reminder (once per activity, shared with the nudge job), then the fresh card. */
async function remind(ctx: Ctx, value: string): Promise<Outcome> {
  const out = await attendanceActions['checkin.remind'](ctx, value)
  const facts = await currentTodo(ctx)
  if (out.toast?.kind === 'success')
    for (const c of facts.checkins) if (String(c.id) === value) c.remindedAt = ctx.now
  return {
    writes: out.writes,
    replies: [],
    pushes: out.pushes,
    toast: out.toast,
    card: todoCardOf(ctx, facts),
  }
}

/**
 * 批准 / 驳回: the request card's decision, guarded by a job-run row so two taps (or two secretaries at once)
 * decide it once; the loser is re-run, finds the request decided and only refreshes the card.
 */
async function decide(ctx: Ctx, value: string, action: 'bind.approve' | 'bind.reject'): Promise<Outcome> {
  const id = requestId.safeParse(value)
  if (!id.success) throw new UserError('bind.noRequest', { id: value })
  const [request] = await ctx.db.select().from(bindRequests).where(eq(bindRequests.id, id.data))
  if (!request) throw new UserError('bind.noRequest', { id: value })
  if (request.status !== 'pending') {
    const facts = await currentTodo(ctx)
    return {
      writes: [],
      replies: [],
      toast: { kind: 'info', text: ctx.t('todo.bindDecided', { id: id.data }) },
      card: todoCardOf(ctx, facts),
    }
  }
  const out = await bindActions[action](ctx, value)
  const facts = await currentTodo(ctx)
  facts.binds = facts.binds.filter((b) => b.id !== id.data)
  const guard = ctx.db
    .insert(jobRuns)
    .values({ job: BIND_JOB, slot: bindSlot(id.data), ranAt: ctx.now, outcome: action })
  return {
    writes: [...out.writes, guard],
    replies: [],
    pushes: out.pushes,
    toast: out.toast,
    card: todoCardOf(ctx, facts),
  }
}

/**
 * 批准 / 驳回 of a 补签 from the card: the 补签's own decision (guarded by its pending status and unique rows),
 * then the card with fresh counts. A decided request only refreshes the card.
 */
async function decideMakeup(
  ctx: Ctx,
  value: string,
  action: 'makeup.confirm' | 'makeup.reject',
): Promise<Outcome> {
  const id = requestId.safeParse(value)
  const [request] = id.success
    ? await ctx.db.select().from(makeupRequests).where(eq(makeupRequests.id, id.data))
    : []
  if (!request) throw new UserError('shifts.makeup.noRequest', { id: value })
  if (request.status !== 'pending') {
    return {
      writes: [],
      replies: [],
      toast: { kind: 'info', text: ctx.t('todo.makeupDecided', { id: request.id }) },
      card: todoCardOf(ctx, await currentTodo(ctx)),
    }
  }
  const out = await makeupActions[action](ctx, value)
  const facts = await currentTodo(ctx)
  facts.makeups = facts.makeups.filter((m) => m.id !== request.id)
  return { ...out, replies: [], card: todoCardOf(ctx, facts) }
}

/** 批准 / 驳回 of points from a leader's card: the request card's decision, then the card with fresh counts. */
async function decidePoints(ctx: Ctx, value: string, approve: boolean): Promise<Outcome> {
  const { request: _r, decided, ...out } = await decidePointsRequest(ctx, value, approve)
  const facts = await currentTodo(ctx)
  if (decided) facts.pointRequests = facts.pointRequests.filter((r) => r.key !== value)
  return { ...out, replies: [], card: todoCardOf(ctx, facts) }
}

/** 催办: each owner of an overdue task not yet nudged today hears once, privately, of all such tasks of theirs. */
async function nudge(ctx: Ctx, value: string): Promise<Outcome> {
  const facts = await currentTodo(ctx)
  if (value !== facts.day)
    return {
      writes: [],
      replies: [],
      toast: { kind: 'info', text: ctx.t('todo.staleCard', { day: value }) },
      card: todoCardOf(ctx, facts),
    }
  const tasks = await tasksToNudge(ctx.db, facts.scope, facts.day)
  if (tasks.length === 0)
    return {
      writes: [],
      replies: [],
      toast: { kind: 'info', text: ctx.t('todo.alreadyNudged') },
      card: todoCardOf(ctx, facts),
    }
  // Each owner's tasks in the card's order: longest overdue first.
  const ownersOf = new Map<number, number[]>()
  for (const a of await assigneesOfTasks(
    todoQueries(ctx.db),
    tasks.map((task) => task.id),
  ))
    ownersOf.set(a.taskId, [...(ownersOf.get(a.taskId) ?? []), a.memberId])
  const owners = new Map<number, typeof tasks>()
  for (const task of tasks)
    for (const memberId of ownersOf.get(task.id) ?? [])
      owners.set(memberId, [...(owners.get(memberId) ?? []), task])
  const accounts = await reachable(ctx.db, [...owners.keys()], ctx.platform)
  const pushes: Push[] = await Promise.all(
    [...accounts].map(async ([memberId, { platform, userId }]) => {
      const locale = (await findLocale(ctx.db, platform, userId)) ?? ctx.defaultLocale
      const list = (owners.get(memberId) ?? [])
        .map((task) =>
          translate(locale, 'todo.nudgeLine', { id: task.id, title: task.title, due: task.dueDay }),
        )
        .join('\n')
      return {
        to: { kind: 'user' as const, id: userId },
        locale,
        reply: text(translate(locale, 'todo.nudgeText', { list })),
        platform: platform as Platform,
      }
    }),
  )
  const rows = tasks.map((task) => ({
    job: NUDGE_JOB,
    slot: nudgeSlot(task.id, facts.day),
    ranAt: ctx.now,
    outcome: 'manual',
  }))
  const writes = []
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    writes.push(ctx.db.insert(jobRuns).values(rows.slice(i, i + ROWS_PER_INSERT)))
  facts.tasks.nudged += tasks.length
  facts.tasks.toNudge = 0
  const unreachable = owners.size - accounts.size
  const said = ctx.t('todo.nudged', { tasks: tasks.length, people: accounts.size })
  return {
    writes,
    replies: [],
    pushes,
    toast: {
      kind: 'success',
      text: unreachable ? `${said}${ctx.t('todo.unreachable', { count: unreachable })}` : said,
    },
    card: todoCardOf(ctx, facts),
  }
}

/**
 * 再次催办 of an escalated item, by a leader it reached: each responsible member hears once more, privately, at
 * most once per item and local day (a job-run row: a double tap or two leaders at once nudge once; the loser is
 * re-run and finds the row). A done item, or one not escalated to the tapper, only refreshes the card.
 */
async function escalate(ctx: Ctx, value: string): Promise<Outcome> {
  if (!ctx.me) throw new UserError('common.needBind')
  const ref = requestId.safeParse(value)
  const today = localDay(ctx.now, ctx.timeZone)
  const where = { db: ctx.db, now: ctx.now, today, timeZone: ctx.timeZone }
  const q = todoQueries(ctx.db)
  const found = ref.success ? await escalatedByRef(where, q, ref.data, ctx.me.id) : undefined
  if (!found) throw new UserError('todo.escalateGone')
  /** Nothing to send: say why and show the card as it stands. */
  const refresh = async (said: string): Promise<Outcome> => ({
    writes: [],
    replies: [],
    toast: { kind: 'info', text: said },
    card: todoCardOf(ctx, await currentTodo(ctx)),
  })
  const { item } = found
  if (item.done) return refresh(ctx.t('todo.escalateDone', { title: item.title }))
  const slot = escalatedSlot(found.kind, found.itemKey, today)
  const earlier = (await ranAtOf(q, ESCALATED_JOB, new Map([[slot, found.ref]]))).get(found.ref)
  if (earlier !== undefined)
    return refresh(ctx.t('todo.escalateAgain', { title: item.title, at: wallTime(earlier, ctx.timeZone) }))
  const accounts = await reachable(ctx.db, item.responsible, ctx.platform)
  if (accounts.size === 0) return refresh(ctx.t('todo.escalateNobody', { title: item.title }))
  const pushes: Push[] = await Promise.all(
    [...accounts.values()].map(async ({ platform, userId }) => {
      const locale = (await findLocale(ctx.db, platform, userId)) ?? ctx.defaultLocale
      return {
        to: { kind: 'user' as const, id: userId },
        locale,
        reply: text(
          translate(locale, 'todo.escalateText', {
            leader: ctx.me?.name ?? '',
            kind: translate(locale, `escalation.kind.${found.kind}` as MessageKey),
            title: item.title,
            days: overdueDays(item.dueDay, today),
            due: item.dueDay,
          }),
        ),
        platform: platform as Platform,
      }
    }),
  )
  const guard = ctx.db.insert(jobRuns).values({ job: ESCALATED_JOB, slot, ranAt: ctx.now, outcome: 'manual' })
  const facts = await currentTodo(ctx)
  for (const e of facts.escalated) if (e.ref === found.ref) e.nudgedAt = ctx.now
  return {
    writes: [guard],
    replies: [],
    pushes,
    toast: {
      kind: 'success',
      text: ctx.t('todo.escalateSent', { title: item.title, people: accounts.size }),
    },
    card: todoCardOf(ctx, facts),
  }
}

/** 查看全部: the same card with every block listed in full. */
async function showAll(ctx: Ctx): Promise<Outcome> {
  const facts = await currentTodo(ctx)
  return {
    writes: [],
    replies: [],
    toast: { kind: 'info', text: ctx.t('todo.allShown') },
    card: todoCardOf(ctx, facts, true),
  }
}

export const todoActions = {
  'todo.remind': remind,
  'todo.approve': (ctx: Ctx, value: string) => decide(ctx, value, 'bind.approve'),
  'todo.reject': (ctx: Ctx, value: string) => decide(ctx, value, 'bind.reject'),
  'todo.nudge': nudge,
  'todo.all': showAll,
  'todo.makeupConfirm': (ctx: Ctx, value: string) => decideMakeup(ctx, value, 'makeup.confirm'),
  'todo.makeupReject': (ctx: Ctx, value: string) => decideMakeup(ctx, value, 'makeup.reject'),
  'todo.pointsApprove': (ctx: Ctx, value: string) => decidePoints(ctx, value, true),
  'todo.pointsReject': (ctx: Ctx, value: string) => decidePoints(ctx, value, false),
  'todo.escalate': escalate,
}
