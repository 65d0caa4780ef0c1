import type { ChildProcess } from 'node:child_process'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exited, freePort, groupEvent, serverHarness } from '../support/server-process'

/**
 * DESIGN §5 under SIGKILL: the real server runs as a child process, takes a stream of signed Feishu events
 * and is killed at random moments, then started again. Feishu re-delivers whatever it saw no answer for (and
 * sometimes what it did), so the test does too. At the end every acknowledged event has exactly one answer
 * at the fake API (which keeps one message per `uuid`, as Feishu does) and one processed inbox row.
 */
const EVENTS = 300
const KILLS = 20
const TEXTS = ['积分', '帮助 签到', '积分规则']

let harness: Awaited<ReturnType<typeof serverHarness>>
let child: ChildProcess | undefined
const events = Array.from({ length: EVENTS }, (_, i) => groupEvent(i, TEXTS[i % TEXTS.length] as string))

beforeAll(async () => {
  harness = await serverHarness()
})
afterAll(async () => {
  child?.kill('SIGKILL')
  await harness.close()
})

describe('crash safety (SIGKILL at random moments)', () => {
  it(`${EVENTS} events across ${KILLS} kills: each acknowledged event answered exactly once, nothing lost`, async () => {
    const acked = new Set<number>()
    let random = 20261126
    const next = (n: number) => {
      random = (random * 1103515245 + 12345) % 2 ** 31
      return random % n
    }
    const deliver = async (port: number, i: number) =>
      (await harness.deliver(port, events[i] as object)) === 200
    for (let kill = 0; kill < KILLS; kill++) {
      const port = await freePort()
      const { proc: running } = await harness.start(port)
      child = running
      // Kill somewhere in the middle of the burst, once the server is answering: during accept,
      // processing or sending.
      let killer: Promise<void> | undefined
      const killSoon = () => {
        killer ??= new Promise<void>((resolve) =>
          setTimeout(() => {
            running.kill('SIGKILL')
            resolve()
          }, next(150)),
        )
      }
      const pending = [...Array(EVENTS).keys()].filter((i) => !acked.has(i))
      // Feishu re-delivers some answered events too (a lost answer looks the same to it).
      const again = [...acked].filter(() => next(10) === 0)
      await Promise.all(
        [...pending.slice(0, 40), ...again].map(async (i, k) => {
          await new Promise((r) => setTimeout(r, k * 3))
          if (await deliver(port, i)) {
            acked.add(i)
            killSoon()
          }
        }),
      )
      killSoon()
      await killer
      await exited(running)
    }
    // The last start: whatever is still unanswered is re-delivered, and the bot catches up on its own.
    const port = await freePort()
    const { proc } = await harness.start(port)
    child = proc
    for (let round = 0; acked.size < EVENTS && round < 20; round++)
      await Promise.all(
        [...Array(EVENTS).keys()]
          .filter((i) => !acked.has(i))
          .map(async (i) => (await deliver(port, i)) && acked.add(i)),
      )
    expect(acked.size).toBe(EVENTS)
    for (let i = 0; i < 300 && harness.answersPerEvent().size < EVENTS; i++)
      await new Promise((r) => setTimeout(r, 100))
    proc.kill('SIGTERM')
    await exited(proc)

    const perEvent = harness.answersPerEvent()
    expect(perEvent.size).toBe(EVENTS)
    expect([...perEvent.values()].filter((n) => n !== 1)).toEqual([])
    const db = new Database(harness.file, { readonly: true })
    const inbox = db
      .prepare("select count(*) as n, count(processed_at) as done from inbox where platform = 'feishu'")
      .get() as { n: number; done: number }
    const unsent = db.prepare("select count(*) as n from outbox where status != 'sent'").get() as {
      n: number
    }
    db.close()
    expect(inbox).toEqual({ n: EVENTS, done: EVENTS })
    expect(unsent.n).toBe(0)
  }, 300_000)
})
