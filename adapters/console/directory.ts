import { and, desc, eq, inArray, like, not, or } from 'drizzle-orm'
import { chats, identities, members, orgUnits, outbox, roleAssignments } from '../../src/db/schema'
import type { Db } from '../../src/db/store'

/** Who and what the simulator knows: bound console accounts with their roles, and bound group chats. */
export async function directory(db: Db) {
  const users = await db
    .select({
      userId: identities.platformUserId,
      memberId: members.id,
      employeeNo: members.employeeNo,
      name: members.name,
      branchCode: orgUnits.code,
    })
    .from(identities)
    .innerJoin(members, eq(members.id, identities.memberId))
    .innerJoin(orgUnits, eq(orgUnits.id, members.branchId))
    .where(eq(identities.platform, 'console'))
    .orderBy(members.employeeNo)
  const grants = await db.select().from(roleAssignments)
  const rolesByMember = new Map<number, string[]>()
  for (const g of grants) rolesByMember.set(g.memberId, [...(rolesByMember.get(g.memberId) ?? []), g.role])
  const groupChats = await db
    .select({ chatId: chats.chatId, branchCode: orgUnits.code, name: orgUnits.name })
    .from(chats)
    .innerJoin(orgUnits, eq(orgUnits.id, chats.unitId))
    .where(eq(chats.platform, 'console'))
    .orderBy(orgUnits.code)
  return {
    users: users.map(({ memberId, ...u }) => ({
      ...u,
      roles: ['member', ...new Set(rolesByMember.get(memberId) ?? [])],
    })),
    chats: groupChats,
  }
}

/** Replies the bot queued for one source and chat: what `/dev/chat` returns. */
export async function repliesFor(db: Db, source: string, chatId: string) {
  return (
    db
      .select({ id: outbox.id, reply: outbox.reply })
      .from(outbox)
      // `:redact`: the replies to an anonymous report (src/inbox/process.ts REDACTED_SOURCE).
      .where(
        and(
          inArray(outbox.source, [source, `${source}:redact`]),
          eq(outbox.targetKind, 'chat'),
          eq(outbox.targetId, chatId),
        ),
      )
      .orderBy(outbox.seq)
  )
}

/** What the bot sent on its own to a chat or a person (pushes, reminders), newest first. */
export async function pushesTo(db: Db, target: { chatId?: string; userId?: string }, limit = 50) {
  const conditions = []
  if (target.chatId)
    conditions.push(
      and(
        eq(outbox.targetKind, 'chat'),
        eq(outbox.targetId, target.chatId),
        not(like(outbox.source, 'inbox:%')),
      ),
    )
  if (target.userId) conditions.push(and(eq(outbox.targetKind, 'user'), eq(outbox.targetId, target.userId)))
  if (!conditions.length) return []
  return db
    .select({
      id: outbox.id,
      targetKind: outbox.targetKind,
      targetId: outbox.targetId,
      reply: outbox.reply,
      status: outbox.status,
      createdAt: outbox.createdAt,
      nextAttemptAt: outbox.nextAttemptAt,
    })
    .from(outbox)
    .where(and(eq(outbox.platform, 'console'), or(...conditions)))
    .orderBy(desc(outbox.createdAt), desc(outbox.seq))
    .limit(limit)
}
