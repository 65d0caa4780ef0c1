import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { tick } from '../../scheduler/tick'
import { orgUnits, outbox, shiftRotations } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

const at = (local: string) => Date.parse(`${local}+08:00`)
const G = 'g-ZC01'
let bot: Bot

/** 综采一队第一党小组 (u1001–u1005): 早 早 中 中 夜 夜 休 休 from 2026-11-23, so 2026-11-27 is a night shift (00–08). */
async function nightShiftMorning(file?: string) {
  bot = await startBot({ file })
  const [group] = await bot.store.db.select().from(orgUnits).where(eq(orgUnits.code, 'ZC01-1'))
  await bot.store.db.insert(shiftRotations).values({
    unitId: group?.id as number,
    cycle: '早 早 中 中 夜 夜 rest rest',
    anchorDay: '2026-11-23',
    setBy: 1,
    at: 0,
  })
  bot.setNow(at('2026-11-26T12:00'))
  await bot.read('u1001', '班次 @1004 11-27 休')
  bot.setNow(at('2026-11-27T09:00'))
  // Open 09:00–09:30: the scheduler reminds the missing at 09:20.
  await bot.read('u1001', '发起签到 学习会', G)
}
afterEach(() => bot.close())

const reminders = async (user: string) =>
  (await bot.store.db.select().from(outbox).where(eq(outbox.targetId, user)))
    .filter((r) => r.source.startsWith('job:checkin-remind'))
    .map((r) => r.nextAttemptAt)

describe('personal pushes on a shift roster', () => {
  it('holds a reminder until the rest after a night shift ends, once, across a restart', async () => {
    await nightShiftMorning()
    await tick(tickDepsFor(bot.core), at('2026-11-27T09:20'))
    await tick(tickDepsFor(bot.core), at('2026-11-27T09:21'))
    // Night shift 00:00–08:00, then 8 h of rest.
    expect(await reminders('u1003')).toEqual([at('2026-11-27T16:00')])
    expect(await reminders('u1005')).toEqual([at('2026-11-27T16:00')])
    // The secretary gave u1004 the day off: no night shift, no rest.
    expect(await reminders('u1004')).toEqual([at('2026-11-27T09:20')])
    // 综采一队第二党小组 has no roster.
    expect(await reminders('u1007')).toEqual([at('2026-11-27T09:20')])
  })

  it('shows held pushes with their release time in npm run remind -- --dry-run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shift-hold-'))
    const file = path.join(dir, 'bot.db')
    await nightShiftMorning(file)
    const { stdout } = await promisify(execFile)(
      path.resolve(__dirname, '../../node_modules/.bin/tsx'),
      ['src/cli/remind.ts', '--at', '2026-11-27T09:20:00+08:00', '--dry-run', '--db', file],
      { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, DATABASE_PATH: file } },
    )
    expect(stdout).toContain('→ console user u1003 (held until 2026-11-27T08:00:00.000Z): 【签到提醒】')
    expect(stdout).toContain('→ console user u1004: 【签到提醒】')
    expect(await reminders('u1003')).toEqual([])
    fs.rmSync(dir, { recursive: true, force: true })
  }, 30_000)
})
