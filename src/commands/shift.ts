import { z } from 'zod'
import { dueLabel } from '../cards/tasks'
import { accountOf, findLocale } from '../db/queries'
import { shiftExceptions } from '../db/schema'
import { rostersOf } from '../db/shifts'
import { loadUnits } from '../db/units'
import { parseDueDate, shiftDay } from '../domain/dates'
import { holdsOver } from '../domain/members'
import { REST, resolveShift, type ShiftDef, shiftOn } from '../domain/shifts'
import { localDay } from '../domain/time'
import { UserError } from '../errors'
import { translator } from '../i18n'
import { card, text } from '../messages'
import { date, memberRef, words } from './args'
import { type Ctx, command, type Me, type Outcome, reply } from './command'
import { resolveMember } from './points'

const WEEK_DAYS = 7

/** `班次`: my shifts for the coming week; `班次 @成员 <日期> <班次|休>`: the secretary sets one day of a member's. */
export const shiftCmd = command({
  id: 'shift',
  names: ['班次'],
  aliases: ['shift'],
  who: ['member'],
  params: [{ name: 'member' }, { name: 'date' }, { name: 'shift' }],
  args: z
    .object({ member: memberRef.optional(), date: date.optional(), shift: words(10).optional() })
    .refine(
      (a) =>
        (a.member === undefined) === (a.shift === undefined) &&
        (a.member === undefined) === (a.date === undefined),
      'arg.required',
    ),
  async run(ctx, args) {
    if (args.member && args.date && args.shift) return setShift(ctx, args.member, args.date, args.shift)
    return myWeek(ctx)
  },
})

async function myWeek(ctx: Ctx): Promise<Outcome> {
  const me = ctx.me as Me
  const today = localDay(ctx.now, ctx.timeZone)
  const last = shiftDay(today, WEEK_DAYS - 1)
  const roster = (await rostersOf(ctx.db, [me.id], today, last)).get(me.id)
  const shifts = ctx.settings.shifts
  const days = Array.from({ length: WEEK_DAYS }, (_, i) => shiftDay(today, i))
  const worked = days.map((day) => ({
    day,
    shift: roster ? shiftOn(roster, day, shifts.definitions) : undefined,
  }))
  const title = ctx.t('shifts.weekTitle', { from: today })
  if (worked.every((w) => w.shift === undefined))
    return reply(
      card({ title, tone: 'info', sections: [{ kind: 'markdown', text: ctx.t('shifts.noRoster') }] }),
    )
  const label = (s: ShiftDef | typeof REST | undefined) =>
    s === REST ? [ctx.t('shifts.rest'), ''] : s ? [s.name, `${s.start}–${s.end}`] : [ctx.t('shifts.none'), '']
  return reply(
    card({
      title,
      tone: 'info',
      sections: [
        {
          kind: 'table',
          columns: ctx.t('shifts.weekColumns').split('|'),
          rows: worked.map((w) => [dueLabel(ctx.locale, w.day), ...label(w.shift)]),
        },
        {
          kind: 'markdown',
          text: `${ctx.t('shifts.restNote', { hours: shifts.restAfterNightHours })}\n${ctx.t('shifts.heldNote')}`,
        },
      ],
    }),
  )
}

async function setShift(ctx: Ctx, ref: string, phrase: string, typed: string): Promise<Outcome> {
  const me = ctx.me as Me
  if (!me.grants.some((g) => g.role === 'secretary')) throw new UserError('shifts.onlySecretary')
  const member = await resolveMember(ctx, ref)
  if (!holdsOver(me, 'secretary', member.branchId, await loadUnits(ctx.db)))
    throw new UserError('shifts.notInBranch', { name: member.name })
  const when = parseDueDate(phrase, ctx.now, ctx.timeZone)
  if (!when.ok) {
    if (when.reason === 'past' && when.day) throw new UserError('shifts.pastDate', { day: when.day })
    throw new UserError('shifts.badDate', { phrase })
  }
  const defs = ctx.settings.shifts.definitions
  const code = resolveShift(typed, defs)
  if (!code)
    throw new UserError('shifts.unknownShift', { shift: typed, list: defs.map((d) => d.name).join('、') })
  const name = code === REST ? undefined : defs.find((d) => d.code === code)?.name
  const day = dueLabel(ctx.locale, when.day)
  const write = ctx.db
    .insert(shiftExceptions)
    .values({ memberId: member.id, day: when.day, shift: code, setBy: me.id, at: ctx.now })
  const account = await accountOf(ctx.db, ctx.platform, member.id)
  const locale = (account && (await findLocale(ctx.db, ctx.platform, account))) || ctx.defaultLocale
  const t = translator(locale)
  const shown = name ?? t('shifts.rest')
  return {
    writes: [write],
    replies: [
      text(
        name
          ? ctx.t('shifts.set', { name: member.name, day, shift: name })
          : ctx.t('shifts.setRest', { name: member.name, day }),
      ),
    ],
    pushes:
      account && member.id !== me.id
        ? [
            {
              to: { kind: 'user', id: account },
              locale,
              reply: text(t('shifts.told', { by: me.name, day: dueLabel(locale, when.day), shift: shown })),
            },
          ]
        : [],
  }
}
