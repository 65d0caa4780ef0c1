import path from 'node:path'
import { asc } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { tick } from '../../scheduler/tick'
import { type Card, cardToText } from '../../src/cards/card'
import { letterConfirmations, letters, outbox } from '../../src/db/schema'
import { formatLettersReport, importLetters } from '../../src/import/letters-import'
import { readTable } from '../../src/import/read-table'
import { type Bot, startBot } from '../support/bot'

const DIR = path.resolve(__dirname, '../fixtures/letters')
const NOW = Date.parse('2026-11-25T10:00:00+08:00')
const TOKEN = 'letters-secret-0123456789'

let bot: Bot
beforeEach(async () => {
  bot = await startBot({ env: { PRODUCTION_API_TOKEN: TOKEN } })
})
afterEach(() => bot.close())

const importFile = async (name: string, opts: { dryRun?: boolean; now?: number } = {}) =>
  formatLettersReport(
    await importLetters(bot.store, await readTable(path.join(DIR, name)), {
      dryRun: opts.dryRun,
      now: opts.now ?? NOW,
    }),
  )
const stored = () =>
  bot.store.db
    .select({ id: letters.id, code: letters.code, version: letters.version })
    .from(letters)
    .orderBy(asc(letters.id))
const confirmations = () =>
  bot.store.db
    .select({ letterId: letterConfirmations.letterId, version: letterConfirmations.version })
    .from(letterConfirmations)
    .orderBy(asc(letterConfirmations.letterId), asc(letterConfirmations.version))
/** The letter cards pushed to a user, as text, oldest first. */
const pushed = async (userId: string) =>
  (await bot.store.db.select().from(outbox).orderBy(asc(outbox.createdAt)))
    .filter((r) => r.targetId === userId && r.source.includes('letter'))
    .map((r) => cardToText((JSON.parse(r.reply) as { card: Card }).card))

const ZC01_CARD = `【目标责任书 · 综采一队党支部 · 2026-11-01 ~ 2026-11-30】
签订人: 王建国
层级 · 专业: 区队级 · 采煤
版本: 第 1 版
状态: 待确认
请查看以下目标，无误后点击「确认签订」，或私聊发送「确认责任书」。
类别 | 目标 | 衡量
党建 | 完成先锋岗 2 个 | 先锋岗完成 2 项
党建 | 落实一岗双责 | —
生产 | 11月原煤产量 9万吨 | 原煤产量 ≥ 90000吨
生产 | 三违不超过 2 起 | 三违 ≤ 2起
[确认签订]`

