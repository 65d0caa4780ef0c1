import { count, eq, sql } from 'drizzle-orm'
import { pressPending } from '../scheduler/escalation/press'
import type { Files } from './attachments/port'
import type { CommandIndex } from './commands/parse'
import type { ActionHandler } from './commands/router'
import type { Config } from './config'
import { outbox } from './db/schema'
import { currentSettings } from './db/settings'
import type { Store } from './db/store'
import { type Accepted, groupCommitAccept } from './inbox/accept'
import { AnswersFirst } from './inbox/answers-first'
import { type ProcessDeps, type Processed, processInboxRow, unprocessedIds } from './inbox/process'
import { UserRate } from './inbox/user-rate'
import type { EventLine } from './logger'
import type { CardAction, ChatEvent, Incoming, Platform } from './messages'
import { Dispatcher } from './outbox/dispatcher'
import type { Outbound } from './outbox/outbound'

/** Outbox rows one drain sends when it waited for a pile-up of requests (the dispatcher's own concurrency). */
const SENDS_WHILE_PILED_UP = 16

/** Everything the app and the shells share: built once per process (Node) or per isolate (Workers). */
export type Core = {
  config: Config
  store: Store
  process: ProcessDeps
  dispatcher: Dispatcher
  clock: () => number
  /** Asks for an outbox drain soon, without blocking the caller (setImmediate on Node, waitUntil on Workers). */
  kick: () => void
  /** Runs work after the answer has gone out (a promise on Node, `ctx.waitUntil` on Workers). */
  defer: (task: () => Promise<unknown>) => void
  /** Processes accepted inbox rows in the background, in arrival order, one at a time. */
  pumpInbox: () => void
  /** Writes an event to the inbox (group-committed per event-loop turn where the driver allows). */
  accept: (event: Incoming | CardAction | ChatEvent) => Promise<Accepted>
  /** Set when the process is shutting down: `/readyz` says so and webhooks are refused for the platform to retry. */
  draining: boolean
  /** Gives background work its turns: on Node the backlog yields to answering under a burst. */
  answersFirst: AnswersFirst
}

export type CoreOptions = {
  config: Config
  store: Store
  index: CommandIndex
  actions: ReadonlyMap<string, ActionHandler>
  outbounds: Outbound[]
  clock?: () => number
  newId?: () => string
  log?: (msg: string, err?: unknown) => void
  logEvent?: (line: EventLine) => void
  sleep?: (ms: number) => Promise<void>
  schedule?: (task: () => Promise<unknown>) => void
  /** Rows per background pass: outbox rows one drain sends, inbox rows one pump processes. A Worker bounds
   * both so an invocation stays under its subrequest limit (DESIGN §6 "Workers fan-out"); the cron sweeps on. */
  batch?: { outbox?: number; inbox?: number }
  /** Set where several invocations drain one outbox at once (Workers): each row is claimed before it is sent. */
  sharedOutbox?: boolean
  /** false turns off the per-person command limit: for tests whose clock stands still while one person sends
   * dozens of commands, which a real person cannot. */
  rateLimitCommands?: boolean
  /** The platforms' downloads and the sheet reader, for commands that take a file (导入). */
  files?: Files
  /** Node's server: background work gives way to answering while requests pile up (inbox/answers-first.ts). */
  answersBeforeBacklog?: boolean
}

export function buildCore(o: CoreOptions): Core {
  const clock = o.clock ?? Date.now
  const log = o.log ?? ((msg: string, err?: unknown) => console.error(msg, err ?? ''))
  const process: ProcessDeps = {
    db: o.store.db,
    store: o.store,
    index: o.index,
    actions: o.actions,
    settings: () => currentSettings(o.store.db),
    timeZone: o.config.timeZone,
    defaultLocale: o.config.locale,
    feedbackSalt: o.config.feedbackSalt,
    newId: o.newId ?? (() => crypto.randomUUID()),
    ...(o.rateLimitCommands === false ? {} : { userRate: new UserRate() }),
    ...(o.logEvent ? { logEvent: o.logEvent } : {}),
    log,
    ...(o.files ? { files: o.files } : {}),
  }
  const dispatcher = new Dispatcher({
    db: o.store.db,
    outbounds: new Map(o.outbounds.map((ob) => [ob.platform, ob] as [Platform, Outbound])),
    now: clock,
    sleep: o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    rateScale: o.config.outboxRateScale,
    log,
    claimRows: o.sharedOutbox === true,
  })
  const schedule = o.schedule ?? ((task) => void task().catch((err) => log('background task failed', err)))
  const press = {
    db: o.store.db,
    outbounds: new Map(o.outbounds.map((ob) => [ob.platform, ob] as [Platform, Outbound])),
    now: clock,
    timeZone: o.config.timeZone,
    log,
  }
  // Without the option no pile-up ever counts: each row simply waits for the next loop turn.
  const answersFirst = new AnswersFirst(o.answersBeforeBacklog ? 8 : Number.POSITIVE_INFINITY)
  // Sending gives way too, timed on its own: under a burst a send costs more CPU than routing the event it
  // answers (bench:feishu profile under load: sends 14% of the loop, processing 8%). A pass that waited for a
  // pile-up sends a handful; the rest goes out with the next kick, in full once the burst is over.
  const sendsFirst = o.answersBeforeBacklog ? new AnswersFirst() : undefined
  const drain = async () => {
    if (!sendsFirst) return dispatcher.drain(o.batch?.outbox)
    const piledUp = await sendsFirst.turn()
    return sendsFirst.piece(() => dispatcher.drain(piledUp ? SENDS_WHILE_PILED_UP : o.batch?.outbox))
  }
  // 逐级催办's 加急 presses a nudge once it is sent, so it runs after each drain.
  const kick = coalesced(schedule, async () => {
    await drain()
    await pressPending(press)
  })
  const accept = groupCommitAccept(o.store)
  const core: Core = {
    config: o.config,
    store: o.store,
    process,
    dispatcher,
    clock,
    kick,
    defer: schedule,
    pumpInbox: () => {},
    accept: (event) => {
      answersFirst.arrived()
      sendsFirst?.arrived()
      return accept(event)
    },
    draining: false,
    answersFirst,
  }
  core.pumpInbox = coalesced(schedule, async () => {
    await processPending(core, o.batch?.inbox)
    kick()
  })
  return core
}

