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
  stepsReached,
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
 * Each kind reads its items in one batch, and their steps come in one statement: a leader may have a hundred.
 */
export async function loadEscalated(
  where: Where,
  q: TodoQueries,
  scope: TodoScope,
  units: ReadonlyMap<number, UnitNode>,
  viewer: number | undefined,
): Promise<TodoEscalated[]> {
  if (scope.role !== 'leader' || viewer === undefined) return []
  // A policy may send the leader's card on more than one day: one line per item, from its first such step.
  const steps = new Map<string, { ref: number; kind: string; key: string }>()
  for (const s of await leaderSteps(q, scope.branches))
    if (!steps.has(`${s.kind}|${s.itemKey}`)) steps.set(`${s.kind}|${s.itemKey}`, { ...s, key: s.itemKey })
  const keysByKind = new Map<string, string[]>()
  for (const s of steps.values()) {
    const keys = keysByKind.get(s.kind)
    if (keys) keys.push(s.key)
    else keysByKind.set(s.kind, [s.key])
  }
  const inScope = new Set(scope.units)
  const open: { ref: number; kind: string; item: EscalationItem }[] = []
  for (const [kind, keys] of keysByKind)
    for (const item of (await kindById(kind)?.itemsByKey(where, keys)) ?? []) {
      const step = steps.get(`${kind}|${item.key}`)
      if (step && !item.done && item.leaders.includes(viewer) && inScope.has(item.unitId))
        open.push({ ref: step.ref, kind, item })
    }
  const reached = await stepsReached(
    q,
    open.map((o) => ({ kind: o.kind, key: o.item.key })),
  )
  const found = open.map(({ ref, kind, item }): TodoEscalated => {
    const r = reached.get(`${kind}|${item.key}`)
    return {
      ref,
      kind,
      key: item.key,
      title: item.title,
      unit: units.get(item.unitId)?.name ?? '',
      dueDay: item.dueDay,
      days: overdueDays(item.dueDay, where.today),
      step: r?.step ?? 0,
      action: r?.action ?? 'leaderCard',
    }
  })
  const nudged = await ranAtOf(
    q,
    ESCALATED_JOB,
    new Map(found.map((e) => [escalatedSlot(e.kind, e.key, where.today), e.ref])),
  )
  return found
    .map((e) => ({ ...e, nudgedAt: nudged.get(e.ref) }))
    .sort((a, b) => b.days - a.days || a.ref - b.ref)
}
