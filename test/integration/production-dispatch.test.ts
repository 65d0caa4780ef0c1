import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { tick } from '../../scheduler/tick'
import { cardToText } from '../../src/cards/card'
import { outbox } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

const TOKEN = 'dispatch-secret-0123456789'
let bot: Bot
beforeEach(async () => {
  bot = await startBot({ env: { PRODUCTION_API_TOKEN: TOKEN } })
})
afterEach(() => bot.close())

const row = (team: string, metric: string, date: string, value: number) => ({
  team,
  metric,
  date,
  value,
  sourceId: `${team}/${metric}/${date}`,
})

async function fixture() {
  const res = await bot.app.request('/api/production', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({
      rows: [
        row('ZC01', 'coal', '2026-10-31', 5000),
        row('ZC01', 'coal', '2026-11-24', 2800),
        row('ZC01-1', 'coal', '2026-11-25', 1200),
        row('ZC01', 'safeDays', '2026-11-20', 200),
        row('JD01', 'coal', '2026-11-02', 1500),
        row('JD01', 'accidents', '2026-11-18', 1),
      ],
    }),
  })
  expect(res.status).toBe(200)
  await bot.read('u1001', '报产 原煤 2000吨', 'g-ZC01')
  await bot.read('u1001', '报产 进尺 12.5米', 'g-ZC01')
  await bot.read('u1001', '报产 三违 1', 'g-ZC01')
  await bot.read('u1001', '发起签到 班前会', 'g-ZC01')
  await bot.read('u1002', '签到', 'g-ZC01')
  await bot.read('u1003', '签到', 'g-ZC01')
}

const DAY_CARD = `【调度 · 综采一队党支部 · 2026-11-25】
生产（箭头对比上一同期，自 2026-11-24 起）
指标 | 实际 | 计划 | 完成 | 较上期
原煤产量 | 3200吨 | 3000吨 | 106.7% | ↑
进尺 | 12.5米 | 12米 | 104.2% | 
三违 | 1起 | ≤0起 | ⚠️ 超出 | 
隐患整改率 | 未报 | 100% | — | 
事故 | 未报 | ≤0起 | — | 
安全生产天数: 205 天
党建
组织生活（场）: 1
出勤率: 20%
答题参与: 0/10（0%）
任务逾期: 0
任务将到期: 0
整改未完成: 0（其中逾期 0）
先锋岗: 在岗 0，已完成 0`

