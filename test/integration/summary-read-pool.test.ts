import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { summaryRollupJob } from '../../scheduler/jobs/summary-rollup'
import { tick } from '../../scheduler/tick'
import { startReadPool } from '../../src/db/read-pool'
import { rollupMark } from '../../src/db/rollup'
import { members, orgUnits } from '../../src/db/schema'
import { currentSettings } from '../../src/db/settings'
import { inThread, useSummaryReader } from '../../src/db/summary-reads'
import { loadSummary, type SummaryReport } from '../../src/db/summary-report'
import { loadUnits } from '../../src/db/units'
import { lineage } from '../../src/domain/members'
import { type SummaryKind, summaryPeriod } from '../../src/domain/summary'
import { type Bot, startBot } from '../support/bot'
import { approvedQuestion, insertAnswer, insertPoints, summaryFixture } from '../support/summary-fixture'

let dir: string
let file: string
let bot: Bot
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ronghe-read-pool-'))
  file = path.join(dir, 'bot.db')
  bot = await startBot({ file })
  await summaryFixture(bot)
})
afterEach(() => {
  bot.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const TODAY = '2026-11-25'
const build = (local: string) =>
  tick({ ...tickDepsFor(bot.core), jobs: [summaryRollupJob] }, Date.parse(`${local}+08:00`))
/** Every unit's card for every period, as loadSummary reports it on the bot's connection. */
async function reports(): Promise<SummaryReport[]> {
  const db = bot.store.db
  const settings = await currentSettings(db)
  const units = await loadUnits(db)
  const out: SummaryReport[] = []
  for (const root of units.values()) {
    const branches = [...units.values()].filter(
      (u) => u.kind === 'branch' && lineage(units, u.id).includes(root.id),
    )
    if (branches.length === 0) continue
    for (const kind of ['week', 'month', 'quarter', 'year'] as SummaryKind[])
      out.push(
        await loadSummary(
          { db, timeZone: 'Asia/Shanghai', settings, today: TODAY },
          root,
          branches,
          units,
          summaryPeriod(kind, TODAY),
        ),
      )
  }
  return out
}

describe('汇总 read pool', () => {
  it('gives the same reports from its worker thread as from the main thread, through the rollup and without', async () => {
    const inThread = await reports()
    expect(inThread.length).toBeGreaterThan(4)
    const pool = startReadPool(bot.store, file, () => {
      throw new Error('the pool should have started')
    })
    expect(await pool.ready).toBe(true)
    expect(await reports()).toEqual(inThread)

    await build('2026-11-25T10:00:00')
    expect((await rollupMark(bot.store.db)).through).toBe('2026-11-24')
    expect(await reports()).toEqual(inThread)
    // The card through the command, with the pool and after it closed.
    const card = await bot.read('u1032', '汇总 全部 本月')
    await pool.close()
    expect(await bot.read('u1032', '汇总 全部 本月')).toBe(card)
    expect(await reports()).toEqual(inThread)
  })

  it('reads the card again when a rollup build commits while its statements run', async () => {
    const db = bot.store.db
    // An answer and points on 11-24, the day the build in the middle of the card takes in.
    const [member] = await db.select().from(members).where(eq(members.employeeNo, '1002'))
    const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.code, 'ZC01'))
    const question = await approvedQuestion(db, 'T-race', '党章')
    await insertAnswer(db, member?.id as number, unit?.id as number, question, '2026-11-24', true)
    await insertPoints(db, member?.id as number, 4, '2026-11-24', 'race')
    await build('2026-11-24T10:00:00')
    expect((await rollupMark(db)).through).toBe('2026-11-23')
    let built = false
    useSummaryReader(db, async (reads) => {
      if (!built) {
        built = true
        await build('2026-11-25T00:05:00')
      }
      return inThread(db)(reads)
    })
    const raced = await reports()
    useSummaryReader(db, undefined)
    expect(built).toBe(true)
    expect((await rollupMark(db)).through).toBe('2026-11-24')
    expect(raced).toEqual(await reports())
  })

  it('reads in the main thread when its worker cannot start, and says so once', async () => {
    const inThread = await reports()
    const logged: string[] = []
    const pool = startReadPool(bot.store, path.join(dir, 'missing.db'), (m) => logged.push(m))
    expect(await reports()).toEqual(inThread)
    expect(await pool.ready).toBe(false)
    expect(await reports()).toEqual(inThread)
    expect(logged).toHaveLength(1)
    expect(logged[0]).toContain('the read pool is off')
    await pool.close()
    expect(logged).toHaveLength(1)
  })

  it('stays off for an in-memory database', async () => {
    const logged: string[] = []
    const memory = await startBot()
    const pool = startReadPool(memory.store, ':memory:', (m) => logged.push(m))
    expect(await pool.ready).toBe(false)
    expect(logged).toEqual([])
    await pool.close()
    memory.close()
  })
})
