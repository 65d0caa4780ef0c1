import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Card } from '../cards/card'
import { markdownParams } from '../cards/markdown'
import { accountOf, findLocale, memberById, unitById } from '../db/queries'
import { bindRequests, identities } from '../db/schema'
import { loadUnits } from '../db/units'
import { decideApproval } from '../domain/binding'
import { holdsOver } from '../domain/members'
import { UserError } from '../errors'
import { type Locale, type MessageKey, translate } from '../i18n'
import { text } from '../messages'
import { type Ctx, command, type Me, type Outcome } from './command'

const requestId = z.coerce.number({ message: 'arg.requestId' }).int('arg.requestId').positive('arg.requestId')

export type RequestFacts = { id: number; user: string; name: string; employeeNo: string; branch: string }

/** The approver's card: buttons while the request waits, the verdict once it is decided. */
export function requestCard(
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