describe('importing responsibility letters', () => {
  it('stores every letter, sends each reachable signer the card, and changes nothing on a second run', async () => {
    expect(await importFile('good.csv', { dryRun: true })).toEqual([
      '试运行（--dry-run，未写入）：4 份责任书都可以导入（新增 4，有变化 0，未变 0）。',
    ])
    expect(await stored()).toEqual([])
    expect(await importFile('good.csv')).toEqual([
      '责任书导入完成：新增 4 份，有变化 0 份（版本加一，需重新确认），未变 0 份；已向 3 人发送确认卡片，1 人尚未绑定（绑定后发送「责任书」查看）。',
    ])
    expect(await stored()).toEqual([
      { id: 1, code: '2026-ZC01-SJ', version: 1 },
      { id: 2, code: '2026-JD01-SJ', version: 1 },
      { id: 3, code: '2026-DW-LD', version: 1 },
      { id: 4, code: '2026-ZC01-DY', version: 1 },
    ])
    expect(await pushed('u1001')).toEqual([ZC01_CARD])
    expect(await importFile('good.csv')).toEqual([
      '责任书导入完成：新增 0 份，有变化 0 份（版本加一，需重新确认），未变 4 份；已向 0 人发送确认卡片，0 人尚未绑定（绑定后发送「责任书」查看）。',
    ])
    expect(await pushed('u1001')).toHaveLength(1)
  })

  it('refuses the whole file and names every bad row', async () => {
    expect(await importFile('bad.csv')).toEqual([
      '第 2 行 · 工号：名册中没有工号「9999」：请先导入名册',
      '第 3 行 · 期间：看不懂期间「2026年13月」：可写 2027、2027上半年、2027Q1、2027-03 或 2027-01-01~2027-06-30',
      '第 4 行 · 单位编码：没有单位编码「XX99」：写支部或党委的编码，如 ZC01；留空即签订人所在支部',
      '第 4 行 · 指标：没有「用电量」这个指标。可用的指标：原煤产量、进尺、安全生产天数、三违、隐患整改率、事故',
      '第 5 行 · 层级：与第 4 行同一责任书「2026-C」的层级不一致：同一编号的各行应相同',
      '第 5 行 · 任务类型：一项目标只能由指标或任务类型之一衡量：请删去其一，或拆成两行',
      '第 6 行 · 类别：类别应为 党建 或 生产，而不是「文化」',
      '第 7 行 · 目标值：写了指标或任务类型时必须填写目标值，如 原煤产量 1200000、先锋岗 3',
      '第 8 行 · 目标值：目标值要配合 指标 或 任务类型 填写，否则无法衡量：请补上其一或清空目标值',
      '第 9 行 · 目标值：目标值应为不小于 0 的数字，如 1200000（单位按指标），而不是「-1」',
      '责任书未导入：8 行共 10 处问题，没有写入任何内容。请改正后重新导入整个文件。',
    ])
    expect(await stored()).toEqual([])
    expect(await pushed('u1003')).toEqual([])
  })
})

describe('confirming a letter', () => {
  beforeEach(async () => {
    await importFile('good.csv')
  })

  it('records one confirmation for a click; a second click changes nothing', async () => {
    expect(await bot.click('u1001', 'letter.confirm', '1:1')).toBe(
      '✅ 已确认责任书 2026-ZC01-SJ（综采一队党支部，2026-11-01 ~ 2026-11-30）第 1 版。',
    )
    const answer = await bot.clickRaw('u1001', 'letter.confirm', '1:1')
    expect(answer.toast?.text).toBe('您已于 11-25 10:00 确认过第 1 版，无需再次确认。')
    expect(
      cardToText(answer.card as Card)
        .split('\n')
        .slice(4, 5),
    ).toEqual(['状态: ✅ 已于 11-25 10:00 确认'])
    expect(await confirmations()).toEqual([{ letterId: 1, version: 1 }])
    expect(await bot.read('u1001', '确认责任书')).toBe(
      '您的责任书都已确认，无需再次确认。发送「责任书」查看完成进度。',
    )
  })

  it('records one confirmation when two clicks race', async () => {
    const toasts = await Promise.all([
      bot.click('u1011', 'letter.confirm', '2:1'),
      bot.click('u1011', 'letter.confirm', '2:1'),
    ])
    expect(toasts.sort()).toEqual([
      '✅ 已确认责任书 2026-JD01-SJ（机电队党支部，2026-11-01 ~ 2026-11-30）第 1 版。',
      '您已于 11-25 10:00 确认过第 1 版，无需再次确认。',
    ])
    expect(await confirmations()).toEqual([{ letterId: 2, version: 1 }])
  })

  it('lets only the signer confirm, by button or by command', async () => {
    expect(await bot.click('u1002', 'letter.confirm', '1:1')).toBe('这份责任书不是您的，不能由您确认。')
    expect(await bot.click('u1001', 'letter.confirm', '99:1')).toBe('没有找到这份责任书，可能已被撤销。')
    expect(await bot.read('u1002', '确认责任书')).toBe(
      '您还没有目标责任书。责任书由党委办公室统一导入，导入后会私信发给您。',
    )
    expect(await bot.read('u1032', '/confirmletter')).toBe(
      '✅ 已确认责任书 2026-DW-LD（示范煤矿党委，2026-01-01 ~ 2026-12-31）第 1 版。',
    )
    expect(await confirmations()).toEqual([{ letterId: 3, version: 1 }])
  })

  it('asks again when the letter changes, and the old card cannot confirm the new version', async () => {
    await bot.click('u1001', 'letter.confirm', '1:1')
    expect(await importFile('changed.csv', { now: NOW + 3_600_000 })).toEqual([
      '责任书导入完成：新增 0 份，有变化 1 份（版本加一，需重新确认），未变 3 份；已向 1 人发送确认卡片，0 人尚未绑定（绑定后发送「责任书」查看）。',
    ])
    expect(await stored()).toEqual([
      { id: 1, code: '2026-ZC01-SJ', version: 2 },
      { id: 2, code: '2026-JD01-SJ', version: 1 },
      { id: 3, code: '2026-DW-LD', version: 1 },
      { id: 4, code: '2026-ZC01-DY', version: 1 },
    ])
    const [, second] = await pushed('u1001')
    expect(second?.split('\n').slice(3, 5)).toEqual([
      '版本: 第 2 版',
      '状态: 待确认（已确认过第 1 版，责任书内容有变化，请重新确认）',
    ])
    expect(second).toContain('生产 | 11月原煤产量 8万吨 | 原煤产量 ≥ 80000吨')
    expect(await bot.click('u1001', 'letter.confirm', '1:1')).toBe(
      '这份责任书已更新为第 2 版，请查看新版后再确认。',
    )
    expect(await bot.read('u1001', '确认责任书')).toBe(
      '✅ 已确认责任书 2026-ZC01-SJ（综采一队党支部，2026-11-01 ~ 2026-11-30）第 2 版。',
    )
    expect(await confirmations()).toEqual([
      { letterId: 1, version: 1 },
      { letterId: 1, version: 2 },
    ])
  })
})

