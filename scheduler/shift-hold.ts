import { membersOfAccounts, rostersOf } from '../src/db/shifts'
import type { Db } from '../src/db/store'
import { shiftDay } from '../src/domain/dates'
import type { Settings } from '../src/domain/settings'
import { type Blocked, blockedTime, releaseAt, rosterKey } from '../src/domain/shift-plan'
import { localDay } from '../src/domain/time'
import type { JobOutput } from './job'

/** Exceptions are loaded this far ahead: a hold never reaches past a fortnight of back-to-back shifts. */
const LOOKAHEAD_DAYS = 14

export type Account = { platform: string; userId: string }
export const accountKey = (a: Account) => `${a.platform}:${a.userId}`

/**
 * When each account's member may next get a personal push (keyed `platform:userId`): after their shift and the
 * rest after a night shift, outside quiet hours. Accounts of members without a roster are left out: they keep
 * the caller's own time.
 */
export async function releaseTimes(
  db: Db,
  settings: Settings,
  timeZone: string,
  now: number,
  accounts: Account[],
): Promise<Map<string, number>> {
  const released = new Map<string, number>()
  if (accounts.length === 0) return released
  const memberOf = await membersOfAccounts(db, accounts)
  const today = localDay(now, timeZone)
  const rosters = await rostersOf(
    db,
    [...new Set(memberOf.values())],
    shiftDay(today, -2),
    shiftDay(today, LOOKAHEAD_DAYS),
  )
  // Members of one team share a plan: a tick pushing to a whole branch plans a few rosters (bench:shifts).
  const plans = new Map<string, Blocked>()
  for (const a of accounts) {
    const memberId = memberOf.get(accountKey(a))
    const roster = memberId === undefined ? undefined : rosters.get(memberId)
    if (!roster || (!roster.rotation && roster.exceptions.size === 0)) continue
    const key = rosterKey(roster)
    let plan = plans.get(key)
    if (!plan) {
      plan = blockedTime(roster, today, shiftDay(today, LOOKAHEAD_DAYS), settings, timeZone)
      plans.set(key, plan)
    }
    released.set(accountKey(a), releaseAt(plan, now))
  }
  return released
}

/**
 * Every personal push of a job passes through here: a member on shift or resting after a night shift gets it at
 * their next free minute (which also lies outside quiet hours). Group posts, pushes an urgent policy marks and
 * members without a roster are left as they are, so they keep the tick's own quiet-hours time.
 */
export async function holdForShifts(
  db: Db,
  settings: Settings,
  timeZone: string,
  now: number,
  messages: JobOutput['messages'],
): Promise<JobOutput['messages']> {
  const personal = messages.filter((m) => m.to.kind === 'user' && !m.urgent)
  if (personal.length === 0) return messages
  const released = await releaseTimes(
    db,
    settings,
    timeZone,
    now,
    personal.map((m) => ({ platform: m.platform, userId: m.to.id })),
  )
  return messages.map((m) => {
    if (m.to.kind !== 'user' || m.urgent) return m
    const at = released.get(accountKey({ platform: m.platform, userId: m.to.id }))
    return at !== undefined && at > now ? { ...m, notBefore: at } : m
  })
}
