import { and, eq, inArray } from 'drizzle-orm'
import { findLocale } from '../src/db/queries'
import { chats, identities, roleAssignments } from '../src/db/schema'
import type { Db } from '../src/db/store'
import type { Locale } from '../src/i18n'
import type { Platform, Reply } from '../src/messages'
import type { JobCtx } from './job'

/** Who the calendar jobs write to: a unit's bound chats, the holders of a role, one member's accounts. */
export async function chatsOfUnit(db: Db, unitId: number) {
  const rows = await db
    .select({ platform: chats.platform, chatId: chats.chatId })
    .from(chats)
    .where(eq(chats.unitId, unitId))
  return rows as { platform: Platform; chatId: string }[]
}

export const groupMessage = (platform: Platform, chatId: string, locale: Locale, text: string) => ({
  platform,
  to: { kind: 'chat' as const, id: chatId },
  locale,
  reply: { kind: 'text' as const, text },
})

/** Every chat account of the members holding `role` on `unitId` (or, with `unitIds`, on any of them). */
export async function accountsWithRole(db: Db, role: 'secretary' | 'leader', unitIds: number[]) {
  if (unitIds.length === 0) return []
  const rows = await db
    .select({
      memberId: roleAssignments.memberId,
      unitId: roleAssignments.unitId,
      platform: identities.platform,
      userId: identities.platformUserId,
    })
    .from(roleAssignments)
    .innerJoin(identities, eq(identities.memberId, roleAssignments.memberId))
    .where(and(eq(roleAssignments.role, role), inArray(roleAssignments.unitId, unitIds)))
  return rows as { memberId: number; unitId: number; platform: Platform; userId: string }[]
}

/** Every chat account of one member, on every platform. */
export async function accountsOfMember(db: Db, memberId: number) {
  const rows = await db
    .select({ platform: identities.platform, userId: identities.platformUserId })
    .from(identities)
    .where(eq(identities.memberId, memberId))
  return rows as { platform: Platform; userId: string }[]
}

export const privateMessage = (platform: Platform, userId: string, locale: Locale, reply: Reply) => ({
  platform,
  to: { kind: 'user' as const, id: userId },
  locale,
  reply,
})

export async function localeOf(ctx: JobCtx, platform: string, userId: string): Promise<Locale> {
  return (await findLocale(ctx.db, platform, userId)) ?? ctx.defaultLocale
}
