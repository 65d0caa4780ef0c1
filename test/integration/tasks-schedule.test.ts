import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { tick } from '../../scheduler/tick'
import { cardToText } from '../../src/cards/card'
import { outbox } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

const at = (iso: string) => Date.parse(iso)
const G = 'g-ZC01'
let dir: string
let file: string
let bot: Bot

beforeEach(async () => {
  // A file, not :memory:, so that a test can restart the bot over the same database.
  dir = mkdtempSync(join(tmpdir(), 'tasks-schedule-'))
  file = join(dir, 'bot.db')
  bot = await startBot({ file })
})
afterEach(() => {
  bot.close()
  rmSync(dir, { recursive: true, force: true })
})

/** One job's slots that a tick handled (the tick's other jobs are not this test's business). */
const jobTick = async (job: string, iso: string) =>
  (await tick(tickDepsFor(bot.core), at(iso)))
    .filter((r) => r.job === job)
    .map((r) => ({ job: r.job, slot: r.slot, status: r.status, to: r.messages.map((m) => m.to.id) }))

const restart = async () => {
  bot.close()
  bot = await startBot({ file })
}

/** What the task jobs queued for a user, as the user reads it. */
const jobPushes = async (userId: string) => {
  const rows = await bot.store.db.select().from(outbox)
  return rows
    .filter((r) => r.targetId === userId && r.source.startsWith('job:task-'))
    .map((r) => {
      const reply = JSON.parse(r.reply) as {
        kind: string
        text?: string
        card?: Parameters<typeof cardToText>[0]
      }
      return reply.text ?? (reply.card ? cardToText(reply.card) : '')
    })
}

describe('reminders before the due day', () => {
  beforeEach(async () => {
    // Wednesday 2026-11-25: due Tuesday 2026-12-01, across the month boundary.
    await bot.read('u1001', '新任务 风门检修 @李卫东 截止 2026-12-01', G)
    await bot.read('u1001', '新任务 巷道清理 @张永刚 截止 2026-12-01', G)
    await bot.read('u1003', '任务 2 完成')
  })

  it('tells the assignee 3 days and 1 day before, at 09:00, once each, even after a restart', async () => {
    expect(await jobTick('task-due', '2026-11-28T08:59:00+08:00')).toEqual([])
    expect(await jobTick('task-due', '2026-11-28T09:00:00+08:00')).toEqual([
      { job: 'task-due', slot: 'task:1:2026-12-01:d3', status: 'queued', to: ['u1002'] },
    ])
    expect(await jobTick('task-due', '2026-11-28T09:05:00+08:00')).toEqual([])
    expect(await jobTick('task-due', '2026-11-29T09:00:00+08:00')).toEqual([])
    await restart()
    expect(await jobTick('task-due', '2026-11-30T09:00:00+08:00')).toEqual([
      { job: 'task-due', slot: 'task:1:2026-12-01:d1', status: 'queued', to: ['u1002'] },
    ])
    await restart()
    expect(await jobTick('task-due', '2026-11-30T09:10:00+08:00')).toEqual([])
    expect(await jobTick('task-due', '2026-12-01T09:00:00+08:00')).toEqual([])
    expect(await jobPushes('u1002')).toEqual([
      '⏰ 任务 #1「风门检修」将于 2026-12-01（周二）到期，还有 3 天，当前进度 0%。\n汇报进度：任务 1 进度 <0-100>；完成：任务 1 完成',
      '⏰ 任务 #1「风门检修」将于 2026-12-01（周二）到期，还有 1 天，当前进度 0%。\n汇报进度：任务 1 进度 <0-100>；完成：任务 1 完成',
    ])
    // 张永刚 reported his done before the reminders: he hears nothing.
    expect(await jobPushes('u1003')).toEqual([])
  })

  it('queues a slot once when two ticks run at the same moment', async () => {
    const both = await Promise.all([
      jobTick('task-due', '2026-11-28T09:00:00+08:00'),
      jobTick('task-due', '2026-11-28T09:00:00+08:00'),
    ])
    expect(both.flat().filter((r) => r.status === 'queued')).toHaveLength(1)
    expect(await jobPushes('u1002')).toHaveLength(1)
  })
})

