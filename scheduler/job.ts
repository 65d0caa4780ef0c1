import type { Db, Write } from '../src/db/store'
import type { Settings } from '../src/domain/settings'
import type { Locale } from '../src/i18n'
import type { Platform } from '../src/messages'
import type { Envelope } from '../src/outbox/enqueue'

/** One firing of a job: `key` names it for the once-only record, `dueAt` is when it should go out. */
export type Slot = { key: string; dueAt: number }

export type JobCtx = { db: Db; now: number; timeZone: string; settings: Settings; defaultLocale: Locale }

/** `urgent`: a push whose policy lets it reach a member on shift or resting (scheduler/shift-hold.ts). */
export type JobOutput = { writes: Write[]; messages: (Envelope & { platform: Platform; urgent?: boolean })[] }

/** What a job may read to find its due slots: clock-driven jobs ignore `db`, data-driven ones (an activity's close) query it. */
export type SlotCtx = { db: Db; now: number; timeZone: string; settings: Settings }

/** A scheduler job: which slots are due by `now`, and what a slot sends (loads, then decides). */
export type Job = {
  name: string
  slots(ctx: SlotCtx): Slot[] | Promise<Slot[]>
  run(ctx: JobCtx, slot: Slot): Promise<JobOutput>
}
