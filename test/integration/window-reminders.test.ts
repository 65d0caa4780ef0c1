import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { checkinRemindJob } from '../../scheduler/jobs/checkin-remind'
import { tick } from '../../scheduler/tick'
import { outbox } from '../../src/db/schema'
import type { Bot } from '../support/bot'
import { startShiftBot } from '../support/shift-fixture'

const at = (local: string) => Date.parse(`${local}+08:00`)
const G = 'g-ZC01'
let bot: Bot

// The fixture day 2026-11-25: test/support/shift-fixture.ts.
beforeEach(async () => {
  bot = await startShiftBot()
})
afterEach(() => bot.close())

const sayAt = (local: string, user: string, text: string) => {
  bot.setNow(at(local))
  return bot.read(user, text, G)
}
/** Only the reminder job, as the real tick would run it at `local`. */
const remindAt = (local: string) => tick({ ...tickDepsFor(bot.core), jobs: [checkinRemindJob] }, at(local))

/** Each reminder: to whom, when it may go out (after a hold) and its text. */
const reminders = async () =>
  (await bot.store.db.select().from(outbox))
    .filter((r) => r.source.startsWith('job:checkin-remind'))
    .map((r) => ({ to: r.targetId, at: r.nextAttemptAt, text: JSON.parse(r.reply).text as string }))
    .sort((a, b) => a.to.localeCompare(b.to))

describe('check-in reminders of an activity held after each shift', () => {
  it('reminds each missing member before the window of their own shift closes, once, held over rest', async () => {
    await sayAt('2026-11-25T08:00', 'u1001', '发起签到 班后会 30 班次 夜')
    // The 夜班 window closes 08:30: the reminder is due at 08:20.
    expect((await remindAt('2026-11-25T08:19')).map((r) => r.slot)).toEqual([])
    const first = await remindAt('2026-11-25T08:20')
    expect(first.map((r) => [r.slot, r.status])).toEqual([['activity:1:夜', 'queued']])
    await remindAt('2026-11-25T08:21')
    // u1004 (夜班) rests until 16:00; u1005 (off shift) may use any window and hears it once, before the first.
    expect(await reminders()).toEqual([
      { to: 'u1004', at: at('2026-11-25T16:00'), text: expect.stringContaining('08:30') },
      { to: 'u1005', at: at('2026-11-25T08:20'), text: expect.stringContaining('08:30') },
    ])

    await sayAt('2026-11-25T16:00', 'u1001', '发起签到 班后会 30 班次 早')
    await sayAt('2026-11-25T16:05', 'u1006', '签到')
    const second = await remindAt('2026-11-25T16:20')
    expect(second.map((r) => [r.slot, r.status])).toEqual([['activity:1:早', 'queued']])
    await remindAt('2026-11-25T16:21')
    // 早班 (ended 16:00, no rest after a day shift): u1007 and u1008; u1006 came; u1009 and u1010 are not bound.
    // The 中班 members (u1001–u1003) have no window yet and hear nothing; u1005 is not reminded twice.
    expect(await reminders()).toEqual([
      { to: 'u1004', at: at('2026-11-25T16:00'), text: expect.stringContaining('08:30') },
      { to: 'u1005', at: at('2026-11-25T08:20'), text: expect.stringContaining('08:30') },
      { to: 'u1007', at: at('2026-11-25T16:20'), text: expect.stringContaining('16:30') },
      { to: 'u1008', at: at('2026-11-25T16:20'), text: expect.stringContaining('16:30') },
    ])
    const tickAgain = await remindAt('2026-11-25T16:25')
    expect(tickAgain).toEqual([])
  })

  it('sends no window reminder after the secretary pressed the card button for everyone', async () => {
    await sayAt('2026-11-25T08:00', 'u1001', '发起签到 班后会 30 班次 夜')
    bot.setNow(at('2026-11-25T08:05'))
    expect(await bot.click('u1001', 'checkin.remind', '1', G)).toContain('已私信提醒')
    const ran = await remindAt('2026-11-25T08:20')
    expect(ran.map((r) => [r.slot, r.status, r.messages.length])).toEqual([['activity:1:夜', 'queued', 0]])
    expect(await reminders()).toEqual([])
  })

  it('keeps one reminder per activity for an activity without shift windows', async () => {
    await sayAt('2026-11-25T09:00', 'u1001', '发起签到 学习会')
    const ran = await remindAt('2026-11-25T09:20')
    expect(ran.map((r) => r.slot)).toEqual(['activity:1'])
    // Every bound member of the branch, whatever their shift: the tick holds the pushes, the job does not choose.
    expect((await reminders()).map((r) => r.to)).toEqual([
      'u1001',
      'u1002',
      'u1003',
      'u1004',
      'u1005',
      'u1006',
      'u1007',
      'u1008',
    ])
    expect(await remindAt('2026-11-25T09:21')).toEqual([])
  })
})
