import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm'
import type { MemberRoster, Rotation } from '../domain/shifts'
import { identities, members, shiftExceptions, shiftRotations } from './schema'
import type { Db } from './store'

/** A rotation's days as stored: shift codes (or `rest`) separated by spaces. */
export const parseCycle = (cycle: string): string[] => cycle.split(' ').filter(Boolean)

/**
 * The rosters of members for days `fromDay`..`toDay`: their team's rotation (kept on their party group) and
 * their own exceptions, the newest per day winning. Members without either get an empty roster.
 */
export async function rostersOf(
  db: Db,
  memberIds: readonly number[],
  fromDay: string,
  toDay: string,
): Promise<Map<number, MemberRoster>> {
  const out = new Map<number, MemberRoster>()
  // D1 binds at most 100 parameters per statement.
  for (let i = 0; i < memberIds.length; i += 90) {
    for (const [id, roster] of await rostersOfFew(db, memberIds.slice(i, i + 90), fromDay, toDay))
      out.set(id, roster)
  }
  return out
}

async function rostersOfFew(db: Db, ids: number[], fromDay: string, toDay: string) {
  const out = new Map<number, MemberRoster>()
  const rows = await db
    .select({ id: members.id, cycle: shiftRotations.cycle, anchorDay: shiftRotations.anchorDay })
    .from(members)
    .leftJoin(shiftRotations, eq(shiftRotations.unitId, members.groupId))
    .where(inArray(members.id, ids))
  const own = await db
    .select({ memberId: shiftExceptions.memberId, day: shiftExceptions.day, shift: shiftExceptions.shift })
    .from(shiftExceptions)
    .where(
      and(
        inArray(shiftExceptions.memberId, ids),
        gte(shiftExceptions.day, fromDay),
        lte(shiftExceptions.day, toDay),
      ),
    )
    .orderBy(asc(shiftExceptions.id))
  const exceptions = new Map<number, Map<string, string>>()
  for (const e of own) {
    const days = exceptions.get(e.memberId) ?? new Map<string, string>()
    days.set(e.day, e.shift)
    exceptions.set(e.memberId, days)
  }
  for (const r of rows) {
    const rotation: Rotation | undefined =
      r.cycle && r.anchorDay ? { cycle: parseCycle(r.cycle), anchorDay: r.anchorDay } : undefined
    out.set(r.id, { rotation, exceptions: exceptions.get(r.id) ?? new Map() })
  }
  return out
}

/** The members behind chat accounts, keyed `platform:userId`; accounts not bound are left out. */
export async function membersOfAccounts(
  db: Db,
  accounts: readonly { platform: string; userId: string }[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  const byPlatform = new Map<string, string[]>()
  for (const a of accounts) byPlatform.set(a.platform, [...(byPlatform.get(a.platform) ?? []), a.userId])
  for (const [platform, userIds] of byPlatform) {
    const unique = [...new Set(userIds)]
    for (let i = 0; i < unique.length; i += 90) {
      const rows = await db
        .select({ userId: identities.platformUserId, memberId: identities.memberId })
        .from(identities)
        .where(
          and(eq(identities.platform, platform), inArray(identities.platformUserId, unique.slice(i, i + 90))),
        )
      for (const r of rows) out.set(`${platform}:${r.userId}`, r.memberId)
    }
  }
  return out
}
