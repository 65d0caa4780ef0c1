import type { EscalationKind } from './kind'
import { meetingNotHeldKind } from './meeting-not-held'
import { taskOverdueKind } from './task-overdue'

/** Every kind the 逐级催办 ladder chases; a later feature appends its own (kind.ts says how). */
export const ESCALATION_KINDS: readonly EscalationKind[] = [taskOverdueKind, meetingNotHeldKind]

export const kindById = (id: string) => ESCALATION_KINDS.find((k) => k.id === id)
