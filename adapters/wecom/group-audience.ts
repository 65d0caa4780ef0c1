import { and, eq, or } from 'drizzle-orm'
import { chats, identities, members, orgUnits } from '../../src/db/schema'
import type { Db } from '../../src/db/store'

/** Who a WeCom group stands for when the app cannot post into it: its name and its unit's members bound on WeCom. */
export type GroupAudience = { name: string; userIds: string[] }

/**
 * The group's bound unit and the WeCom user ids of that unit's active members (a branch's members, or a party
 * group's), read when the message is sent so a member bound since the push was queued is included.
 * Undefined when the group is bound to no unit.
 */
export async function wecomGroupAudience(db: Db, chatId: string): Promise<GroupAudience | undefined> {
  const [chat] = await db
    .select({ unitId: chats.unitId, title: chats.title, unitName: orgUnits.name })
    .from(chats)
    .innerJoin(orgUnits, eq(orgUnits.id, chats.unitId))
    .where(and(eq(chats.platform, 'wecom'), eq(chats.chatId, chatId)))
  if (!chat) return undefined
  const rows = await db
    .select({ userId: identities.platformUserId })
    .from(members)
    .innerJoin(identities, and(eq(identities.memberId, members.id), eq(identities.platform, 'wecom')))
    .where(
      and(eq(members.active, true), or(eq(members.branchId, chat.unitId), eq(members.groupId, chat.unitId))),
    )
    .orderBy(identities.platformUserId)
  return { name: chat.title || `${chat.unitName}群`, userIds: rows.map((r) => r.userId) }
}