describe('nudging the unconfirmed', () => {
  const jobTick = async (iso: string) =>
    (await tick(tickDepsFor(bot.core), Date.parse(iso)))
      .filter((r) => r.job === 'letter-nudge')
      .map((r) => `${r.slot} ${r.status} → ${r.messages.map((m) => m.to.id).join(',')}`)

  it('nudges each unconfirmed signer once, three days after the version came, at 09:00', async () => {
    await importFile('good.csv')
    await bot.read('u1032', '确认责任书')
    expect(await jobTick('2026-11-28T08:59:00+08:00')).toEqual([])
    // Letter 4's signer (u1009) has no chat account: the slot is recorded with nothing to send.
    expect(await jobTick('2026-11-28T09:00:00+08:00')).toEqual([
      '1:v1 queued → u1001',
      '2:v1 queued → u1011',
      '4:v1 queued → ',
    ])
    expect(await jobTick('2026-11-28T09:05:00+08:00')).toEqual([])
    expect(await jobTick('2026-11-29T09:00:00+08:00')).toEqual([])
    const [, nudge] = await pushed('u1001')
    expect(nudge?.split('\n').slice(5, 6)).toEqual([
      '您的目标责任书送达已 3 天，尚未确认签订。请查看并点击「确认签订」，或发送「确认责任书」。',
    ])
    // A changed letter is a new version: its own nudge three days after it came.
    await importFile('changed.csv', { now: Date.parse('2026-11-29T20:00:00+08:00') })
    expect(await jobTick('2026-12-02T09:00:00+08:00')).toEqual(['1:v2 queued → u1001'])
    expect(await jobTick('2026-12-02T09:01:00+08:00')).toEqual([])
  })
})

