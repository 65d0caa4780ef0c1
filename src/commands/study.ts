import { z } from 'zod'
import { studyCard } from '../cards/study'
import { pointsLedger, studyItems, studyRecords } from '../db/schema'
import type { Write } from '../db/store'
import {
  chatsOf,
  latestStudyFor,
  nextStudyId,
  type StudyItemRow,
  studiedAt,
  studyItemById,
} from '../db/study'
import { earnedToday } from '../db/tasks'
import { loadUnits } from '../db/units'
import { holdsOver, lineage, subtree, type UnitNode } from '../domain/members'
import { splitStudyText } from '../domain/study'
import { award } from '../domain/tasks'
import { localDay, wallTime } from '../domain/time'
import { UserError } from '../errors'
import { translate } from '../i18n'
import type { Platform } from '../messages'
import { card, text } from '../messages'
import { words } from './args'
import { type Ctx, command, type Me } from './command'
import type { ActionHandler } from './router'
import { pushesTo } from './task-access'

/**
 * Where a 发布学习 goes: a secretary in their branch's group publishes to that branch; otherwise an admin
 * publishes to the unit they administer (the whole organisation), a secretary to their own branch.
 */
function publishScope(ctx: Ctx, me: Me, units: ReadonlyMap<number, UnitNode>): UnitNode {
  const here = ctx.chat ? units.get(ctx.chat.unitId) : undefined
  if (here?.kind === 'branch' && holdsOver(me, 'secretary', here.id, units)) return here
  const grant = me.grants.find((g) => g.role === 'admin') ?? me.grants.find((g) => g.role === 'secretary')
  const unit = grant ? units.get(grant.unitId) : undefined
  if (!unit) throw new UserError('supervision.noScope', {})
  return unit
}

/** A study item's number as typed after 已学 / 学习情况. */
export const studyId = z.coerce.number({ message: 'arg.studyId' }).int('arg.studyId').positive('arg.studyId')

export const publishStudy = command({
  id: 'publish',
  names: ['发布学习'],
  aliases: ['publish'],
  who: ['admin', 'secretary'],
  params: [{ name: 'text', rest: true }],
  args: z
    .object({ text: words(1200) })
    .transform(({ text }) => splitStudyText(text))
    .pipe(z.object({ title: words(100), body: z.string().max(1000, 'arg.tooLong').optional() })),
  async run(ctx, args) {
    const me = ctx.me as Me
    const units = await loadUnits(ctx.db)
    const scope = publishScope(ctx, me, units)
    const id = await nextStudyId(ctx.db)
    const item: StudyItemRow = {
      id,
      unitId: scope.id,
      title: args.title,
      body: args.body ?? null,
      publishedBy: me.id,
      publishedAt: ctx.now,
    }
    // The id is max + 1: a racing 发布学习 takes the same id, the primary key refuses one, and it is re-run.
    const write = ctx.db.insert(studyItems).values(item)
    const groups = await chatsOf(ctx.db, subtree(units, scope.id))
    const pushes = groups.map((g) => ({
      to: { kind: 'chat' as const, id: g.chatId },
      locale: ctx.defaultLocale,
      reply: card(studyCard(ctx.defaultLocale, item, scope.name, me.name)),
      platform: g.platform as Platform,
    }))
    const said = ctx.t(groups.length ? 'supervision.published' : 'supervision.publishedNoGroup', {
      id,
      title: args.title,
      unit: scope.name,
      groups: groups.length,
    })
    return { writes: [write], replies: [text(said)], pushes }
  },
})

/**
 * Marks `id` (or the newest item for the member's branch) studied: the record once, and the `study` points
 * within their daily cap. The primary key (item, member) stops a second record even from a racing click.
 */
async function markStudied(ctx: Ctx, id: number | undefined): Promise<{ writes: Write[]; said: string }> {
  const me = ctx.me as Me
  const units = await loadUnits(ctx.db)
  const mine = lineage(units, me.branchId)
  const item = id === undefined ? await latestStudyFor(ctx.db, mine) : await studyItemById(ctx.db, id)
  if (!item)
    throw new UserError(id === undefined ? 'supervision.studyNone' : 'supervision.studyUnknown', {
      id: id ?? 0,
    })
  if (!mine.includes(item.unitId)) throw new UserError('supervision.studyNotYours', { id: item.id })
  const before = await studiedAt(ctx.db, item.id, me.id)
  if (before !== undefined)
    return {
      writes: [],
      said: ctx.t('supervision.studyAlready', {
        title: item.title,
        at: wallTime(before, ctx.timeZone, true),
      }),
    }
  const day = localDay(ctx.now, ctx.timeZone)
  const given = award(ctx.settings.points.study, await earnedToday(ctx.db, me.id, 'study', day))
  const reason = ctx.t('supervision.studyLedger', { title: item.title })
  const writes = [
    ctx.db.insert(studyRecords).values({ itemId: item.id, memberId: me.id, at: ctx.now }),
    ctx.db.insert(pointsLedger).values({
      memberId: me.id,
      points: given.points,
      rule: 'study',
      reason: given.capped ? `${reason}${ctx.t('supervision.studyCapped')}` : reason,
      source: `study:${item.id}`,
      day,
      settingsVersion: ctx.settings.version,
      createdAt: ctx.now,
    }),
  ]
  const said = ctx.t(given.capped ? 'supervision.studiedCapped' : 'supervision.studied', {
    title: item.title,
    points: given.points,
  })
  return { writes, said }
}

export const studiedCmd = command({
  id: 'studied',
  names: ['已学'],
  aliases: ['studied'],
  who: ['member'],
  params: [{ name: 'id' }],
  args: z.object({ id: studyId.optional() }),
  async run(ctx, args) {
    const { writes, said } = await markStudied(ctx, args.id)
    return { writes, replies: [text(said)] }
  },
})

/** The 已学 button on a group's card: the clicker's own result is a toast and a private message (DESIGN §3). */
const studiedButton: ActionHandler = async (ctx, value) => {
  if (!ctx.me) throw new UserError('supervision.studyNeedBind', {})
  const id = Number(value)
  if (!Number.isInteger(id) || id <= 0) throw new UserError('supervision.studyUnknown', { id: value })
  const { writes, said } = await markStudied(ctx, id)
  const { pushes } = writes.length
    ? await pushesTo(ctx, [ctx.me], (locale) =>
        text(translate(locale, 'supervision.studiedPush', { text: said })),
      )
    : { pushes: [] }
  return { writes, replies: [], pushes, toast: { kind: writes.length ? 'success' : 'info', text: said } }
}

export const studyActions = { 'study.done': studiedButton }
