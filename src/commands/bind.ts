import { and, eq, max } from 'drizzle-orm'
import { z } from 'zod'
import type { Card } from '../cards/card'
import { markdownParams } from '../cards/markdown'
import {
  accountOf,
  approversOf,
  findLocale,
  memberByEmployeeNo,
  memberById,
  unitByCode,
  unitById,
} from '../db/queries'
import { bindRequests, chats, identities, rosterIds } from '../db/schema'
import type { Db } from '../db/store'
import { loadUnits } from '../db/units'
import { decideApproval, decideBind } from '../domain/binding'
import { holdsOver } from '../domain/members'
import { UserError } from '../errors'
import { type Locale, type MessageKey, translate } from '../i18n'
import { card, text } from '../messages'
import { type Ctx, command, type Me, type Outcome, type Push, reply } from './command'

const employeeNo = z.string({ message: 'arg.employeeNo' }).regex(/^[A-Za-z0-9]{2,20}$/, 'arg.employeeNo')
const unitCode = z.string({ message: 'arg.unitCode' }).regex(/^[A-Za-z0-9-]{1,20}$/, 'arg.unitCode')
const requestId = z.coerce.number({ message: 'arg.requestId' }).int('arg.requestId').positive('arg.requestId')

async function nextRequestId(db: Db): Promise<number> {
  // Batches cannot return an autoincrement id, so the id is chosen here; the primary key guards the race.
  const [row] = await db.select({ top: max(bindRequests.id) }).from(bindRequests)
  return (row?.top ?? 0) + 1
}

async function localeOf(ctx: Ctx, userId: string) {
  return (await findLocale(ctx.db, ctx.platform, userId)) ?? ctx.defaultLocale
}

export const bind = command({
  id: 'bind',
  names: ['绑定'],
  aliases: ['bind'],
  who: 'anyone',
  chat: 'p2p',
  params: [{ name: 'employeeNo' }],
  args: z.object({ employeeNo }),
  async run(ctx, { employeeNo: no }): Promise<Outcome> {
    const member = await memberByEmployeeNo(ctx.db, no)
    const [rosterRow, boundRow, pendingRow] = member
      ? await Promise.all([
          ctx.db
            .select()
            .from(rosterIds)
            .where(and(eq(rosterIds.memberId, member.id), eq(rosterIds.platform, ctx.platform))),
          ctx.db
            .select()
            .from(identities)
            .where(and(eq(identities.memberId, member.id), eq(identities.platform, ctx.platform))),
          ctx.db
            .select()
            .from(bindRequests)
            .where(
              and(
                eq(bindRequests.platform, ctx.platform),
                eq(bindRequests.platformUserId, ctx.userId),
                eq(bindRequests.status, 'pending'),
              ),
            ),
        ])
      : [[], [], []]
    const decision = decideBind({
      member,
      rosterAccount: rosterRow[0]?.platformUserId,
      boundAccount: boundRow[0]?.platformUserId,
      myMemberId: ctx.me?.id,
      pendingRequestId: pendingRow[0]?.id,
      userId: ctx.userId,
    })
    const params = { employeeNo: no, name: member?.name ?? '', branch: '' }
    switch (decision.kind) {
      case 'unknownNo':
        return reply(text(ctx.t('bind.unknownNo', params)))
      case 'already':
        return reply(
          text(ctx.t('bind.already', { employeeNo: ctx.me?.employeeNo ?? no, name: ctx.me?.name ?? '' })),
        )
      case 'taken':
        return reply(text(ctx.t('bind.taken', params)))
      case 'otherAccount':
        return reply(text(ctx.t('bind.otherAccount', params)))
      case 'stillPending':
        return reply(text(ctx.t('bind.stillPending', { id: decision.requestId })))
    }
    if (!member) throw new Error('unreachable: decision needs a member')
    const branch = (await unitById(ctx.db, member.branchId))?.name ?? ''
    if (decision.kind === 'bindNow') {
      return {
        writes: [
          ctx.db.insert(identities).values({
            platform: ctx.platform,
            platformUserId: ctx.userId,
            memberId: member.id,
            boundAt: ctx.now,
          }),
        ],
        replies: [text(ctx.t('bind.done', { ...params, branch }))],
      }
    }
    const id = await nextRequestId(ctx.db)
    const approvers = await approversOf(ctx.db, ctx.platform, member.branchId)
    const pushes: Push[] = await Promise.all(
      approvers.map(async (userId) => {
        const locale = await localeOf(ctx, userId)
        return {
          to: { kind: 'user' as const, id: userId },
          locale,
          reply: card(
            requestCard(locale, {
              id,
              user: ctx.userName ?? ctx.userId,
              name: member.name,
              employeeNo: no,
              branch,
            }),
          ),
        }
      }),
    )
    return {
      writes: [
        ctx.db.insert(bindRequests).values({
          id,
          platform: ctx.platform,
          platformUserId: ctx.userId,
          userName: ctx.userName ?? null,
          memberId: member.id,
          status: 'pending',
          createdAt: ctx.now,
        }),
      ],
      replies: [
        text(
          approvers.length
            ? ctx.t('bind.pending', { ...params, id })
            : ctx.t('bind.noApprover', { id, branch }),
        ),
      ],
      pushes,
    }
  },
})

