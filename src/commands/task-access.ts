import type { TaskFacts } from '../cards/tasks'
import { findLocale } from '../db/queries'
import { accountsOf, assigneesOf, holdersOn, taskById } from '../db/tasks'
import { loadUnits } from '../db/units'
import { holdsOver, type UnitNode } from '../domain/members'
import { localDay } from '../domain/time'
import { UserError } from '../errors'
import type { Locale } from '../i18n'
import type { Platform, Reply } from '../messages'
import type { Ctx, Me, Push } from './command'

/** What every task handler loads: the task, its assignees, the org tree and today's local day. */
export type Loaded = TaskFacts & { units: ReadonlyMap<number, UnitNode>; today: string }

export async function loadTask(ctx: Ctx, id: number): Promise<Loaded> {
  const task = await taskById(ctx.db, id)
  if (!task) throw new UserError('tasks.noSuchTask', { id })
  const [assignees, units] = await Promise.all([assigneesOf(ctx.db, id), loadUnits(ctx.db)])
  return {
    task,
    assignees,
    units,
    unitName: units.get(task.branchId)?.name ?? '',
    today: localDay(ctx.now, ctx.timeZone),
  }
}

export const isAssignee = (me: Me, facts: TaskFacts) => facts.assignees.some((a) => a.id === me.id)

/** Confirm, send back and adopt belong to the secretary of the task's branch (or of a unit above it). */
export function requireManager(me: Me, loaded: Loaded): void {
  if (!holdsOver(me, 'secretary', loaded.task.branchId, loaded.units))
    throw new UserError('tasks.notManager', { unit: loaded.unitName })
}

/** Assignees, the branch's secretaries and leaders above see a task; a 点题 topic is open to its whole branch. */
export function canSee(me: Me, loaded: Loaded): boolean {
  const { task, units } = loaded
  return (
    isAssignee(me, loaded) ||
    holdsOver(me, 'secretary', task.branchId, units) ||
    holdsOver(me, 'leader', task.branchId, units) ||
    (task.type === 'topic' && me.branchId === task.branchId)
  )
}

export function requireAssignee(me: Me, loaded: Loaded): void {
  if (!isAssignee(me, loaded)) throw new UserError('tasks.notAssignee', { id: loaded.task.id })
}

/**
 * One private message to each member who has a chat account, in their language: on the asker's platform when
 * they are there, else on their first. `missing` lists the members who cannot be reached.
 */
export async function pushesTo(
  ctx: Ctx,
  people: { id: number; name: string }[],
  build: (locale: Locale) => Reply,
): Promise<{ pushes: Push[]; missing: string[] }> {
  const accounts = await accountsOf(
    ctx.db,
    people.map((p) => p.id),
  )
  const chosen = new Map<number, { platform: string; userId: string }>()
  for (const a of accounts) {
    const had = chosen.get(a.memberId)
    if (!had || (a.platform === ctx.platform && had.platform !== ctx.platform)) chosen.set(a.memberId, a)
  }
  const pushes = await Promise.all(
    [...chosen.values()].map(async ({ platform, userId }) => {
      const locale = (await findLocale(ctx.db, platform, userId)) ?? ctx.defaultLocale
      return {
        to: { kind: 'user' as const, id: userId },
        locale,
        reply: build(locale),
        platform: platform as Platform,
      }
    }),
  )
  return { pushes, missing: people.filter((p) => !chosen.has(p.id)).map((p) => p.name) }
}

/** The secretaries of a branch, to hear of a task reported done or a proposal. */
export async function secretariesOf(ctx: Ctx, branchId: number): Promise<{ id: number; name: string }[]> {
  return (await holdersOn(ctx.db, 'secretary', branchId)).map((id) => ({ id, name: '' }))
}
