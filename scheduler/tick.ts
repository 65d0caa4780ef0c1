import { and, eq } from 'drizzle-orm'
import { jobRuns } from '../src/db/schema'
import type { Store } from '../src/db/store'
import { sendableAt } from '../src/domain/quiet-hours'
import type { Settings } from '../src/domain/settings'
import type { Locale } from '../src/i18n'
import type { Platform } from '../src/messages'
import { enqueue } from '../src/outbox/enqueue'
import type { Job, JobOutput, Slot } from './job'
import { holdForShifts } from './shift-hold'

export type TickDeps = {
  store: Store
  jobs: Job[]
  timeZone: string
  defaultLocale: Locale
  settings: () => Promise<Settings>
  newId: () => string
  log: (msg: string) => void
}

export type SlotReport = {
  job: string
  slot: string
  status: 'queued' | 'already' | 'skipped-late' | 'dry-run'
  messages: JobOutput['messages']
}

async function alreadyRan(deps: TickDeps, job: string, slot: string) {
  const [row] = await deps.store.db
    .select({ job: jobRuns.job })
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.slot, slot)))
  return row !== undefined
}

/**
 * Runs every job's due slots once. The job-run row, the job's writes and its outbox rows commit together,
 * and the (job, slot) key refuses a second commit, so ticks that overlap or repeat after a restart send nothing twice.
 */
export async function tick(
  deps: TickDeps,
  now: number,
  opts: { dryRun?: boolean } = {},
): Promise<SlotReport[]> {
  const settings = await deps.settings()
  const graceMs = settings.scheduler.graceMinutes * 60_000
  const reports: SlotReport[] = []
  for (const job of deps.jobs) {
    for (const slot of await job.slots({ db: deps.store.db, now, timeZone: deps.timeZone, settings })) {
      if (await alreadyRan(deps, job.name, slot.key)) continue
      reports.push(await runSlot(deps, job, slot, now, settings, graceMs, opts.dryRun === true))
    }
  }
  return reports
}

async function runSlot(
  deps: TickDeps,
  job: Job,
  slot: Slot,
  now: number,
  settings: Settings,
  graceMs: number,
  dryRun: boolean,
): Promise<SlotReport> {
  const { db } = deps.store
  const base = { job: job.name, slot: slot.key }
  const record = (outcome: string) =>
    db.insert(jobRuns).values({ job: job.name, slot: slot.key, ranAt: now, outcome })
  if (now - slot.dueAt > graceMs) {
    if (!dryRun) {
      deps.log(
        `scheduler: ${job.name} ${slot.key} is ${Math.round((now - slot.dueAt) / 60_000)} min late; skipped`,
      )
      await commitOnce(deps, [record('skipped-late')])
    }
    return { ...base, status: 'skipped-late', messages: [] }
  }
  const ran = await job.run(
    { db, now, timeZone: deps.timeZone, settings, defaultLocale: deps.defaultLocale },
    slot,
  )
  const out = { ...ran, messages: await holdForShifts(db, settings, deps.timeZone, now, ran.messages) }
  if (dryRun) return { ...base, status: 'dry-run', messages: out.messages }
  const notBefore = sendableAt(now, settings.quietHours, deps.timeZone)
  const byPlatform = new Map<Platform, JobOutput['messages']>()
  for (const m of out.messages) byPlatform.set(m.platform, [...(byPlatform.get(m.platform) ?? []), m])
  const queued = [...byPlatform].flatMap(([platform, messages]) =>
    enqueue(db, platform, `job:${job.name}:${slot.key}:${platform}`, messages, now, deps.newId, notBefore),
  )
  const done = await commitOnce(deps, [record(`queued ${out.messages.length}`), ...out.writes, ...queued])
  return { ...base, status: done ? 'queued' : 'already', messages: done ? out.messages : [] }
}

/** Commits unless another tick recorded the slot first (then the unique key refuses it and nothing is written). */
async function commitOnce(deps: TickDeps, writes: Parameters<Store['commit']>[0]): Promise<boolean> {
  try {
    await deps.store.commit(writes)
    return true
  } catch (err) {
    if (deps.store.isUniqueViolation(err)) return false
    throw err
  }
}