type RequestFacts = { id: number; user: string; name: string; employeeNo: string; branch: string }

/** The approver's card: buttons while the request waits, the verdict once it is decided. */
function requestCard(
  locale: Locale,
  f: RequestFacts,
  decided?: { verdict: 'approved' | 'rejected'; by: string },
): Card {
  const tr = (k: MessageKey, p = {}) => translate(locale, k, p)
  return {
    title: tr('bind.requestTitle', { id: f.id }),
    tone: decided ? (decided.verdict === 'approved' ? 'success' : 'warning') : 'info',
    sections: [
      { kind: 'markdown', text: tr('bind.requestBody', markdownParams({ ...f })) },
      decided
        ? {
            kind: 'markdown',
            text: tr(
              decided.verdict === 'approved' ? 'bind.decidedApproved' : 'bind.decidedRejected',
              markdownParams({ by: decided.by }),
            ),
          }
        : {
            kind: 'buttons',
            buttons: [
              { label: tr('bind.approve'), action: 'bind.approve', value: String(f.id), style: 'primary' },
              { label: tr('bind.reject'), action: 'bind.reject', value: String(f.id), style: 'danger' },
            ],
          },
    ],
  }
}

async function decide(ctx: Ctx, id: number, verdict: 'approved' | 'rejected'): Promise<Outcome> {
  const me = ctx.me as Me
  const [request] = await ctx.db.select().from(bindRequests).where(eq(bindRequests.id, id))
  const member = request ? await memberById(ctx.db, request.memberId) : undefined
  const units = await loadUnits(ctx.db)
  const mayApprove =
    !!member &&
    (holdsOver(me, 'secretary', member.branchId, units) || me.grants.some((g) => g.role === 'admin'))
  const bound =
    request && verdict === 'approved'
      ? await accountOf(ctx.db, request.platform, request.memberId)
      : undefined
  const decision = decideApproval({
    request: request && member ? { id, status: request.status, memberBranchId: member.branchId } : undefined,
    mayApprove,
    memberAlreadyBound: bound !== undefined,
  })
  if (decision.kind === 'noRequest') throw new UserError('bind.noRequest', { id })
  if (decision.kind === 'notYourBranch') throw new UserError('bind.notYourBranch', { id })
  if (!request || !member) throw new Error('unreachable: an ok decision has a request')
  if (decision.kind === 'taken') throw new UserError('bind.taken', { employeeNo: member.employeeNo })
  const locale = (await findLocale(ctx.db, request.platform, request.platformUserId)) ?? ctx.defaultLocale
  const params = { id, name: member.name, employeeNo: member.employeeNo }
  const settle = ctx.db
    .update(bindRequests)
    .set({ status: verdict, decidedAt: ctx.now, decidedBy: me.id })
    .where(and(eq(bindRequests.id, id), eq(bindRequests.status, 'pending')))
  const writes =
    verdict === 'approved'
      ? [
          settle,
          ctx.db.insert(identities).values({
            platform: request.platform,
            platformUserId: request.platformUserId,
            memberId: member.id,
            boundAt: ctx.now,
          }),
        ]
      : [settle]
  const branch = (await unitById(ctx.db, member.branchId))?.name ?? ''
  const facts = {
    id,
    user: request.userName ?? request.platformUserId,
    name: member.name,
    employeeNo: member.employeeNo,
    branch,
  }
  return {
    writes,
    replies: [text(ctx.t(verdict === 'approved' ? 'bind.approved' : 'bind.rejected', params))],
    card: requestCard(ctx.locale, facts, { verdict, by: me.name }),
    pushes: [
      {
        to: { kind: 'user', id: request.platformUserId },
        locale,
        reply: text(
          translate(locale, verdict === 'approved' ? 'bind.approvedNotice' : 'bind.rejectedNotice', params),
        ),
      },
    ],
  }
}

