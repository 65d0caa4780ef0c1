import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { renderCard } from '../../adapters/feishu/cards'
import { tickDepsFor } from '../../scheduler/deps'
import { tick } from '../../scheduler/tick'
import { type Card, cardToText } from '../../src/cards/card'
import { outbox } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'
import { summaryFixture } from '../support/summary-fixture'

let bot: Bot
beforeEach(async () => {
  bot = await startBot()
})
afterEach(() => bot.close())

describe('汇总', () => {
  it('shows the organisation month against October 1–25, ranked on the combined index', async () => {
    await summaryFixture(bot)
    const text = await bot.read('u1032', '汇总 全部 本月')
    expect(text).toContain('【汇总 · 示范煤矿党委 · 本月（2026-11-01 ~ 2026-11-25）】')
    expect(text).toContain('箭头对比上一同期：2026-10-01 ~ 2026-10-25')
    // 5 branches, 40 members (KY01 has none); present 8 + 9 of 20 + 10 places; October: 8 of 10.
    expect(text).toContain('支部 / 党员: 5 个 / 40 人')
    expect(text).toContain('出勤率: 56.7%（3 场）（↓23.3）')
    // 3 of 40 answered (October: 1); 3 of 4 answers right (October: 0 of 1); the challenge answer is not counted.
    expect(text).toContain('答题参与率: 7.5%（↑5）')
    expect(text).toContain('答题正确率: 75%（↑75）')
    expect(text).toContain('本期到期任务: 按时完成 1 · 逾期完成 1 · 逾期未完成 1 · 未到期 1')
    expect(text).toContain('目标进度: 2 项，平均 35%')
    // 原煤 3300 (the correction) + 1200 against 90000 × 25/30 = 6 %; 三违 1 over its limit 0: (6 + 0) / 2.
    expect(text).toContain('生产计划完成: 3%')
    expect(text).toContain('积分合计: 38（↑31）')
    expect(text).toContain('未销号整改: 2')
    // Items: ZC01's and the committee's (reaching 4 × 10 members) = 50 places, 3 studied; October 1 of 10.
    expect(text).toContain('第一议题学习完成率: 6%（↓4）')
    expect(text).toContain('双评双优: ⚠️ 违反：机电队党支部')
    expect(text).toContain(`名次 | 支部 | 综合指数 | 较上期 | 出勤 | 答题 | 任务 | 生产 | 积分 | 学习
1 | 机电队党支部 | 54.2 | ↑54.2 | 90 | 0 | — | — | 100 | 0
2 | 综采一队党支部 | 35.6 | ↓29.1 | 40 | 52.5 | 33.3 | 3 | 90 | 15
3 | 机关党支部 | 0 | → | — | 0 | — | — | 0 | 0
4 | 通风安全队党支部 | 0 | → | — | 0 | — | — | 0 | 0
5 | 开拓队党支部 | — |  | — | — | — | — | — | —`)
    expect(text).toContain(`需重点关注
1. 通风安全队党支部：综合指数 0，最弱一项：答题 0%
2. 机关党支部：综合指数 0，最弱一项：答题 0%
3. 综采一队党支部：综合指数 35.6，最弱一项：生产 3%`)
    expect(text).toContain(`活动类型 | 场次 | 应到人次 | 实到人次 | 出勤率
党课 | 1 | 10 | 5 | 50%
主题党日 | 2 | 20 | 12 | 60%`)
    expect(text).toContain(`题目类别 | 答题数 | 正确数 | 正确率
党章 | 2 | 2 | 100%
安全 | 2 | 1 | 50%`)
    expect(text).toContain(`指标 | 实际 | 计划 | 完成
原煤产量 | 4500吨 | 75000吨 | 6%
三违 | 1起 | ≤0起 | ⚠️ 超出`)
    expect(text).toContain(`姓名 | 支部 | 积分
孙红梅 | 机电队党支部 | 20
李卫东 | 综采一队党支部 | 13
张永刚 | 综采一队党支部 | 5`)
    expect(text).toContain(
      '[查看 通风安全队党支部] [查看 机关党支部] [查看 综采一队党支部] [本季] [本年] [逾期清单] [导出表格]',
    )
  })

  it('shows a branch over the quarter, with the last night of October inside it', async () => {
    await summaryFixture(bot)
    const text = await bot.read('u1001', '汇总 本季', 'g-ZC01')
    expect(text).toContain('【汇总 · 综采一队党支部 · 本季（2026-10-01 ~ 2026-11-25）】')
    expect(text).toContain('箭头对比上一同期：2026-07-01 ~ 2026-08-25')
    // 3 + 5 + 8 + 2 present of 4 × 10.
    expect(text).toContain('出勤率: 45%（4 场）')
    expect(text).toContain(`党员大会 | 1 | 10 | 8 | 80%
党课 | 1 | 10 | 5 | 50%
主题党日 | 2 | 20 | 5 | 25%`)
    // Participants 1002–1005 of 10; 4 right of 6 answers (10-05 wrong, 10-31 right).
    expect(text).toContain('答题参与率: 40%（↑40）')
    expect(text).toContain('答题正确率: 66.7%')
    expect(text).toContain('积分合计: 27（↑27）')
    expect(text).not.toContain('名次')
  })

  it('shows an empty week and a branch without members with dashes, not zeros divided', async () => {
    await summaryFixture(bot)
    const week = await bot.read('u1032', '汇总 JG01 本周')
    expect(week).toContain('【汇总 · 机关党支部 · 本周（2026-11-23 ~ 2026-11-25）】')
    expect(week).toContain('出勤率: —（0 场）')
    expect(week).toContain('答题正确率: —')
    const empty = await bot.read('u1032', '汇总 KY01')
    expect(empty).toContain('党员: 0 人')
    expect(empty).toContain('答题参与率: —')
    expect(empty).toContain('第一议题学习完成率: —')
  })

  it('lets a leader drill into a branch, switch the period and list overdue items', async () => {
    await summaryFixture(bot)
    expect(await bot.click('u1032', 'summary.show', 'ZC01:year')).toContain(
      '【汇总 · 综采一队党支部 · 本年（2026-01-01 ~ 2026-11-25）】',
    )
    const overdue = await bot.click('u1032', 'summary.overdue', 'DW')
    expect(overdue).toContain(`编号 | 支部 | 任务 | 截止 | 逾期天数
3 | 综采一队党支部 | 任务3 | 2026-11-20 | 5`)
    expect(await bot.click('u1032', 'summary.overdue', 'JG01')).toBe('「机关党支部」没有逾期未完成的任务。')
  })

  it('refuses what the asker may not see', async () => {
    expect(await bot.read('u1001', '汇总 JD01')).toBe(
      '您不能查看「机电队党支部」的汇总：党委领导可看所辖支部，支部书记只可看本支部。',
    )
    expect(await bot.read('u1001', '汇总 全部')).toMatch(/只有党委领导可以使用/)
    expect(await bot.click('u1001', 'summary.show', 'DW:month')).toMatch(/您不能查看「示范煤矿党委」的汇总/)
    expect(await bot.click('u1002', 'summary.show', 'ZC01:month')).toMatch(
      /您不能查看「综采一队党支部」的汇总/,
    )
    expect(await bot.read('u1002', '汇总', 'g-ZC01')).toMatch(/只有党委领导或支部书记可以使用/)
    expect(await bot.read('u1032', '汇总 ZC01-1')).toMatch(/是党小组/)
    expect(await bot.read('u1032', '汇总 XX99')).toMatch(/没有编码为「XX99」的支部/)
    expect(await bot.read('u1032', '汇总 本月 本年 ZC01 JD01')).toMatch(/参数有误/)
    expect(await bot.read('u1001', '汇总', 'g-ZC01')).toContain('【汇总 · 综采一队党支部 · 本月')
  })

  it('renders as Feishu card JSON 2.0 with a bar chart of branches and a trend line', async () => {
    await summaryFixture(bot)
    const [reply] = await bot.say('u1032', '汇总')
    const feishu = renderCard(reply?.card as never) as {
      schema: string
      body: { elements: { tag: string; chart_spec?: { type: string; data: { values: unknown[] } } }[] }
    }
    expect(JSON.parse(JSON.stringify(feishu)).schema).toBe('2.0')
    const charts = feishu.body.elements.filter((e) => e.tag === 'chart')
    expect(charts.map((c) => c.chart_spec?.type)).toEqual(['bar', 'line'])
    expect(charts[0]?.chart_spec?.data.values[0]).toEqual({
      label: '机电队党支部',
      value: 54.2,
      series: '综合指数',
    })
    expect(charts[1]?.chart_spec?.data.values).toContainEqual({
      label: '2026-11',
      value: 56.7,
      series: '出勤率',
    })
    expect(feishu.body.elements.filter((e) => e.tag === 'table').length).toBeLessThanOrEqual(5)
  })

  it('goes to each leader on the first working day of the month, once, with last month against the one before', async () => {
    await summaryFixture(bot)
    const monthly = async (iso: string) =>
      (await tick(tickDepsFor(bot.core), Date.parse(iso)))
        .filter((r) => r.job === 'monthly-report')
        .map((r) => `${r.slot} ${r.status} → ${r.messages.map((m) => m.to.id).join(',')}`)
    expect(await monthly('2026-12-01T09:59:00+08:00')).toEqual([])
    const first = await monthly('2026-12-01T10:00:00+08:00')
    expect(first.map((line) => line.replace(/@m\d+/, '@m'))).toEqual([
      '2026-11@m queued → u1032',
      '2026-11@m queued → u1033',
    ])
    expect(await monthly('2026-12-01T10:05:00+08:00')).toEqual([])
    expect(await monthly('2026-12-02T10:00:00+08:00')).toEqual([])
    const sent = await bot.store.db.select().from(outbox).where(eq(outbox.targetId, 'u1032'))
    const report = sent
      .filter((r) => r.source.startsWith('job:monthly-report:'))
      .map((r) => JSON.parse(r.reply) as { card?: { title: string } })
    expect(report.map((r) => r.card?.title)).toEqual(['2026-11 月度汇总 · 示范煤矿党委'])
    // The whole of November (to the 30th) against the whole of October: 10-25 (8 present) and 10-31 (2) of 20.
    expect(cardToText(report[0]?.card as Card)).toContain('箭头对比上一同期：2026-10-01 ~ 2026-10-31')
    expect(cardToText(report[0]?.card as Card)).toContain('出勤率: 56.7%（3 场）（↑6.7）')
  })
})
