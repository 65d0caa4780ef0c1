import { and, eq, max } from 'drizzle-orm'
import { z } from 'zod'
import { approversOf, findLocale, memberByEmployeeNo, unitById } from '../db/queries'
import { bindRequests, identities, rosterIds } from '../db/schema'
import type { Db } from '../db/store'
import { decideBind } from '../domain/binding'
import { card, text } from '../messages'
import { requestCard } from './bind-approval'
import { type Ctx, command, type Outcome, type Push, reply } from './command'

const employeeNo = z.string({ message: 'arg.employeeNo' }).regex(/^[A-Za-z0-9]{2,20}$/, 'arg.employeeNo')

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
