import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { tick } from '../../scheduler/tick'
import { type Bot, startBot } from '../support/bot'

let bot: Bot
beforeEach(async () => {
  bot = await startBot()
  // Wednesday 2026-11-25 10:00. Three problems, all due Thursday 2026-11-26.
  await bot.read('u1002', '反映 井口照明不足')
  await bot.read('u1004', '反映 班前会流于形式')
  await bot.read('u1006', '反映 工具间杂乱')
  await bot.read('u1036', '立项 1 @1003 @1032 截止 2026-11-26')
  await bot.read('u1036', '立项 2 @1005 @1033 截止 2026-11-26')
  await bot.read('u1036', '立项 3 @1007 @1033 截止 2026-11-26')
  // Problem 2 is fixed and closed before its deadline; problem 3's evidence is in, waiting for 验证.
  await bot.read('u1005', '整改 2 已整改')
  await bot.read('u1036', '验证 2 通过')
  await bot.read('u1007', '整改 3 已整理')
})
afterEach(() => bot.close())

/** The ledger job's slots a tick at `iso` handled, with whom each message went to. */
const ledgerTick = async (iso: string) =>
  (await tick(tickDepsFor(bot.core), Date.parse(iso)))
    .filter((r) => r.job === 'ledger-overdue')
    .map((r) => ({ slot: r.slot, to: r.messages.map((m) => m.to.id).sort() }))

describe('双问责: overdue problems nudge both the 责任人 and the 分管领导', () => {
  it('nudges once per day-step (1, 3, 7 days late), never a closed or submitted problem', async () => {
    expect(await ledgerTick('2026-11-26T23:00:00+08:00')).toEqual([])
    expect(await ledgerTick('2026-11-27T08:59:00+08:00')).toEqual([])
    expect(await ledgerTick('2026-11-27T09:00:00+08:00')).toEqual([{ slot: '1@1', to: ['u1003', 'u1032'] }])
    // The same moment again, and the next day: nothing new.
    expect(await ledgerTick('2026-11-27T09:00:00+08:00')).toEqual([])
    expect(await ledgerTick('2026-11-28T09:00:00+08:00')).toEqual([])
    expect(await ledgerTick('2026-11-29T09:05:00+08:00')).toEqual([{ slot: '1@3', to: ['u1003', 'u1032'] }])
    const texts = bot.store.sqlite
      .prepare(
        "SELECT target_id, reply FROM outbox WHERE source LIKE 'job:ledger-overdue%' ORDER BY created_at, target_id",
      )
      .all() as { target_id: string; reply: string }[]
    expect(texts.map((r) => [r.target_id, (JSON.parse(r.reply) as { text: string }).text])).toEqual([
      [
        'u1003',
        '监督问题第 1 项已逾期 1 天（期限 2026-11-26）：井口照明不足\n责任人 张永刚，分管领导 孙建国。请尽快整改并发送「整改 1 <说明>」。',
      ],
      [
        'u1032',
        '监督问题第 1 项已逾期 1 天（期限 2026-11-26）：井口照明不足\n责任人 张永刚，分管领导 孙建国。请尽快整改并发送「整改 1 <说明>」。',
      ],
      [
        'u1003',
        '监督问题第 1 项已逾期 3 天（期限 2026-11-26）：井口照明不足\n责任人 张永刚，分管领导 孙建国。请尽快整改并发送「整改 1 <说明>」。',
      ],
      [
        'u1032',
        '监督问题第 1 项已逾期 3 天（期限 2026-11-26）：井口照明不足\n责任人 张永刚，分管领导 孙建国。请尽快整改并发送「整改 1 <说明>」。',
      ],
    ])
  })

  it('stops once the problem is closed', async () => {
    bot.setNow(Date.parse('2026-11-28T10:00:00+08:00'))
    await bot.read('u1003', '整改 1 已更换灯具')
    await bot.read('u1036', '验证 1 通过')
    expect(await ledgerTick('2026-11-29T09:00:00+08:00')).toEqual([])
    expect(await ledgerTick('2026-12-03T09:00:00+08:00')).toEqual([])
  })
})
