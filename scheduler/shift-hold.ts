import { membersOfAccounts, rostersOf } from '../src/db/shifts'
import type { Db } from '../src/db/store'
import { shiftDay } from '../src/domain/dates'
import type { Settings } from '../src/domain/settings'
import { nextDisturbable } from '../src/domain/shifts'
import { localDay } from '../src/domain/time'
import type { JobOutput } from './job'

/** Exceptions are loaded this far ahead: a hold never reaches past a fortnight of back-to-back shifts. */
const LOOKAHEAD_DAYS = 14

/**
 * Every personal push of a job passes through here: a member on shift or resting after a night shift gets it at
 * their next free minute (which also lies outside quiet hours). Group posts and members without a roster are left
 * as they are, so they keep the tick's own quiet-hours time.
 */
export async function holdForShifts(
  db: Db,
  settings: Settings,
  timeZone: string,
  now: number,
  messages: JobOutput['messages'],
): Promise<JobOutput['messages']> {
  const personal = messages.filter((m) => m.to.kind === 'user')
  if (personal.length === 0) return messages
  const memberOf = await membersOfAccounts(
    db,
    personal.map((m) => ({ platform: m.platform, userId: m.to.id })),
  )
  const today = localDay(now, timeZone)
  const rosters = await rostersOf(
    db,
    [...new Set(memberOf.values())],
    shiftDay(today, -2),
    shiftDay(today, LOOKAHEAD_DAYS),
  )
  return messages.map((m) => {
    if (m.to.kind !== 'user') return m
    const memberId = memberOf.get(`${m.platform}:${m.to.id}`)
    const roster = memberId === undefined ? undefined : rosters.get(memberId)
    if (!roster || (!roster.rotation && roster.exceptions.size === 0)) return m
    const at = nextDisturbable(roster, now, settings, timeZone)
    return at > now ? { ...m, notBefore: at } : m
  })
}