describe('the secretary’s daily digest', () => {
  beforeEach(async () => {
    await bot.read('u1001', '新任务 风门检修 @李卫东 截止 明天', G)
    await bot.read('u1001', '新任务 整理台账 @张永刚 截止 明天', G)
    await bot.read('u1001', '新任务 年度目标 @刘志强 截止 2026-12-01', G)
  })

  it('sends one card a day at 08:30 with every due-soon and overdue task of the branch', async () => {
    // Yesterday's slot is found too (a restart after midnight catches up) but is far beyond the grace.
    expect(await jobTick('task-digest', '2026-11-26T08:29:00+08:00')).toEqual([
      { job: 'task-digest', slot: '2026-11-25@ZC01', status: 'skipped-late', to: [] },
    ])
    expect(await jobTick('task-digest', '2026-11-26T08:30:00+08:00')).toEqual([
      { job: 'task-digest', slot: '2026-11-26@ZC01', status: 'queued', to: ['u1001'] },
    ])
    expect(await jobTick('task-digest', '2026-11-26T08:31:00+08:00')).toEqual([])
    await bot.read('u1003', '任务 2 完成')
    await restart()
    expect(await jobTick('task-digest', '2026-11-27T08:30:00+08:00')).toEqual([
      { job: 'task-digest', slot: '2026-11-27@ZC01', status: 'queued', to: ['u1001'] },
    ])
    expect(await jobPushes('u1001')).toEqual([
      [
        '【综采一队党支部 · 今日任务提醒（2026-11-26）】',
        '3 天内到期 2 项',
        '#1 风门检修（李卫东，截止 2026-11-26，今天到期）',
        '#2 整理台账（张永刚，截止 2026-11-26，今天到期）',
      ].join('\n'),
      [
        '【综采一队党支部 · 今日任务提醒（2026-11-27）】',
        '已逾期 1 项',
        '#1 风门检修（李卫东，截止 2026-11-26，已逾期 1 天）',
        '待确认 1 项',
        '#2 整理台账（张永刚，截止 2026-11-26，已报完成，待确认）',
      ].join('\n'),
    ])
  })
})

describe('the leaders’ weekly escalation', () => {
  beforeEach(async () => {
    // Friday 2026-11-20.
    bot.setNow(at('2026-11-20T10:00:00+08:00'))
    await bot.read('u1001', '新任务 风门检修 @李卫东 截止 今天', G)
    await bot.read('u1001', '新任务 整理台账 @张永刚 截止 2026-11-24', G)
    await bot.read('u1011', '新任务 电机检修 @孙红梅 截止 2026-11-23', 'u1011')
  })

  it('names on Mondays at 09:30 the items overdue by more than 7 days, across the month boundary', async () => {
    // Monday 2026-11-23: nothing is 8 days late yet, so there is no slot.
    expect(await jobTick('task-escalation', '2026-11-23T09:30:00+08:00')).toEqual([])
    expect(await jobTick('task-escalation', '2026-11-30T09:29:00+08:00')).toEqual([])
    const monday = await jobTick('task-escalation', '2026-11-30T09:30:00+08:00')
    expect(monday).toEqual([
      { job: 'task-escalation', slot: '2026-11-30@DW', status: 'queued', to: ['u1032', 'u1033'] },
    ])
    // Tuesday: yesterday's slot is done, today is no Monday.
    expect(
      (await jobTick('task-escalation', '2026-12-01T09:30:00+08:00')).filter(
        (r) => r.job === 'task-escalation',
      ),
    ).toEqual([])
    await restart()
    const next = await jobTick('task-escalation', '2026-12-07T09:30:00+08:00')
    expect(next).toEqual([
      { job: 'task-escalation', slot: '2026-12-07@DW', status: 'queued', to: ['u1032', 'u1033'] },
    ])
    await restart()
    expect(
      (await jobTick('task-escalation', '2026-12-07T10:00:00+08:00')).filter(
        (r) => r.job === 'task-escalation',
      ),
    ).toEqual([])
    expect(await jobPushes('u1032')).toEqual([
      [
        '【示范煤矿党委 · 逾期超过 7 天的任务（2026-11-30）】',
        '支部 | 任务 | 负责人 | 截止 | 逾期天数',
        '综采一队党支部 | #1 风门检修 | 李卫东 | 2026-11-20 | 10',
      ].join('\n'),
      [
        '【示范煤矿党委 · 逾期超过 7 天的任务（2026-12-07）】',
        '支部 | 任务 | 负责人 | 截止 | 逾期天数',
        '综采一队党支部 | #1 风门检修 | 李卫东 | 2026-11-20 | 17',
        '机电队党支部 | #3 电机检修 | 孙红梅 | 2026-11-23 | 14',
        '综采一队党支部 | #2 整理台账 | 张永刚 | 2026-11-24 | 13',
      ].join('\n'),
    ])
  })
})
