import type { Db } from '../../src/db/store'
import type { EscalationItem } from '../../src/domain/escalation'

export type KindCtx = { db: Db; now: number; today: string; timeZone: string }

/**
 * A kind of item the 逐级催办 ladder chases. Its `id` names its policy in `settings.escalation.policies`; a kind
 * without a policy there is never chased. A later feature (整改 overdue, letters unconfirmed) adds its kind to
 * `ESCALATION_KINDS` in kinds.ts and a policy default; the job, the step records and 加急 need nothing more.
 */
export type EscalationKind = {
  id: string
  /** Items due in [since, today) that may be on the ladder today; done ones may be left out. */
  items(ctx: KindCtx, since: string): Promise<EscalationItem[]>
  /** One item again by key, read just before a step fires or a 加急 is pressed; undefined when it is gone. */
  item(ctx: KindCtx, key: string): Promise<EscalationItem | undefined>
  /** Several items again by key in one read (a leader's 待办 lists a hundred); the ones gone are left out. */
  itemsByKey(ctx: KindCtx, keys: string[]): Promise<EscalationItem[]>
}
