import { kindById } from '../../scheduler/escalation/kinds'
import type { EscalationItem } from '../domain/escalation'
import { overdueDays } from '../domain/escalation'
import type { EscalationAction } from '../domain/escalation-settings'
import type { UnitNode } from '../domain/members'
import type { TodoScope } from '../domain/todo'
import type { Db } from './store'
import {
  ESCALATED_JOB,
  escalatedSlot,
  leaderSteps,
  ranAtOf,
  stepByRef,
  stepReached,
  type TodoQueries,
} from './todo'

/** An item of the 逐级催办 ladder that reached a leader's card and is still open. */
export type TodoEscalated = {
  /** The leader-card step's row: what the 再次催办 button carries. */
  ref: number
  kind: string
  key: string
  title: string
  unit: string
  dueDay: string
  days: number
  /** The highest step the item reached (0-based) and its action. */
  step: number
  action: EscalationAction
  /** When a leader pressed 再次催办 today, if one did. */
  nudgedAt?: number
}

type Where = { db: Db; now: number; today: string; timeZone: string }

/** An escalated item as the kind reads it now, if it is still open and `viewer` is one of its leaders. */
export async function escalatedItem(
  where: Where,
  kind: string,
  key: string,
  viewer: number,
): Promise<EscalationItem | undefined> {
  const item = await kindById(kind)?.item(where, key)
  return item && !item.done && item.leaders.includes(viewer) ? item : undefined
}

/** The leader-card step a button names and its item as the kind reads it now (done or not), for its leaders only. */
export async function escalatedByRef(where: Where, q: TodoQueries, ref: number, viewer: number) {
  const row = await stepByRef(q, ref)
  if (row?.action !== 'leaderCard') return undefined
  const item = await kindById(row.kind)?.item(where, row.itemKey)
  return item?.leaders.includes(viewer) ? { ...row, ref, item } : undefined
}

/**
 * The open items whose ladder reached `viewer` as their leader, within the scope, longest overdue first. Only a
 * leader's card shows them: the leader-card step went to the leaders of the item's unit (scheduler/escalation).
 */
export async function loadEscalated(
  where: Where,
  q: TodoQueries,
  scope: TodoScope,
  units: ReadonlyMap<number, UnitNode>,
  viewer: number | undefined,
): Promise<TodoEscalated[]> {
  if (scope.role !== 'leader' || viewer === undefined) return []
  const inScope = new Set(scope.units)
  const found: TodoEscalated[] = []
  const seen = new Set<string>()
  for (const s of await leaderSteps(q, scope.branches)) {
    // A policy may send the leader's card on more than one day: one line per item.
    if (seen.has(`${s.kind}|${s.itemKey}`)) continue
    seen.add(`${s.kind}|${s.itemKey}`)
    const item = await escalatedItem(where, s.kind, s.itemKey, viewer)
    if (!item || !inScope.has(item.unitId)) continue
    const reached = await stepReached(q, s.kind, s.itemKey)
    found.push({
      ref: s.ref,
      kind: s.kind,
      key: s.itemKey,
      title: item.title,
      unit: units.get(item.unitId)?.name ?? '',
      dueDay: item.dueDay,
      days: overdueDays(item.dueDay, where.today),
      step: reached?.step ?? 0,
      action: reached?.action ?? 'leaderCard',
    })
  }
  const nudged = await ranAtOf(
    q,
    ESCALATED_JOB,
    new Map(found.map((e) => [escalatedSlot(e.kind, e.key, where.today), e.ref])),
  )
  return found
    .map((e) => ({ ...e, nudgedAt: nudged.get(e.ref) }))
    .sort((a, b) => b.days - a.days || a.ref - b.ref)
}
