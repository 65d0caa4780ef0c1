import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { attendanceCard } from '../cards/attendance'
import type { Section } from '../cards/card'
import { type ActivityRow, activityById, recentActivities, windowsOf } from '../db/activities'
import { loadAttendance } from '../db/attendance'
import { jobRuns } from '../db/schema'
import { rostersOf } from '../db/shifts'
import type { Db } from '../db/store'
import { loadUnits } from '../db/units'
import { type Attendance, figuresByWindow, timing } from '../domain/checkin'
import { defaultScope, oversees, subtree, type UnitNode } from '../domain/members'
import { type MemberRoster, shiftCodeOn } from '../domain/shifts'
import { localDay, wallTime } from '../domain/time'
import { UserError } from '../errors'
import { card, type Platform } from '../messages'
import { missingReminders, REMIND_JOB, remindSlot } from './checkin-remind'
import { type Ctx, command, type Me, type Outcome } from './command'

const activityId = z.coerce
  .number({ message: 'arg.activityId' })
  .int('arg.activityId')
  .positive('arg.activityId')

async function remindedAt(db: Db, id: number): Promise<number | undefined> {
  const [row] = await db
    .select({ ranAt: jobRuns.ranAt })
    .from(jobRuns)
    .where(and(eq(jobRuns.job, REMIND_JOB), eq(jobRuns.slot, remindSlot(id))))
  return row?.ranAt
}

/** The unit whose activities a bare 签到情况 looks at: this group's, else the asker's own secretary or leader unit. */
function scopeOf(ctx: Ctx, me: Me, units: ReadonlyMap<number, UnitNode>): number {
  const unitId = defaultScope(me, ctx.chat?.unitId)
  if (unitId === undefined || !oversees(me, unitId, units))
    throw new UserError('checkin.notYourUnit', { unit: ctx.chat?.unitName ?? '' })
  return unitId
}

/** `签到情况 [活动编号]`: the attendance card of the latest activity in scope, or of the one named. */
export const attendanceCmd = command({
  id: 'attendance',
  names: ['签到情况'],
  aliases: ['attendance'],
  who: ['secretary', 'leader'],
  params: [{ name: 'id' }],
  args: z.object({ id: activityId.optional() }),
  async run(ctx, { id }): Promise<Outcome> {
    const me = ctx.me as Me
    const units = await loadUnits(ctx.db)
    let activity: ActivityRow | undefined
    let others: ActivityRow[] = []
    if (id !== undefined) {
      activity = await activityById(ctx.db, id)
      if (!activity) throw new UserError('checkin.noSuchActivity', { id })
      if (!oversees(me, activity.unitId, units))
        throw new UserError('checkin.notYourUnit', { unit: units.get(activity.unitId)?.name ?? '' })
    } else {
      const scope = scopeOf(ctx, me, units)
      const recent = await recentActivities(ctx.db, subtree(units, scope), ctx.now)
      activity = recent[0]
      others = recent.slice(1)
      if (!activity) throw new UserError('checkin.noActivities', { unit: units.get(scope)?.name ?? '' })
    }
    const facts = await loadAttendance(ctx.db, activity)
    const shown = attendanceCard(
      ctx.locale,
      facts,
      ctx.now,
      ctx.timeZone,
      await remindedAt(ctx.db, activity.id),
    )
    const byWindow = await windowFigures(ctx, activity, facts.attendance)
    if (byWindow) shown.sections.push(byWindow)
    if (others.length)
      shown.sections.push({
        kind: 'markdown',
        text: ctx.t('checkin.cardOthers', {
          list: others
            .map((o) => `#${o.id} ${o.title}（${wallTime(o.opensAt, ctx.timeZone, true)}）`)
            .join('；'),
          id: others[0]?.id ?? '',
        }),
      })
    return { writes: [], replies: [card(shown)] }
  },
})

/** For an activity held after each shift: who was expected and who came, per shift window. */
async function windowFigures(ctx: Ctx, activity: ActivityRow, a: Attendance): Promise<Section | undefined> {
  const windows = await windowsOf(ctx.db, activity.id)
  if (windows.length === 0) return undefined
  const day = localDay(activity.opensAt, ctx.timeZone)
  const ids = [...a.onTime, ...a.late, ...a.leave, ...a.missing].map((p) => p.id)
  const rosters = await rostersOf(ctx.db, ids, day, day)
  const shiftOf = new Map(ids.map((id) => [id, shiftCodeOrNone(rosters.get(id), day)]))
  const defs = ctx.settings.shifts.definitions
  const lines = figuresByWindow(windows, shiftOf, a).map((f) =>
    ctx.t('shiftWindows.figuresLine', {
      ...f,
      shift: f.shift
        ? (defs.find((d) => d.code === f.shift)?.name ?? f.shift)
        : ctx.t('shiftWindows.offShift'),
    }),
  )
  return { kind: 'markdown', text: [ctx.t('shiftWindows.figuresHead'), ...lines].join('\n') }
}

const shiftCodeOrNone = (roster: MemberRoster | undefined, day: string) =>
  roster ? shiftCodeOn(roster, day) : undefined

/** The card's "remind the missing" button: one private reminder each, once per activity (shared with the nudge job). */
async function remindMissing(ctx: Ctx, value: string): Promise<Outcome> {
  const id = activityId.safeParse(value)
  const me = ctx.me
  if (!me) throw new UserError('common.needBind')
  const activity = id.success ? await activityById(ctx.db, id.data) : undefined
  if (!activity) throw new UserError('checkin.noSuchActivity', { id: value })
  const units = await loadUnits(ctx.db)
  if (!oversees(me, activity.unitId, units))
    throw new UserError('checkin.notYourUnit', { unit: units.get(activity.unitId)?.name ?? '' })
  const facts = await loadAttendance(ctx.db, activity)
  const already = await remindedAt(ctx.db, activity.id)
  if (already !== undefined) {
    return {
      writes: [],
      replies: [],
      toast: {
        kind: 'info',
        text: ctx.t('checkin.alreadyReminded', { at: wallTime(already, ctx.timeZone) }),
      },
      card: attendanceCard(ctx.locale, facts, ctx.now, ctx.timeZone, already),
    }
  }
  const when = timing(activity, ctx.now)
  if (when !== 'onTime' && when !== 'late')
    throw new UserError('checkin.remindClosed', { title: activity.title })
  const { messages, unreachable } = await missingReminders(
    ctx.db,
    facts,
    ctx.now,
    ctx.timeZone,
    ctx.defaultLocale,
  )
  const record = ctx.db.insert(jobRuns).values({
    job: REMIND_JOB,
    slot: remindSlot(activity.id),
    ranAt: ctx.now,
    outcome: `manual ${messages.length}`,
  })
  const said = ctx.t('checkin.reminded', { count: messages.length })
  return {
    writes: [record],
    replies: [],
    pushes: messages.map((m) => ({
      to: m.to,
      locale: m.locale,
      reply: m.reply,
      platform: m.platform as Platform,
    })),
    toast: {
      kind: 'success',
      text: unreachable ? `${said}${ctx.t('checkin.unreachable', { count: unreachable })}` : said,
    },
    card: attendanceCard(ctx.locale, facts, ctx.now, ctx.timeZone, ctx.now),
  }
}

export const attendanceActions = { 'checkin.remind': remindMissing }
