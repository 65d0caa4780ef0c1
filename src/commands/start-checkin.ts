import { and, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { nextActivityId, openActivities, windowedActivitySince, windowsOf } from '../db/activities'
import { activities, activityWindows, chats } from '../db/schema'
import type { Write } from '../db/store'
import { loadUnits } from '../db/units'
import { typeOfTitle, type Window, windowFrom } from '../domain/checkin'
import { holdsOver } from '../domain/members'
import { resolveShift, type ShiftDef } from '../domain/shifts'
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

/** Windows of one activity are opened within a day: after the night, early and middle shifts. */
const WINDOWS_SPAN_MS = 24 * 3_600_000

/** The shift a secretary named (早, 早班, night …), or a clear refusal listing the shifts there are. */
function shiftNamed(ctx: Ctx, typed: string): ShiftDef {
  const defs = ctx.settings.shifts.definitions
  const code = resolveShift(typed, defs)
  const def = defs.find((d) => d.code === code)
  if (!def)
    throw new UserError('shiftWindows.unknownShift', {
      shift: typed,
      shifts: defs.map((d) => d.name).join('、'),
    })
  return def
}

const windowRow = (ctx: Ctx, activityId: number, shift: string, w: Window, by: number) =>
  ctx.db.insert(activityWindows).values({ activityId, shift, ...w, createdBy: by })

const SHIFT_WORDS = new Set(['班次', 'shift'])

/** `[分钟数] [签到码] [班次 早]` after the title: the shift is named by its keyword, the rest by position. */
function splitOptions(raw: unknown): unknown {
  const { title, options } = raw as { title?: string; options?: string }
  const tokens = options ? options.split(' ').filter(Boolean) : []
  const at = tokens.findIndex((t) => SHIFT_WORDS.has(t.toLowerCase()))
  const positional = at < 0 ? tokens : tokens.slice(0, at)
  const after = at < 0 ? [] : tokens.slice(at + 1)
  const extra = [...positional.slice(2), ...after.slice(1)].join(' ')
  return {
    title,
    minutes: positional[0],
    code: positional[1],
    shift: at < 0 ? undefined : (after[0] ?? ''),
    extra: extra || undefined,
  }
}

/**
 * `发起签到 <活动名称> [分钟数] [签到码] [班次 早|中|夜]`. With a shift, the window is for the members working that
 * shift today, and a second 发起签到 of the same title for another shift adds a window to the same activity. Sent in private chat it keeps the code out of the group: the
 * bot announces the window in the branch's groups without it, and the secretary shows the code in the room.
 */
export const startCheckin = command({
  id: 'startcheckin',
  names: ['发起签到'],
  aliases: ['startcheckin'],
  who: ['secretary'],
  params: [{ name: 'title' }, { name: 'options', rest: true }],
  args: z.preprocess(
    splitOptions,
    z.object({
      title: words(50),
      minutes: minutes.optional(),
      code: checkinCode,
      shift: z.string().min(1, 'shiftWindows.missingShift').max(6, 'arg.tooLong').optional(),
      extra: z.string().optional(),
    }),
  ),
  async run(ctx, args): Promise<Outcome> {
    if (args.extra)
      // The words are read here, not by position, so the router cannot name what is extra: said as it would.
      throw new UserError('common.badArgs', {
        problem: ctx.t('arg.extra', { extra: args.extra }),
        usage: ctx.t('cmd.startcheckin.usage'),
        example: ctx.t('cmd.startcheckin.example'),
      })
    const me = ctx.me as Me
    const unit = await unitFor(ctx, me)
    const rules = ctx.settings.checkin
    const window = windowFrom(ctx.now, args.minutes ?? rules.defaultMinutes, rules.lateGraceMinutes)
    const shift = args.shift === undefined ? undefined : shiftNamed(ctx, args.shift)
    const code = args.code?.toUpperCase() ?? null
    const existing = shift
      ? await windowedActivitySince(ctx.db, unit.id, args.title, ctx.now - WINDOWS_SPAN_MS)
      : undefined
    let writes: Write[]
    if (existing && shift) {
      const had = (await windowsOf(ctx.db, existing.id)).find((w) => w.shift === shift.code)
      if (had)
        throw new UserError('shiftWindows.already', {
          title: args.title,
          shift: shift.name,
          until: wallTime(had.closesAt, ctx.timeZone),
        })
      writes = [
        windowRow(ctx, existing.id, shift.code, window, me.id),
        // The activity stays open until its last window closes; a new code is the one shown in the room now.
        ctx.db
          .update(activities)
          .set({
            closesAt: sql`max(${activities.closesAt}, ${window.closesAt})`,
            lateUntil: sql`max(${activities.lateUntil}, ${window.lateUntil})`,
            ...(code ? { code } : {}),
          })
          .where(eq(activities.id, existing.id)),
      ]
    } else {
      const open = await openActivities(ctx.db, [unit.id], ctx.now)
      const same = open.find((a) => a.title === args.title)
      if (same)
        throw new UserError('checkin.alreadyOpen', {
          title: same.title,
          at: wallTime(same.closesAt, ctx.timeZone),
        })
      // With a window row to write in the same batch, the id is taken up front; two at once collide and re-run.
      const id = shift ? await nextActivityId(ctx.db) : undefined
      writes = [
        ctx.db.insert(activities).values({
          ...(id ? { id } : {}),
          unitId: unit.id,
          type: typeOfTitle(args.title),
          title: args.title,
          code,
          ...window,
          createdBy: me.id,
          platform: ctx.platform,
          chatId: ctx.chatId,
          settingsVersion: ctx.settings.version,
          createdAt: ctx.now,
        }),
        ...(id && shift ? [windowRow(ctx, id, shift.code, window, me.id)] : []),
      ]
    }
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
          shift
            ? translate(locale, 'shiftWindows.announceFor', {
                shift: shift.name,
                until: wallTime(window.closesAt, ctx.timeZone),
              })
            : '',
          translate(locale, args.code ? 'checkin.announceWithCode' : 'checkin.announceHow'),
        ]
          .filter(Boolean)
          .join('\n'),
      )
    if (ctx.chatType === 'group') return { writes, replies: [announce(ctx.locale)] }
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
    return { writes, replies: [text(confirm)], pushes }
  },
})