describe('调度', () => {
  it('shows a branch its day against plan (groups roll into it) beside its Party-building figures', async () => {
    await fixture()
    // 原煤 1200 (ZC01-1 by API) + 2000 (ZC01 in chat) against 3000; 11-24 had 2800; safe days 200 on 11-20 + 5;
    // two of ZC01's ten members came to its one activity.
    expect(await bot.read('u1001', '调度', 'g-ZC01')).toBe(DAY_CARD)
    expect(await bot.read('u1001', '/dispatch')).toBe(DAY_CARD)
  })

  it('shows the month to date against the prorated monthly plan, without the month before', async () => {
    await fixture()
    // 原煤 2800 + 3200 (10-31 is last month) against 90000 × 25/30; 进尺 12.5 against 12 × 25.
    expect(
      await bot.read('u1035', '调度 本月', 'g-ZC01'),
    ).toBe(`【调度 · 综采一队党支部 · 2026-11-01 ~ 2026-11-25】
生产（箭头对比上一同期，自 2026-10-01 起）
指标 | 实际 | 计划 | 完成 | 较上期
原煤产量 | 6000吨 | 75000吨 | 8% | 
进尺 | 12.5米 | 300米 | 4.2% | 
三违 | 1起 | ≤0起 | ⚠️ 超出 | 
隐患整改率 | 未报 | 100% | — | 
事故 | 未报 | ≤0起 | — | 
安全生产天数: 205 天
党建
组织生活（场）: 1
出勤率: 20%
答题参与: 0/10（0%）
任务逾期: 0
任务将到期: 0
整改未完成: 0（其中逾期 0）
先锋岗: 在岗 0，已完成 0`)
    expect(await bot.read('u1001', '调度 昨天', 'g-ZC01')).toMatch(
      /原煤产量 \| 2800吨 \| 3000吨 \| 93\.3% \| \n[\s\S]*安全生产天数: 204 天/,
    )
  })

  it('gives leaders one row per branch; an accident restarts the safe days', async () => {
    await fixture()
    const header =
      '支部 | 原煤产量 | 进尺 | 三违 | 隐患整改率 | 事故 | 安全生产天数 | 出勤率 | 答题参与 | 逾期/将到期 | 整改/逾期 | 先锋岗 在岗/完成'
    // JD01: 1500 against 75000; an accident on 11-18 gives 7 safe days on 11-25.
    expect(await bot.read('u1032', '调度 本月')).toBe(`【调度 · 示范煤矿党委 · 2026-11-01 ~ 2026-11-25】
各支部生产完成与党建情况（生产列为计划完成率或实际数）
${header}
机电队党支部 | 2% | — | — | — | 1起 ⚠️ | 7 | — | 0% | 0/0 | 0/0 | 0/0
机关党支部 | — | — | — | — | — | — | — | 0% | 0/0 | 0/0 | 0/0
通风安全队党支部 | — | — | — | — | — | — | — | 0% | 0/0 | 0/0 | 0/0
综采一队党支部 | 8% | 4.2% | 1起 ⚠️ | — | — | 205 | 20% | 0% | 0/0 | 0/0 | 0/0`)
    // Monday 11-23 to Wednesday: 6000 against 3 × 3000, 12.5 against 3 × 12.
    expect(await bot.read('u1032', '/dispatch WEEK', 'g-DW')).toMatch(
      /综采一队党支部 \| 66\.7% \| 34\.7% \| 1起 ⚠️ \| — \| — \| 205 \| 20% \| 0% \| 0\/0 \| 0\/0 \| 0\/0$/,
    )
  })

  it('counts open and overdue 整改 and open and done 先锋岗 per branch', async () => {
    const G = 'g-ZC01'
    // Wednesday 11-25: #1 整改 due Thursday stays open; #2 due Thursday is reported done (awaiting confirmation);
    // #3 due 11-30 is open; #4 is cancelled; #5 先锋岗 open; #6 先锋岗 confirmed done; #7 整改 in JD01.
    await bot.read('u1001', '新任务 皮带巷整改 @1002 截止 明天 整改', G)
    await bot.read('u1001', '新任务 风门整改 @1003 截止 明天 整改', G)
    await bot.read('u1001', '新任务 水仓整改 @1004 截止 11-30 整改', G)
    await bot.read('u1001', '新任务 旧账整改 @1004 截止 11-30 整改', G)
    await bot.read('u1001', '新任务 岗区巡查 @1005 截止 12-10 先锋岗', G)
    await bot.read('u1001', '新任务 质量标兵 @1006 截止 12-10 先锋岗', G)
    await bot.read('u1011', '新任务 绞车整改 @1012 截止 11-26 整改', 'g-JD01')
    expect(await bot.read('u1003', '任务 2 完成')).toMatch(/已报告任务 #2/)
    expect(await bot.read('u1001', '任务 4 取消 已并入矿级整改', G)).toMatch(/已取消任务 #4/)
    expect(await bot.read('u1006', '任务 6 完成')).toMatch(/已报告任务 #6/)
    expect(await bot.read('u1001', '任务 6 确认', G)).toMatch(/#6/)
    // Friday 11-27: #1 and #7 are past their day; #2 is past it too but already reported done.
    bot.setNow(Date.parse('2026-11-27T10:00:00+08:00'))
    expect((await bot.read('u1001', '调度', G)).split('\n').slice(-2)).toEqual([
      '整改未完成: 3（其中逾期 1）',
      '先锋岗: 在岗 1，已完成 1',
    ])
    const org = (await bot.read('u1032', '调度')).split('\n')
    expect(org.find((l) => l.startsWith('综采一队党支部'))).toMatch(/ \| 3\/1 \| 1\/1$/)
    expect(org.find((l) => l.startsWith('机电队党支部'))).toMatch(/ \| 1\/1 \| 0\/0$/)
    expect(org.find((l) => l.startsWith('通风安全队党支部'))).toMatch(/ \| 0\/0 \| 0\/0$/)
  })

  it('refuses members, other branches, days to come and periods it does not know', async () => {
    expect(await bot.read('u1011', '调度', 'g-ZC01')).toBe(
      '您不能查看「综采一队党支部」的调度情况：只有该支部的书记、调度员或上级领导可以查看。',
    )
    expect(await bot.read('u1002', '调度', 'g-ZC01')).toBe(
      '抱歉，「调度」只有支部书记或调度员或党委领导可以使用。',
    )
    expect(await bot.read('u1001', '调度 明天', 'g-ZC01')).toBe('2026-11-26 还没到，还没有数据可看。')
    expect(await bot.read('u1001', '调度 本年', 'g-ZC01')).toBe(
      '参数有误：时间应为 本周、本月 或一个日期，例如 昨天、11-24\n用法：调度 [日期|本周|本月]\n示例：调度 本周',
    )
  })
})

describe('the 调度 card before the dispatch meeting', () => {
  const jobTick = async (iso: string) =>
    (await tick(tickDepsFor(bot.core), Date.parse(iso)))
      .filter((r) => r.job === 'dispatch-card')
      .map((r) => `${r.slot} ${r.status} → ${r.messages.map((m) => m.to.id).join(',')}`)

  it('goes to each branch group and privately to each leader at 08:00 on working days, once', async () => {
    await fixture()
    const slots = (day: string, status: string, to: string[]) =>
      ['ZC01', 'JD01', 'TF01', 'JG01', 'leader:32:1', 'leader:33:1'].map(
        (k, i) => `${day}@${k} ${status} → ${to[i] ?? ''}`,
      )
    // Thursday 08:00: Wednesday's slots are past the grace, Thursday's go out.
    expect(await jobTick('2026-11-26T08:00:00+08:00')).toEqual([
      ...slots('2026-11-25', 'skipped-late', []),
      ...slots('2026-11-26', 'queued', ['g-ZC01', 'g-JD01', 'g-TF01', 'g-JG01', 'u1032', 'u1033']),
    ])
    expect(await jobTick('2026-11-26T08:05:00+08:00')).toEqual([])
    // Saturday is no working day: only Friday's missed slots are recorded.
    expect(await jobTick('2026-11-28T09:00:00+08:00')).toEqual(slots('2026-11-27', 'skipped-late', []))
    const sent = (await bot.store.db.select().from(outbox)).filter((r) => r.source.startsWith('job:dispatch'))
    const text = (target: string) => {
      const row = sent.find((r) => r.targetId === target)
      return row ? cardToText((JSON.parse(row.reply) as { card: Parameters<typeof cardToText>[0] }).card) : ''
    }
    expect(text('g-ZC01')).toBe(DAY_CARD)
    expect(text('u1032').split('\n').slice(0, 2)).toEqual([
      '【调度 · 示范煤矿党委 · 2026-11-25】',
      '各支部生产完成与党建情况（生产列为计划完成率或实际数）',
    ])
  })
})
