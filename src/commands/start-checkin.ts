import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { openActivities } from '../db/activities'
import { activities, chats } from '../db/schema'
import { loadUnits } from '../db/units'
import { typeOfTitle, windowFrom } from '../domain/checkin'
import { holdsOver } from '../domain/members'
import { wallTime } from '../domain/time'
import { UserError } from '../errors'
import { translate } from '../i18n'
import { text } from '../messages'
import { minutes, words } from './args'
import { checkinCode } from './checkin'
import { type Ctx, command, type Me, type Outcome, type Push } from './command'

/** The branch a secretary opens a check-in for: the group's own branch, or in private chat their branch. */
async function unitFor(ctx: Ctx, me: Me): Promise<{ id: number; name: string }> {
  const units = await loadUnits(ctx.db)
  if (ctx.chatType === 'group') {
    if (!ctx.chat) throw new UserError('common.needBoundChat')
    if (!holdsOver(me, 'secretary', ctx.chat.unitId, units))
      throw new UserError('checkin.notYourGroup', { unit: ctx.chat.unitName })
    return { id: ctx.chat.unitId, name: ctx.chat.unitName }
  }
  const grant = me.grants.find((g) => g.role === 'secretary')
  const unit = grant ? units.get(grant.unitId) : undefined
  if (!unit) throw new UserError('checkin.notYourGroup', { unit: '' })
  return { id: unit.id, name: unit.name }
}

/**
 * `发起签到 <活动名称> [分钟数] [签到码]`. Sent in private chat it keeps the code out of the group: the
 * bot announces the window in the branch's groups without it, and the secretary shows the code in the room.
 */
export const startCheckin = command({
  id: 'startcheckin',
  names: ['发起签到'],
  aliases: ['startcheckin'],
  who: ['secretary'],
  params: [{ name: 'title' }, { name: 'minutes' }, { name: 'code' }],
  args: z.object({ title: words(50), minutes: minutes.optional(), code: checkinCode }),
  async run(ctx, args): Promise<Outcome> {
    const me = ctx.me as Me
    const unit = await unitFor(ctx, me)
    const open = await openActivities(ctx.db, [unit.id], ctx.now)
    const same = open.find((a) => a.title === args.title)
    if (same)
      throw new UserError('checkin.alreadyOpen', {
        title: same.title,
        at: wallTime(same.closesAt, ctx.timeZone),
      })
    const rules = ctx.settings.checkin
    const window = windowFrom(ctx.now, args.minutes ?? rules.defaultMinutes, rules.lateGraceMinutes)
    const insert = ctx.db.insert(activities).values({
      unitId: unit.id,
      type: typeOfTitle(args.title),
      title: args.title,
      code: args.code?.toUpperCase() ?? null,
      ...window,
      createdBy: me.id,
      platform: ctx.platform,
      chatId: ctx.chatId,
      settingsVersion: ctx.settings.version,
      createdAt: ctx.now,
    })
    const announce = (locale: typeof ctx.locale) =>
      text(
        [
          translate(locale, 'checkin.announce', {
            unit: unit.name,
            title: args.title,
            until: wallTime(window.closesAt, ctx.timeZone),
          }),
          window.lateUntil > window.closesAt
            ? translate(locale, 'checkin.announceLate', { until: wallTime(window.lateUntil, ctx.timeZone) })
            : '',
          translate(locale, args.code ? 'checkin.announceWithCode' : 'checkin.announceHow'),
        ]
          .filter(Boolean)
          .join('\n'),
      )
    if (ctx.chatType === 'group') return { writes: [insert], replies: [announce(ctx.locale)] }
    const groups = await ctx.db
      .select({ chatId: chats.chatId })
      .from(chats)
      .where(and(eq(chats.platform, ctx.platform), eq(chats.unitId, unit.id)))
    const pushes: Push[] = groups.map((g) => ({
      to: { kind: 'chat', id: g.chatId },
      locale: ctx.defaultLocale,
      reply: announce(ctx.defaultLocale),
    }))
    const confirm = ctx.t(groups.length ? 'checkin.startedPrivately' : 'checkin.startedNoGroup', {
      title: args.title,
      until: wallTime(window.closesAt, ctx.timeZone),
      code: args.code?.toUpperCase() ?? ctx.t('checkin.noCode'),
      groups: groups.length,
    })
    return { writes: [insert], replies: [text(confirm)], pushes }
  },
})