describe('责任书', () => {
  const post = (rows: object[]) =>
    bot.app.request('/api/production', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ rows }),
    })
  const fig = (team: string, metric: string, date: string, value: number) => ({
    team,
    metric,
    date,
    value,
    sourceId: `${team}/${metric}/${date}`,
  })

  async function progressFixture() {
    await importFile('good.csv')
    const res = await post([
      fig('ZC01', 'coal', '2026-11-02', 30000),
      fig('ZC01-1', 'coal', '2026-11-20', 15000),
      fig('ZC01', 'coal', '2026-10-31', 5000),
      fig('JD01', 'coal', '2026-11-03', 9999),
      fig('ZC01', 'violations', '2026-11-10', 1),
      fig('ZC01', 'violations', '2026-11-24', 2),
    ])
    expect(res.status).toBe(200)
    await bot.read('u1001', '新任务 岗区巡查 @1005 截止 12-10 先锋岗', 'g-ZC01')
    await bot.read('u1001', '新任务 质量标兵 @1006 截止 12-10 先锋岗', 'g-ZC01')
    await bot.read('u1006', '任务 2 完成')
    await bot.read('u1001', '任务 2 确认', 'g-ZC01')
  }

  it('shows my letter with each target against the figures and tasks so far', async () => {
    await progressFixture()
    await bot.click('u1001', 'letter.confirm', '1:1')
    // 原煤 30000 + 15000 (ZC01-1 is under ZC01; 10-31 is outside the period, JD01 is another unit) of 90000;
    // 三违 1 + 2 = 3 over the limit of 2; one of two 先锋岗 done; the mean of 50, 0 and 50; 25 of 30 days gone.
    expect(await bot.read('u1001', '/letter')).toBe(`【目标责任书 · 综采一队党支部 · 2026-11-01 ~ 2026-11-30】
签订人: 王建国
层级 · 专业: 区队级 · 采煤
版本: 第 1 版
状态: ✅ 已于 11-25 10:00 确认
时间进度 83%，量化目标平均完成 33.3%
类别 | 目标 | 衡量 | 完成 | 进度
党建 | 完成先锋岗 2 个 | 先锋岗完成 2 项 | 1 项 | 50%
党建 | 落实一岗双责 | — | — | —
生产 | 11月原煤产量 9万吨 | 原煤产量 ≥ 90000吨 | 45000吨 | 50%
生产 | 三违不超过 2 起 | 三违 ≤ 2起 | 3起 | 0%`)
    expect(await bot.read('u1002', '责任书')).toBe(
      '您还没有目标责任书。责任书由党委办公室统一导入，导入后会私信发给您。',
    )
  })

  it('gives leaders and admins confirmation and progress by level; nobody else', async () => {
    await progressFixture()
    await bot.read('u1001', '确认责任书')
    // 矿级: 原煤 30000 + 15000 + 5000 + 9999 = 59999 of 1200000 → 5%. 区队级: ZC01 33.3%, JD01 0 of 1 整改 → 0%.
    const overview = `【目标责任书 · 签订与完成 · 示范煤矿党委】
层级 | 份数 | 已确认 | 待确认 | 平均完成
党员 | 1 | 0 | 1 | —
区队级 | 2 | 1 | 1 | 16.7%
矿级 | 1 | 0 | 1 | 5%
待确认：周秀英、徐志强、孙建国`
    expect(await bot.read('u1032', '责任书 全部')).toBe(overview)
    expect(await bot.read('u1034', '/letter ALL')).toBe(overview)
    expect(await bot.read('u1032', '责任书 区队级')).toBe(`【目标责任书 · 区队级 · 示范煤矿党委】
编号 | 签订人 | 单位 | 专业 | 版本 | 确认 | 完成
2026-JD01-SJ | 徐志强 | 机电队党支部 | 机电 | 1 | 待确认 | 0%
2026-ZC01-SJ | 王建国 | 综采一队党支部 | 采煤 | 1 | 已确认 | 33.3%`)
    expect(await bot.read('u1032', '责任书 班组级')).toBe(
      '没有层级为「班组级」的责任书。可查看的层级：党员、区队级、矿级',
    )
    for (const who of ['u1001', 'u1002', 'u1035'])
      expect(await bot.read(who, '责任书 全部')).toBe(
        '「责任书 全部」只有党委领导或管理员可以查看；发送「责任书」查看您自己的责任书。',
      )
  })
})
