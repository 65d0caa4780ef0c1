import { z } from 'zod'
import {
  checkinPointsOn,
  lastClosed,
  lineageOf,
  nextActivity,
  type OpenActivityRow,
  openActivities,
  recordsOfMember,
  windowsOf,
} from '../db/activities'
import { checkins, pointsLedger } from '../db/schema'
import { rostersOf } from '../db/shifts'
import type { Write } from '../db/store'
import { checkinAward, chooseActivity, timing, type Window, windowFor } from '../domain/checkin'
import { shiftCodeOn } from '../domain/shifts'
import { localDay, wallTime } from '../domain/time'
import { UserError } from '../errors'
import { text } from '../messages'
import { words } from './args'
import { type ChatBinding, type Ctx, command, type Me, type Outcome } from './command'

export const checkinCode = z
  .string()
  .regex(/^[A-Za-z0-9]{1,12}$/, 'arg.checkinCode')
  .optional()

/** A closed window is worth naming for half a day; older ones are history, not a near miss. */
const RECENTLY_CLOSED_MS = 12 * 3_600_000
/** A leave may be asked for an activity that opens within this span. */
const LEAVE_AHEAD_MS = 7 * 24 * 3_600_000

function groupOf(ctx: Ctx): ChatBinding {
  if (!ctx.chat) throw new UserError('common.needBoundChat')
  return ctx.chat
}

/** `签到 [码]`: the member's own check-in to the open activity of this group's branch (or of the committee above it). */
export const checkin = command({
  id: 'checkin',
  // 到: the roll-call answer, one character to type underground on a gloved phone.
  names: ['签到', '到'],
  aliases: ['checkin'],
  who: ['member'],
  chat: 'group',
  params: [{ name: 'code' }],
  args: z.object({ code: checkinCode }),
  async run(ctx, { code }): Promise<Outcome> {
    const me = ctx.me as Me
    const chat = groupOf(ctx)
    const chatLineage = await lineageOf(ctx.db, chat.unitId)
    const open = await openActivities(ctx.db, chatLineage, ctx.now)
    const choice = chooseActivity(open, code)
    if (choice.kind === 'none') throw await nothingOpen(ctx, chatLineage)
    const activity = choice.activity as OpenActivityRow
    if (choice.kind === 'needCode') throw new UserError('checkin.needCode', { title: activity.title })
    if (choice.kind === 'wrongCode') throw new UserError('checkin.wrongCode', { title: activity.title })
    if (!(await lineageOf(ctx.db, me.branchId)).includes(activity.unitId))
      throw new UserError('checkin.notMember', { title: activity.title, unit: chat.unitName })
    const [latest] = await recordsOfMember(ctx.db, activity.id, me.id)
    if (latest && latest.kind !== 'leave')
      throw new UserError(latest.status === 'leave' ? 'checkin.excusedBySecretary' : 'checkin.already', {
        title: activity.title,
        at: wallTime(latest.at, ctx.timeZone),
      })
    const status = timing(await windowOfMember(ctx, me.id, activity), ctx.now)
    if (status === 'notOpen') throw new UserError('shiftWindows.notYetOpen', { title: activity.title })
    if (status !== 'onTime' && status !== 'late')
      throw new UserError('checkin.closed', { title: activity.title })
    const day = localDay(ctx.now, ctx.timeZone)
    const p = ctx.settings.points
    const award = checkinAward(
      status,
      { onTime: p.checkin, late: p.checkinLate },
      await checkinPointsOn(ctx.db, me.id, day),
    )
    const writes: Write[] = [
      ctx.db.insert(checkins).values({
        activityId: activity.id,
        memberId: me.id,
        status,
        kind: 'checkin',
        recordedBy: me.id,
        platform: ctx.platform,
        chatId: ctx.chatId,
        at: ctx.now,
      }),
      ctx.db.insert(pointsLedger).values({
        memberId: me.id,
        points: award.points,
        rule: status === 'onTime' ? 'checkin' : 'checkinLate',
        reason: ctx.t(award.capped ? 'checkin.ledgerCapped' : 'checkin.ledger', { title: activity.title }),
        source: `activity:${activity.id}`,
        day,
        settingsVersion: ctx.settings.version,
        createdAt: ctx.now,
      }),
    ]
    const lines = [
      ctx.t(status === 'onTime' ? 'checkin.onTime' : 'checkin.late', {
        name: me.name,
        title: activity.title,
        at: wallTime(ctx.now, ctx.timeZone),
      }),
      award.capped
        ? ctx.t('checkin.capped', { points: award.points })
        : ctx.t('checkin.points', { points: award.points }),
    ]
    if (latest?.kind === 'leave') lines.push(ctx.t('checkin.leaveReplaced'))
    if (choice.among > 1)
      lines.push(ctx.t('checkin.severalOpen', { count: choice.among, title: activity.title }))
    return { writes, replies: [text(lines.join('\n'))] }
  },
})

