import { type Attendance, attendance } from '../domain/checkin'
import { subtree } from '../domain/members'
import { type ActivityRow, accountsOf, membersOf, namesOf, recordsOf } from './activities'
import type { Db } from './store'
import { loadUnits } from './units'

export type ActivityAttendance = { activity: ActivityRow; unitName: string; attendance: Attendance }

/** Everything the attendance card and the reminders need: who was expected (the unit's subtree) and who came. */
export async function loadAttendance(db: Db, activity: ActivityRow): Promise<ActivityAttendance> {
  const units = await loadUnits(db)
  const expected = await membersOf(db, subtree(units, activity.unitId))
  const records = await recordsOf(db, activity.id)
  const names = new Map(expected.map((p) => [p.id, p.name]))
  const strangers = records.map((r) => r.memberId).filter((id) => !names.has(id))
  for (const [id, name] of await namesOf(db, strangers)) names.set(id, name)
  return {
    activity,
    unitName: units.get(activity.unitId)?.name ?? '',
    attendance: attendance(expected, records, names),
  }
}

/**
 * One chat account per member to reach them privately: on `preferred` (where the activity was opened) when
 * they have one there, else their first account. Members with no account cannot be reached.
 */
export async function reachable(db: Db, memberIds: number[], preferred: string | null) {
  const accounts = await accountsOf(db, memberIds)
  const chosen = new Map<number, { platform: string; userId: string }>()
  for (const a of accounts) {
    const had = chosen.get(a.memberId)
    if (!had || (a.platform === preferred && had.platform !== preferred)) chosen.set(a.memberId, a)
  }
  return chosen
}
