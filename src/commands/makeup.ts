import { and, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { makeupCard } from '../cards/makeup'
import { accountsOf, activityById, holdersOf, lineageOf } from '../db/activities'
import { closedWithin, makeupById, makeupPointsOn, nextMakeupId, recordedOf, requestsOf } from '../db/makeup'
import { accountOf, findLocale, memberById } from '../db/queries'
import { checkins, makeupRequests, pointsLedger } from '../db/schema'
import type { Write } from '../db/store'
import { loadUnits } from '../db/units'
import { chooseMakeup, makeupAward } from '../domain/makeup'
import { holdsOver } from '../domain/members'
import { localDay, wallTime } from '../domain/time'
import { UserError } from '../errors'
import { translate } from '../i18n'
import { card, text } from '../messages'
import { words } from './args'
import { type Ctx, command, type Me, type Outcome, type Push } from './command'
import { resolveMember } from './points'

const requestId = z.coerce.number().int().positive()
const DIRECT = /^(@\S+)\s+(\d+)\s+(.+)$/s

/** `补签 <事由>`: a member asks to make up a check-in they missed; `补签 @成员 <活动> <事由>`: a secretary records one. */
export const makeupCmd = command({
  id: 'makeup',
  names: ['补签'],
  aliases: ['makeup'],
  who: ['member'],
  params: [{ name: 'text', rest: true }],
  args: z.object({ text: words(200) }),
  run: (ctx, { text: line }) => (line.startsWith('@') ? recordDirectly(ctx, line) : ask(ctx, line)),
})

async function ask(ctx: Ctx, reason: string): Promise<Outcome> {
  const me = ctx.me as Me
  const hours = ctx.settings.shifts.makeupGraceHours
  const closed = await closedWithin(ctx.db, await lineageOf(ctx.db, me.branchId), ctx.now, hours * 3_600_000)
  const ids = closed.map((a) => a.id)
  const recorded = await recordedOf(ctx.db, ids, me.id)
  const requests = new Map((await requestsOf(ctx.db, ids, me.id)).map((r) => [r.activityId, r.status]))
  const choice = chooseMakeup(
    closed.map((a) => ({
      id: a.id,
      title: a.title,
      recorded: recorded.has(a.id),
      request: requests.get(a.id),
    })),
  )
  if (choice.kind === 'none') throw new UserError('shifts.makeup.none', { hours })
  if (choice.kind === 'asked')
    throw new UserError(`shifts.makeup.${choice.status}`, { title: choice.activity.title })
  const activity = closed.find((a) => a.id === choice.activity.id)
  if (!activity) throw new Error('unreachable: the choice is one of the candidates')
  const secretaries = (await accountsOf(ctx.db, await holdersOf(ctx.db, 'secretary', me.branchId))).filter(
    (a) => a.platform === ctx.platform,
  )
  if (secretaries.length === 0) throw new UserError('shifts.makeup.noSecretary')
  const id = await nextMakeupId(ctx.db)
  const facts = {
    id,
    name: me.name,
    title: activity.title,
    reason,
    closed: wallTime(activity.lateUntil, ctx.timeZone, true),
    at: wallTime(ctx.now, ctx.timeZone, true),
  }
  const pushes: Push[] = []
  for (const s of secretaries) {
    const locale = (await findLocale(ctx.db, s.platform, s.userId)) ?? ctx.defaultLocale
    pushes.push({ to: { kind: 'user', id: s.userId }, locale, reply: card(makeupCard(locale, facts)) })
  }
  return {
    writes: [
      ctx.db.insert(makeupRequests).values({
        id,
        activityId: activity.id,
        memberId: me.id,
        reason,
        status: 'pending',
        requestedBy: me.id,
        requestedAt: ctx.now,
        platform: ctx.platform,
        chatId: ctx.chatId,
      }),
    ],
    replies: [text(ctx.t('shifts.makeup.asked', { id, title: activity.title, reason }))],
    pushes,
  }
}

/** The attendance record and points of a make-up; `decidedBy` is the secretary who confirmed or recorded it. */
async function makeupEffects(
  ctx: Ctx,
  memberId: number,
  activity: { id: number; title: string },
  reason: string,
) {
  const day = localDay(ctx.now, ctx.timeZone)
  const award = makeupAward(ctx.settings.points.makeup, await makeupPointsOn(ctx.db, memberId, day))
  const row = {
    correction: {
      activityId: activity.id,
      memberId,
      status: 'onTime' as const,
      kind: 'correction' as const,
      reason: `${ctx.t('shifts.makeup.ledger', { title: activity.title })}：${reason}`,
      recordedBy: (ctx.me as Me).id,
      platform: ctx.platform,
      chatId: ctx.chatId,
      at: ctx.now,
    },
    points: {
      memberId,
      points: award.points,
      rule: 'makeup',
      reason: ctx.t('shifts.makeup.ledger', { title: activity.title }),
      source: `activity:${activity.id}`,
      day,
      settingsVersion: ctx.settings.version,
      createdAt: ctx.now,
    },
  }
  return { award, row }
}

async function recordDirectly(ctx: Ctx, line: string): Promise<Outcome> {
  const me = ctx.me as Me
  if (!me.grants.some((g) => g.role === 'secretary')) throw new UserError('shifts.makeup.onlySecretary')
  const m = DIRECT.exec(line)
  if (!m) throw new UserError('shifts.makeup.badDirect')
  const [, ref, activityNo, reason] = m as unknown as [string, string, string, string]
  const member = await resolveMember(ctx, ref)
  if (!holdsOver(me, 'secretary', member.branchId, await loadUnits(ctx.db)))
    throw new UserError('shifts.makeup.notYourBranch', { name: member.name })
  const activity = await activityById(ctx.db, Number(activityNo))
  if (!activity || !(await lineageOf(ctx.db, member.branchId)).includes(activity.unitId))
    throw new UserError('shifts.makeup.noActivity', { id: activityNo, name: member.name })
  if (activity.opensAt > ctx.now) throw new UserError('shifts.makeup.notStarted', { title: activity.title })
  const params = { name: member.name, title: activity.title }
  const [earlier] = await requestsOf(ctx.db, [activity.id], member.id)
  if (earlier)
    throw new UserError('shifts.makeup.exists', { ...params, status: statusLabel(ctx, earlier.status) })
  if ((await recordedOf(ctx.db, [activity.id], member.id)).size > 0)
    throw new UserError('shifts.makeup.present', params)
  const { award, row } = await makeupEffects(ctx, member.id, activity, reason.trim())
  return {
    writes: [
      ctx.db.insert(makeupRequests).values({
        activityId: activity.id,
        memberId: member.id,
        reason: reason.trim(),
        status: 'confirmed',
        requestedBy: me.id,
        requestedAt: ctx.now,
        decidedBy: me.id,
        decidedAt: ctx.now,
        platform: ctx.platform,
        chatId: ctx.chatId,
      }),
      ctx.db.insert(checkins).values(row.correction),
      ctx.db.insert(pointsLedger).values(row.points),
    ],
    replies: [text(ctx.t('shifts.makeup.recorded', { ...params, points: award.points }))],
  }
}

const statusLabel = (ctx: Ctx, status: 'pending' | 'confirmed' | 'rejected') =>
  ctx.t(
    status === 'pending'
      ? 'shifts.makeup.statusPending'
      : status === 'confirmed'
        ? 'shifts.makeup.statusConfirmed'
        : 'shifts.makeup.statusRejected',
  )

/** A card click decides once: every write is conditional on the request still pending, so a second click changes nothing. */
async function decide(ctx: Ctx, value: string, verdict: 'confirmed' | 'rejected'): Promise<Outcome> {
  const me = ctx.me
  const parsed = requestId.safeParse(value)
  const request = parsed.success ? await makeupById(ctx.db, parsed.data) : undefined
  if (!request || !me) throw new UserError('shifts.makeup.noRequest', { id: value })
  const member = await memberById(ctx.db, request.memberId)
  const activity = await activityById(ctx.db, request.activityId)
  if (!member || !activity) throw new Error(`makeup ${request.id} names a missing member or activity`)
  if (!holdsOver(me, 'secretary', member.branchId, await loadUnits(ctx.db)))
    throw new UserError('shifts.makeup.notYourBranch', { name: member.name })
  if (request.status !== 'pending')
    throw new UserError('shifts.makeup.already', { id: request.id, status: statusLabel(ctx, request.status) })
  const stillPending = sql`from ${makeupRequests} where ${makeupRequests.id} = ${request.id} and ${makeupRequests.status} = 'pending'`
  const writes: Write[] = []
  let points = 0
  if (verdict === 'confirmed') {
    const { award, row } = await makeupEffects(ctx, member.id, activity, request.reason)
    points = award.points
    const c = row.correction
    const p = row.points
    // Both inserts run before the request is settled and only while it is open, so a rival click that rejected
    // it first leaves no record; the points insert also runs after a rival confirm, and its unique index then
    // re-runs this click, which answers that the request is settled.
    const notRejected = sql`from ${makeupRequests} where ${makeupRequests.id} = ${request.id} and ${makeupRequests.status} <> 'rejected'`
    writes.push(
      ctx.db
        .insert(checkins)
        .select(
          sql`select null, ${c.activityId}, ${c.memberId}, ${c.status}, ${c.kind}, ${c.reason}, ${c.recordedBy}, ${c.platform}, ${c.chatId}, ${c.at} ${stillPending}`,
        ),
      ctx.db
        .insert(pointsLedger)
        .select(
          sql`select null, ${p.memberId}, ${p.points}, ${p.rule}, ${p.reason}, ${p.source}, ${p.day}, ${p.settingsVersion}, ${p.createdAt} ${notRejected}`,
        ),
    )
  }
  writes.push(
    ctx.db
      .update(makeupRequests)
      .set({ status: verdict, decidedBy: me.id, decidedAt: ctx.now })
      .where(and(eq(makeupRequests.id, request.id), eq(makeupRequests.status, 'pending'))),
  )
  const params = { name: member.name, title: activity.title, by: me.name, points }
  const account = await accountOf(ctx.db, request.platform, member.id)
  const locale = (account && (await findLocale(ctx.db, request.platform, account))) || ctx.defaultLocale
  const facts = {
    id: request.id,
    name: member.name,
    title: activity.title,
    reason: request.reason,
    closed: wallTime(activity.lateUntil, ctx.timeZone, true),
    at: wallTime(request.requestedAt, ctx.timeZone, true),
  }
  const confirmed = verdict === 'confirmed'
  return {
    writes,
    replies: [],
    toast: {
      kind: 'success',
      text: ctx.t(confirmed ? 'shifts.makeup.confirmedReply' : 'shifts.makeup.rejectedReply', params),
    },
    card: makeupCard(ctx.locale, facts, { verdict, by: me.name, at: wallTime(ctx.now, ctx.timeZone, true) }),
    pushes: account
      ? [
          {
            to: { kind: 'user', id: account },
            locale,
            platform: request.platform as Push['platform'],
            reply: text(
              translate(
                locale,
                confirmed ? 'shifts.makeup.confirmedNotice' : 'shifts.makeup.rejectedNotice',
                params,
              ),
            ),
          },
        ]
      : [],
  }
}

export const makeupActions = {
  'makeup.confirm': (ctx: Ctx, value: string) => decide(ctx, value, 'confirmed'),
  'makeup.reject': (ctx: Ctx, value: string) => decide(ctx, value, 'rejected'),
}