/**
 * The window a check-in counts against: the activity's own, or, for an activity held after each shift, the
 * window of the shift the member works that day (domain/checkin.ts windowFor).
 */
async function windowOfMember(ctx: Ctx, memberId: number, activity: OpenActivityRow): Promise<Window> {
  const windows = await windowsOf(ctx.db, activity.id)
  if (windows.length === 0) return activity
  // The shifts of the day the activity opened: the 中班 window after midnight still belongs to that day's 中班.
  const day = localDay(activity.opensAt, ctx.timeZone)
  const roster = (await rostersOf(ctx.db, [memberId], day, day)).get(memberId)
  const shift = roster ? shiftCodeOn(roster, day) : undefined
  const choice = windowFor(windows, shift, ctx.now)
  if (choice.kind === 'mine') return choice.window
  const defs = ctx.settings.shifts.definitions
  const nameOf = (code: string) => defs.find((d) => d.code === code)?.name ?? code
  throw new UserError('shiftWindows.notYours', {
    title: activity.title,
    shifts: choice.shifts.map(nameOf).join('、'),
    shift: nameOf(shift ?? ''),
  })
}

/** Why there is nothing to check in to: a window that just closed, one that opens later today, or none. */
async function nothingOpen(ctx: Ctx, unitIds: number[]): Promise<UserError> {
  const closed = await lastClosed(ctx.db, unitIds, ctx.now, RECENTLY_CLOSED_MS)
  if (closed)
    return new UserError('checkin.windowClosed', {
      title: closed.title,
      at: wallTime(closed.lateUntil, ctx.timeZone),
    })
  const next = await nextActivity(ctx.db, unitIds, ctx.now, RECENTLY_CLOSED_MS)
  if (next)
    return new UserError('checkin.notYetOpen', {
      title: next.title,
      at: wallTime(next.opensAt, ctx.timeZone, true),
    })
  return new UserError('checkin.noneOpen', { unit: ctx.chat?.unitName ?? '' })
}

/** `请假 <事由>`: an excused absence from the open activity, or from the next one when none is open. */
export const leave = command({
  id: 'leave',
  names: ['请假'],
  aliases: ['leave'],
  who: ['member'],
  chat: 'group',
  params: [{ name: 'reason', rest: true }],
  args: z.object({ reason: words(200) }),
  async run(ctx, { reason }): Promise<Outcome> {
    const me = ctx.me as Me
    const chat = groupOf(ctx)
    const chatLineage = await lineageOf(ctx.db, chat.unitId)
    const open = await openActivities(ctx.db, chatLineage, ctx.now)
    const newest = [...open].sort((a, b) => b.opensAt - a.opensAt)[0]
    const activity = newest ?? (await nextActivity(ctx.db, chatLineage, ctx.now, LEAVE_AHEAD_MS))
    if (!activity) throw new UserError('checkin.noneToLeave', { unit: chat.unitName })
    if (!(await lineageOf(ctx.db, me.branchId)).includes(activity.unitId))
      throw new UserError('checkin.notMember', { title: activity.title, unit: chat.unitName })
    const [latest] = await recordsOfMember(ctx.db, activity.id, me.id)
    if (latest)
      throw new UserError(latest.status === 'leave' ? 'checkin.alreadyLeave' : 'checkin.leaveAfterCheckin', {
        title: activity.title,
        at: wallTime(latest.at, ctx.timeZone),
      })
    return {
      writes: [
        ctx.db.insert(checkins).values({
          activityId: activity.id,
          memberId: me.id,
          status: 'leave',
          kind: 'leave',
          reason,
          recordedBy: me.id,
          platform: ctx.platform,
          chatId: ctx.chatId,
          at: ctx.now,
        }),
      ],
      replies: [text(ctx.t('checkin.leaveRecorded', { name: me.name, title: activity.title, reason }))],
    }
  },
})
