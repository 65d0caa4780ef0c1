import { eq, sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { escalationJob } from '../../scheduler/jobs/escalation'
import { tick } from '../../scheduler/tick'
import { cardToText } from '../../src/cards/card'
import { escalationSteps, outbox } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

const at = (local: string) => Date.parse(`${local}+08:00`)
const G = 'g-ZC01'
let bot: Bot

beforeEach(async () => {
  bot = await startBot()
})
afterEach(() => bot.close())

type ShownCard = Parameters<typeof cardToText>[0]

/** The card's text from the production block's head to its end (the block comes last). */
const productionBlock = (text: string) => {
  const from = text.indexOf('生产（')
  return from < 0 ? undefined : text.slice(from)
}

/**
 * Figures of the fixture (hand-computed below; today is Wednesday 2026-11-25, yesterday 11-24):
 * 综采一队 (ZC01) 11-23: 原煤 3100 吨, 进尺 12 米, 三违 0; 11-24: 原煤 2950 吨, 进尺 13 米, 三违 1.
 * 机电队 (JD01) 11-23 and 11-24: 原煤 2400 吨. Plans are the defaults: 3000 吨, 12 米, 三违 0 a day.
 */
async function reportFigures() {
  for (const line of [
    '原煤 3100吨 11-23',
    '进尺 12米 11-23',
    '三违 0 11-23',
    '原煤 2950吨 昨天',
    '进尺 13米 昨天',
  ])
    await bot.read('u1001', `报产 ${line}`, G)
  await bot.read('u1001', '报产 三违 1 昨天', G)
  await bot.read('u1011', '报产 原煤 2400吨 11-23', 'g-JD01')
  await bot.read('u1011', '报产 原煤 2400吨 昨天', 'g-JD01')
}

describe('production against plan on the morning card', () => {
  it('is absent while nothing was reported yesterday', async () => {
    await bot.read('u1001', '报产 原煤 3100吨 11-23', G)
    expect(productionBlock(await bot.read('u1001', '待办'))).toBeUndefined()
    expect(productionBlock(await bot.read('u1032', '待办'))).toBeUndefined()
  })

  it("shows a secretary the branch's figures against plan with arrows against the day before", async () => {
    await reportFigures()
    // 2950 / 3000 = 98.3 % (down from 3100); 13 / 12 = 108.3 % (up from 12); 1 三违 over the limit of 0 (up from 0).
    expect(productionBlock(await bot.read('u1001', '待办'))).toBe(`生产（2026-11-24，对照日计划）
原煤产量 2950吨（计划 3000吨，完成 98.3%） ↓
进尺 13米（计划 12米，完成 108.3%） ↑
三违 1起（限 0起，超限） ↑`)
    // 机电队: 2400 / 3000 = 80 %, the same as the day before.
    expect(productionBlock(await bot.read('u1011', '待办'))).toBe(`生产（2026-11-24，对照日计划）
原煤产量 2400吨（计划 3000吨，完成 80%） →`)
  })

  it("shows a leader the subtree's total and the branches furthest behind first", async () => {
    await reportFigures()
    // Total of the two reporting branches: 原煤 5350 / 6000 = 89.2 % (5500 the day before); 进尺 and 三违 of
    // 综采一队 alone. 综采一队 comes first (a limit exceeded), then 机电队 (80 %).
    expect(
      productionBlock(await bot.read('u1032', '待办')),
    ).toBe(`生产（2026-11-24，对照日计划）：2/4 个支部报送
合计：原煤产量 5350吨（计划 6000吨，完成 89.2%） ↓；进尺 13米（计划 12米，完成 108.3%） ↑；三违 1起（限 0起，超限） ↑
完成最差的支部：
综采一队党支部：原煤产量 2950吨（计划 3000吨，完成 98.3%） ↓；进尺 13米（计划 12米，完成 108.3%） ↑；三违 1起（限 0起，超限） ↑
机电队党支部：原煤产量 2400吨（计划 3000吨，完成 80%） →`)
  })

  it('follows the language of the reader', async () => {
    await reportFigures()
    await bot.read('u1011', '/lang en')
    const text = await bot.read('u1011', '/todo')
    expect(text.slice(text.indexOf('Production ('))).toBe(`Production (2026-11-24, against the daily plan)
原煤产量 2400吨 (plan 3000吨, 80% done) →`)
  })

  it("cuts a leader's list at three branches, and 查看全部 shows them all", async () => {
    await reportFigures()
    // 通风安全队 (TF01) 2700 吨 = 90 %, 机关 (JG01) 3000 吨 = 100 %: four branches, 机关 the fourth.
    await bot.read('u1021', '报产 原煤 2700吨 昨天', 'g-TF01')
    await bot.read('u1031', '报产 原煤 3000吨 昨天', 'g-JG01')
    const short = productionBlock(await bot.read('u1032', '待办')) ?? ''
    expect(short.split('\n').slice(3)).toEqual([
      '综采一队党支部：原煤产量 2950吨（计划 3000吨，完成 98.3%） ↓；进尺 13米（计划 12米，完成 108.3%） ↑；三违 1起（限 0起，超限） ↑',
      '机电队党支部：原煤产量 2400吨（计划 3000吨，完成 80%） →',
      '通风安全队党支部：原煤产量 2700吨（计划 3000吨，完成 90%）',
      '……另有 1 项，点「查看全部」展开',
      '[查看全部]',
    ])
    const full = await bot.clickRaw('u1032', 'todo.all', '2026-11-25')
    expect(
      productionBlock(cardToText(full.card as ShownCard))
        ?.split('\n')
        .at(-1),
    ).toBe('机关党支部：原煤产量 3000吨（计划 3000吨，完成 100%）')
  })

  it('arrives with the morning card', async () => {
    await reportFigures()
    await bot.read('u1001', '报产 原煤 3300吨', G)
    await tick(tickDepsFor(bot.core), at('2026-11-26T07:30'))
    const rows = await bot.store.db.select().from(outbox).where(eq(outbox.targetId, 'u1001'))
    const cards = rows
      .filter((r) => r.source.startsWith('job:todo-morning'))
      .map((r) => cardToText((JSON.parse(r.reply) as { card: ShownCard }).card))
    // On 11-26 yesterday is 11-25: 3300 / 3000 = 110 %, up from 2950.
    expect(cards.map(productionBlock)).toEqual([
      `生产（2026-11-25，对照日计划）
原煤产量 3300吨（计划 3000吨，完成 110%） ↑`,
    ])
  })
})

/**
 * 皮带检修 (#1, 李卫东 u1002, due Sunday 11-22) climbs the ladder: on 11-25 at 09:00 the job fires day 0 (nudge),
 * day 1 (加急, skipped on the simulator) and day 2 (the card to the leaders of 综采一队: 孙建国 u1032 and u1033).
 */
async function escalate() {
  bot.setNow(at('2026-11-20T09:00'))
  await bot.read('u1001', '新任务 皮带检修 @李卫东 截止 2026-11-22', G)
  await tick({ ...tickDepsFor(bot.core), jobs: [escalationJob] }, at('2026-11-25T09:00'))
  bot.setNow(at('2026-11-25T10:05'))
  const [step] = await bot.store.db
    .select({ ref: sql<number>`"escalation_steps".rowid` })
    .from(escalationSteps)
    .where(eq(escalationSteps.action, 'leaderCard'))
  return String(step?.ref)
}

const leaderNudges = async (userId: string) =>
  (await bot.store.db.select().from(outbox).where(eq(outbox.targetId, userId)))
    .map((r) => (JSON.parse(r.reply) as { text?: string }).text ?? '')
    .filter((t) => t.startsWith('【领导催办】'))

const NUDGE =
  '【领导催办】孙建国 请您尽快办理任务「#1 皮带检修」：已逾期 3 天（应于 2026-11-22 前完成），办完后请及时回报。'

describe('items escalated to a leader', () => {
  it("appear on that leader's card with the step reached, and not on the secretary's", async () => {
    const ref = await escalate()
    const text = await bot.read('u1032', '待办')
    expect(text).toContain(`逐级催办到我：1 项仍未办结
综采一队党支部 · #1 皮带检修（任务，逾期 3 天，已到第 3 步：报领导督办）
[再次催办 #1 皮带检修]`)
    expect(await bot.read('u1033', '待办')).toContain('[再次催办 #1 皮带检修]')
    expect(await bot.read('u1001', '待办')).not.toContain('逐级催办到我')
    expect(ref).not.toBe('undefined')
  })

  it('再次催办 nudges the responsible once, marks the card, and a second tap does nothing more', async () => {
    const ref = await escalate()
    const first = await bot.clickRaw('u1032', 'todo.escalate', ref)
    expect(first.toast).toEqual({ kind: 'success', text: '已再次催办「#1 皮带检修」，提醒了 1 人。' })
    const card = cardToText(first.card as ShownCard)
    expect(card).toContain('#1 皮带检修（任务，逾期 3 天，已到第 3 步：报领导督办）（10:05 已再次催办）')
    expect(card).not.toContain('[再次催办')
    expect(await leaderNudges('u1002')).toEqual([NUDGE])
    bot.setNow(at('2026-11-25T10:06'))
    expect(await bot.clickRaw('u1032', 'todo.escalate', ref)).toMatchObject({
      toast: { kind: 'info', text: '「#1 皮带检修」今天 10:05 已催办过，明天可再次催办。' },
    })
    expect(await leaderNudges('u1002')).toHaveLength(1)
    // The next day a tap nudges again.
    bot.setNow(at('2026-11-26T09:30'))
    expect((await bot.clickRaw('u1032', 'todo.escalate', ref)).toast?.kind).toBe('success')
    expect(await leaderNudges('u1002')).toHaveLength(2)
  })

  it('two leaders tapping at once nudge once', async () => {
    const ref = await escalate()
    const answers = await Promise.all([
      bot.clickRaw('u1032', 'todo.escalate', ref),
      bot.clickRaw('u1033', 'todo.escalate', ref),
      bot.clickRaw('u1032', 'todo.escalate', ref),
    ])
    expect(answers.map((a) => a.toast?.kind).sort()).toEqual(['info', 'info', 'success'])
    expect(await leaderNudges('u1002')).toHaveLength(1)
  })

  it('is refused to a secretary, a member and a made-up reference', async () => {
    const ref = await escalate()
    const refused = '这项督办事项已不存在或不是逐级催办到您的，无法催办。'
    expect(await bot.click('u1001', 'todo.escalate', ref)).toBe(refused)
    expect(await bot.click('u1002', 'todo.escalate', ref)).toBe(refused)
    expect(await bot.click('u1032', 'todo.escalate', '9999')).toBe(refused)
    expect(await bot.click('u1032', 'todo.escalate', 'abc')).toBe(refused)
    expect(await leaderNudges('u1002')).toEqual([])
  })

  it('drops off once the item is done, and a stale tap only says so', async () => {
    const ref = await escalate()
    await bot.read('u1002', '任务 1 完成', G)
    expect(await bot.read('u1032', '待办')).not.toContain('逐级催办到我')
    expect(await bot.clickRaw('u1032', 'todo.escalate', ref)).toMatchObject({
      toast: { kind: 'info', text: '「#1 皮带检修」已经办结，无需催办。' },
    })
    expect(await leaderNudges('u1002')).toEqual([])
  })
})