export const approveBind = command({
  id: 'approvebind',
  names: ['确认绑定'],
  aliases: ['approvebind'],
  who: ['secretary', 'admin'],
  params: [{ name: 'id' }],
  args: z.object({ id: requestId }),
  run: (ctx, { id }) => decide(ctx, id, 'approved'),
})

export const rejectBind = command({
  id: 'rejectbind',
  names: ['拒绝绑定'],
  aliases: ['rejectbind'],
  who: ['secretary', 'admin'],
  params: [{ name: 'id' }],
  args: z.object({ id: requestId }),
  run: (ctx, { id }) => decide(ctx, id, 'rejected'),
})

/** Card buttons on the approver's request card go the same way as the typed commands. */
export const bindActions = {
  'bind.approve': (ctx: Ctx, value: string) => guardedDecision(ctx, value, 'approved'),
  'bind.reject': (ctx: Ctx, value: string) => guardedDecision(ctx, value, 'rejected'),
}

/** A click answers the clicker with a toast and turns the card into its verdict, instead of a chat message. */
async function guardedDecision(ctx: Ctx, value: string, verdict: 'approved' | 'rejected'): Promise<Outcome> {
  const id = requestId.safeParse(value)
  if (!ctx.me || !id.success) throw new UserError('bind.noRequest', { id: value })
  const out = await decide(ctx, id.data, verdict)
  const said = out.replies[0]
  return { ...out, replies: [], toast: { kind: 'success', text: said?.kind === 'text' ? said.text : '' } }
}

export const bindChat = command({
  id: 'bindchat',
  names: ['绑定群'],
  aliases: ['bindchat'],
  who: ['secretary', 'admin'],
  chat: 'group',
  params: [{ name: 'code' }],
  args: z.object({ code: unitCode }),
  async run(ctx, { code }): Promise<Outcome> {
    const me = ctx.me as Me
    const unit = await unitByCode(ctx.db, code.toUpperCase())
    if (!unit || unit.kind === 'group') throw new UserError('bind.chatUnknownUnit', { code })
    const units = await loadUnits(ctx.db)
    const isAdmin = me.grants.some((g) => g.role === 'admin')
    if (!isAdmin && !holdsOver(me, 'secretary', unit.id, units)) {
      const own = units.get(me.branchId)?.code ?? ''
      throw new UserError('bind.chatNotYours', { code: own })
    }
    const params = { unit: unit.name, code: unit.code }
    if (ctx.chat?.unitId === unit.id) return reply(text(ctx.t('bind.chatAlready', params)))
    const row = {
      platform: ctx.platform,
      chatId: ctx.chatId,
      unitId: unit.id,
      boundBy: me.id,
      boundAt: ctx.now,
    }
    return {
      writes: [
        ctx.db
          .insert(chats)
          .values(row)
          .onConflictDoUpdate({
            target: [chats.platform, chats.chatId],
            set: { unitId: unit.id, boundBy: me.id, boundAt: ctx.now },
          }),
      ],
      replies: [
        text(
          ctx.chat
            ? ctx.t('bind.chatMoved', { ...params, from: ctx.chat.unitName })
            : ctx.t('bind.chatDone', params),
        ),
      ],
    }
  },
})