/** Runs `work` in the background; calls while it runs fold into one more run, so there is never more than one. */
function coalesced(
  schedule: (task: () => Promise<unknown>) => void,
  work: () => Promise<unknown>,
): () => void {
  let running = false
  let again = false
  return () => {
    if (running) {
      again = true
      return
    }
    running = true
    schedule(async () => {
      try {
        do {
          again = false
          await work()
        } while (again)
      } finally {
        running = false
      }
    })
  }
}

/** Accept into the inbox (the platform may be answered after this), then process and kick the outbox. */
export async function receive(
  core: Core,
  event: Incoming | CardAction | ChatEvent,
): Promise<{ duplicate: true } | ({ duplicate: false; inboxId: number } & Processed)> {
  const accepted = await core.accept(event)
  if (accepted.duplicate) return { duplicate: true }
  const processed = await processInboxRow(core.process, accepted.id, core.clock())
  core.kick()
  return { duplicate: false, inboxId: accepted.id, ...processed }
}

/**
 * Accept into the inbox and leave the rest for after the answer: a webhook acknowledges within
 * milliseconds and never waits on a handler or a send. A crash before processing is recovered at start.
 */
export async function receiveDeferred(
  core: Core,
  event: Incoming | ChatEvent,
): Promise<{ duplicate: boolean }> {
  const accepted = await core.accept(event)
  if (accepted.duplicate) return { duplicate: true }
  core.pumpInbox()
  return { duplicate: false }
}

/** After a restart: process what was accepted but not processed (up to `limit` rows), then send what is queued. */
export async function recover(core: Core, limit?: number): Promise<number> {
  const done = await processPending(core, limit)
  core.kick()
  return done
}

/**
 * On shutdown: processes what was accepted and sends what is due, pass after pass, until nothing is left
 * that can go now or `deadline` passes. Rows that must wait (a retry, a rate window, a rest hold) stay queued
 * for the next start. Returns how many outbox rows are still pending.
 */
export async function flush(
  core: Core,
  deadline: number,
  sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
) {
  for (;;) {
    await processPending(core)
    const report = await core.dispatcher.drain()
    const { due, pending } = await outboxBacklog(core)
    if (due === 0 || Date.now() >= deadline) return pending
    if (report.sent === 0) await sleep(100)
  }
}

async function outboxBacklog(core: Core): Promise<{ due: number; pending: number }> {
  const [row] = await core.store.db
    .select({
      pending: count(),
      due: sql<number>`coalesce(sum(${outbox.nextAttemptAt} <= ${core.clock()}), 0)`,
    })
    .from(outbox)
    .where(eq(outbox.status, 'pending'))
  return { due: Number(row?.due ?? 0), pending: row?.pending ?? 0 }
}

/** Unprocessed inbox rows, oldest first, up to `limit`; a row whose commit fails is left for the next pass. */
async function processPending(core: Core, limit = Number.POSITIVE_INFINITY): Promise<number> {
  let done = 0
  let tried = 0
  let last = 0
  const page = () => unprocessedIds(core.process, last, Math.min(100, limit - tried))
  for (let ids = await page(); ids.length; ids = tried < limit ? await page() : []) {
    for (const id of ids) {
      tried++
      // better-sqlite3 answers synchronously, so without this a backlog would hold off every webhook answer.
      // One row per turn: under a burst, answering Feishu within its deadline comes before working the backlog
      // (bench:feishu measured a 5 ms slice instead: the answers' p99 went from ~130 ms to 2 s).
      await core.answersFirst.turn()
      last = id
      try {
        await core.answersFirst.piece(() => processInboxRow(core.process, id, core.clock()))
        done++
      } catch (err) {
        core.process.log(`inbox ${id}: left for the next pass`, err)
      }
    }
  }
  return done
}
