import { orgUnits, shiftRotations } from '../../src/db/schema'
import { type Bot, startBot } from './bot'

const at = (local: string) => Date.parse(`${local}+08:00`)

/**
 * A bot on the fixture day 2026-11-25, typed by hand:
 * 综采一队第一党小组 (u1001–u1005): 早 早 中 中 夜 夜 休 休 from 11-23 → 中班 (11-24 was 早班);
 *   u1004 swapped to 夜班 (00–08, then resting until 16:00), u1005 resting.
 * 综采一队第二党小组 (u1006–u1010): the same cycle from 11-25 → 早班 (08–16). u1009 and u1010 are not bound.
 */
export async function startShiftBot(): Promise<Bot> {
  const bot = await startBot()
  const groups = await bot.store.db.select().from(orgUnits)
  const id = (code: string) => groups.find((g) => g.code === code)?.id as number
  const cycle = '早 早 中 中 夜 夜 rest rest'
  await bot.store.db.insert(shiftRotations).values([
    { unitId: id('ZC01-1'), cycle, anchorDay: '2026-11-23', setBy: 1, at: 0 },
    { unitId: id('ZC01-2'), cycle, anchorDay: '2026-11-25', setBy: 1, at: 0 },
  ])
  bot.setNow(at('2026-11-24T12:00'))
  await bot.read('u1001', '班次 @1004 11-25 夜')
  await bot.read('u1001', '班次 @1005 11-25 休')
  return bot
}
