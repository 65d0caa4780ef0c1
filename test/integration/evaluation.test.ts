import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { evaluationFacts } from '../../src/db/evaluation-facts'
import {
  branchInspections,
  dualReports,
  ledgerItems,
  members,
  orgUnits,
  roleAssignments,
} from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

let bot: Bot
beforeEach(async () => {
  bot = await startBot()
})
afterEach(() => bot.close())

const G = 'g-ZC01'
const unitId = async (code: string) =>
  (await bot.store.db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, code)))[0]
    ?.id as number
const memberId = async (no: string) =>
  (await bot.store.db.select({ id: members.id }).from(members).where(eq(members.employeeNo, no)))[0]
    ?.id as number

describe('检查 (一次查·双向评)', () => {
  it('records both scores and files the findings in the supervision ledger', async () => {
    expect(await bot.read('u1036', '检查 ZC01 党建 90 生产 85 发现 安全生产 皮带机护罩缺失')).toBe(
      [
        '✅ 已记录对 综采一队党支部 的检查（2026-11-25）：党建 90 分，生产 85 分。',
        '发现问题：皮带机护罩缺失（已记入监督台账，编号 1，类别 安全生产，待纪检监督员立项）',
        '综采一队党支部 2026 年已检查 1 次。',
      ].join('\n'),
    )
    expect(await bot.read('u1032', '/inspect zc01 party 80 production 70')).toBe(
      '✅ 已记录对 综采一队党支部 的检查（2026-11-25）：党建 80 分，生产 70 分。\n综采一队党支部 2026 年已检查 2 次。',
    )
    const rows = await bot.store.db.select().from(branchInspections)
    expect(rows.map((r) => [r.day, r.partyScore, r.productionScore, r.findings])).toEqual([
      ['2026-11-25', 90, 85, '安全生产 皮带机护罩缺失'],
      ['2026-11-25', 80, 70, null],
    ])
    const ledger = await bot.store.db.select().from(ledgerItems)
    expect(ledger.map((l) => [l.id, l.source, l.category, l.text, l.status])).toEqual([
      [1, 'finding', '安全生产', '皮带机护罩缺失', 'reported'],
    ])
  })

  it('refuses anyone outside their scope, other roles and bad scores, and records nothing', async () => {
    // u1012 of 机电队 made an inspector of 机电队 only.
    await bot.store.db
      .insert(roleAssignments)
      .values({ memberId: await memberId('1012'), role: 'inspector', unitId: await unitId('JD01') })
    await bot.read('u1012', '绑定 1012')
    expect(await bot.read('u1012', '检查 ZC01 党建 90 生产 85')).toBe(
      '您不能检查「综采一队党支部」：只有该支部的上级纪检监督员或党委领导可以记录检查。',
    )
    expect(await bot.read('u1001', '检查 ZC01 党建 90 生产 85')).toBe(
      '抱歉，「检查」只有纪检监督员或党委领导可以使用。',
    )
    expect(await bot.read('u1002', '检查 ZC01 党建 90 生产 85')).toMatch(/只有纪检监督员或党委领导可以使用/)
    expect(await bot.read('u1036', '检查 ZC01 党建 101 生产 85')).toBe(
      [
        '参数有误：应写 党建 <0-100> 生产 <0-100>，可加 发现 <问题>，例如：党建 90 生产 85 发现 学习记录不全',
        '用法：检查 <支部编码> 党建 <0-100> 生产 <0-100> [发现 <问题>]',
        '示例：检查 ZC01 党建 90 生产 85 发现 学习记录不全',
      ].join('\n'),
    )
    expect(await bot.read('u1036', '检查 DW 党建 90 生产 85')).toBe(
      '「DW」不是支部编码。请写支部的编码，例如 ZC01。',
    )
    expect(await bot.read('u1036', '检查 XX99 党建 90 生产 85')).toBe(
      '没有编码为「XX99」的支部。请核对后再试，例如 ZC01。',
    )
    expect(await bot.store.db.select().from(branchInspections)).toEqual([])
    expect(await bot.read('u1012', '检查 JD01 党建 60 生产 75')).toMatch(/^✅ 已记录对 机电队党支部 的检查/)
  })
})

describe('考核 and 考评 (双进入, 双评双优)', () => {
  /** ZC01: 90/85 and 80/70 this year, 50/50 on 2025-12-31; JD01: 71/88; TF01 and JG01 none. */
  async function fixture() {
    await bot.read('u1036', '检查 ZC01 党建 90 生产 85')
    await bot.read('u1036', '检查 ZC01 党建 80 生产 70')
    await bot.read('u1036', '检查 JD01 党建 71 生产 88')
    await bot.store.db.insert(branchInspections).values({
      branchId: await unitId('ZC01'),
      inspectorId: await memberId('1036'),
      day: '2025-12-31',
      partyScore: 50,
      productionScore: 50,
      at: Date.parse('2025-12-31T10:00:00+08:00'),
    })
    expect(await bot.read('u1032', '考核 ZC01 2026 一般 优秀 80 95')).toBe(
      [
        '✅ 已记录 综采一队党支部 2026 年度考核：党建考评「一般」，业务考核「优秀」（党建 80 分，业务 95 分）。',
        '⚠️ 不符合双评双优：业务考核为优秀的支部，党建考评须为「好」。「考评 2026」中已标出。',
      ].join('\n'),
    )
    expect(await bot.read('u1034', '考核 JD01 2026 好 优秀')).toBe(
      '✅ 已记录 机电队党支部 2026 年度考核：党建考评「好」，业务考核「优秀」。',
    )
    // Recorded twice: the second replaces the first.
    await bot.read('u1032', '考核 TF01 2026 差 优秀')
    await bot.read('u1032', '考核 TF01 2026 较好 良好')
  }

  it('computes the year’s means and flags 优秀 without 好', async () => {
    await fixture()
    const [zc, jd, tf, jg] = await Promise.all(['ZC01', 'JD01', 'TF01', 'JG01'].map(unitId))
    const facts = await evaluationFacts(bot.store.db, [zc, jd, tf, jg] as number[], 2026)
    expect(facts.get(zc as number)).toEqual({
      inspections: 2,
      partyScore: 85,
      productionScore: 77.5,
      review: '一般',
      business: '优秀',
      violation: true,
    })
    expect(facts.get(jd as number)).toEqual({
      inspections: 1,
      partyScore: 71,
      productionScore: 88,
      review: '好',
      business: '优秀',
      violation: false,
    })
    expect(facts.get(tf as number)).toEqual({
      inspections: 0,
      partyScore: null,
      productionScore: null,
      review: '较好',
      business: '良好',
      violation: false,
    })
    expect(facts.get(jg as number)?.business).toBe(null)
    const last = await evaluationFacts(bot.store.db, [zc as number], 2025)
    expect(last.get(zc as number)).toEqual({
      inspections: 1,
      partyScore: 50,
      productionScore: 50,
      review: null,
      business: null,
      violation: false,
    })
  })

  it('shows leaders the card with the violations first', async () => {
    await fixture()
    expect(await bot.read('u1032', '考评')).toBe(
      [
        '【考评 · 2026 年】',
        '⚠️ 双评双优不符（1 个）：业务考核优秀而党建考评不是「好」',
        '- 综采一队党支部：党建考评「一般」，业务考核「优秀」',
        '支部 | 检查次数 | 党建均分 | 生产均分 | 党建考评 | 业务考核 | 双评双优',
        '综采一队党支部 | 2 | 85 | 77.5 | 一般 | 优秀 | ⚠️ 不符',
        '机电队党支部 | 1 | 71 | 88 | 好 | 优秀 | ✅',
        '通风安全队党支部 | 0 | — | — | 较好 | 良好 | ✅',
        '机关党支部 | 0 | — | — | 未录入 | 未录入 | —',
        '已录入考核 3/4 个支部，共检查 3 次。',
      ].join('\n'),
    )
    expect(await bot.read('u1034', '考评 2025')).toMatch(
      /✅ 双评双优：没有不符的支部。[\s\S]+\n综采一队党支部 \| 1 \| 50 \| 50 \| 未录入 \| 未录入 \| —\n已录入考核 0\/4 个支部，共检查 1 次。$/,
    )
  })

  it('refuses secretaries, members, inspectors and future years', async () => {
    expect(await bot.read('u1001', '考评')).toBe('抱歉，「考评」只有党委领导或党务管理员可以使用。')
    expect(await bot.read('u1002', '考评')).toMatch(/只有党委领导或党务管理员可以使用/)
    expect(await bot.read('u1001', '考核 ZC01 2026 好 优秀')).toMatch(
      /「考核」只有党委领导或党务管理员可以使用/,
    )
    expect(await bot.read('u1036', '考核 ZC01 2026 好 优秀')).toMatch(/只有党委领导或党务管理员可以使用/)
    expect(await bot.read('u1032', '考核 ZC01 2027 好 优秀')).toBe('2027 年还没到，不能录入考核。')
    expect(await bot.read('u1032', '考核 ZC01 2026 很好 优秀')).toMatch(
      /^参数有误：党建考评应为 好、较好、一般 或 差；业务考核应为 优秀、良好、合格 或 不合格/,
    )
  })
})

describe('双报告', () => {
  const DRAFT_PROMOTE =
    '2026 年，支部开展组织生活 1 场，党员出勤率 20%；0/10 名党员参加每日学习答题，答题正确率 —；承担任务 1 项，按期完成 0 项，逾期未完成 0 项。以党建引领生产，本年完成原煤产量 3200吨。'
  const DRAFT_SUPPORT =
    '本年完成原煤产量 3200吨。上级一次查 1 次，党建平均 90 分、生产平均 85 分；整改事项 1 项，已完成 0 项。以生产一线的实绩检验党员作用，推动党建工作落到班组。'

  /** ZC01: one activity with 2 of 10 members present, 3200 t coal, one 整改 task, one inspection 90/85. */
  async function fixture() {
    await bot.read('u1001', '发起签到 主题党日 30', G)
    await bot.read('u1002', '签到', G)
    await bot.read('u1003', '签到', G)
    await bot.read('u1001', '报产 原煤 3200吨', G)
    await bot.read('u1001', '新任务 皮带巷隐患整改 @李卫东 截止 2026-12-10 整改', G)
    await bot.read('u1036', '检查 ZC01 党建 90 生产 85')
  }

  it('drafts both sections from the year’s figures for the secretary', async () => {
    await fixture()
    expect(await bot.read('u1001', '双报告')).toBe(
      [
        '【双报告（草稿）· 综采一队党支部 · 2026 年】',
        '以下内容由系统根据本年数据生成，书记可修改后提交；提交后不可更改。',
        '党建促生产',
        DRAFT_PROMOTE,
        '生产强党建',
        DRAFT_SUPPORT,
        '[编辑「党建促生产」] [编辑「生产强党建」] [提交]',
      ].join('\n'),
    )
  })

  it('takes the secretary’s text, then freezes the report on submit for the leaders to read', async () => {
    await fixture()
    expect(await bot.read('u1001', '双报告 2026 党建促生产 全年开展主题党日12场，@所有人 *加粗*')).toMatch(
      /^已更新「党建促生产」。确认无误后发送「双报告 2026 提交」或点「提交」。\n.+\n.+\n党建促生产（书记已修改）\n全年开展主题党日12场,@\u200b所有人 \*加粗\*\n生产强党建\n/,
    )
    expect(await bot.read('u1032', '双报告 ZC01')).toBe('综采一队党支部 2026 年的双报告尚未提交。')
    expect(await bot.click('u1001', 'dualReport.edit', `${await unitId('ZC01')}:2026:support`)).toBe(
      '请发送：双报告 2026 生产强党建 <新的文字>（最多 2000 字）',
    )
    const frozen = [
      '【双报告 · 综采一队党支部 · 2026 年】',
      '党建促生产',
      // The parser makes punctuation half-width; the mention is broken, the asterisks stay literal.
      '全年开展主题党日12场,@\u200b所有人 *加粗*',
      '生产强党建',
      DRAFT_SUPPORT,
      '王建国 于 11-25 10:00 提交',
    ].join('\n')
    expect(await bot.read('u1001', '双报告 提交')).toBe(
      `✅ 已提交 综采一队党支部 2026 年双报告，上级党委领导可以查看。\n${frozen}`,
    )
    // Later figures and edits change nothing.
    await bot.read('u1036', '检查 ZC01 党建 60 生产 60')
    expect(await bot.read('u1001', '双报告 2026 生产强党建 改一改')).toBe(
      '综采一队党支部 2026 年的双报告已于 11-25 10:00 提交，不能再修改。',
    )
    expect(await bot.read('u1001', '双报告 2026 提交')).toMatch(/已于 11-25 10:00 提交，不能再修改/)
    expect(await bot.read('u1032', '双报告 ZC01 2026')).toBe(frozen)
    expect(await bot.read('u1001', '双报告')).toBe(frozen)
    const [row] = await bot.store.db.select().from(dualReports)
    expect(JSON.parse(row?.facts as string)).toMatchObject({ members: 10, activities: 1, present: 2 })
  })

  it('submits from the button once, even when two taps race', async () => {
    await fixture()
    const value = String(await unitId('ZC01')).concat(':2026')
    const answers = await Promise.all([
      bot.clickRaw('u1001', 'dualReport.submit', value, G),
      bot.clickRaw('u1001', 'dualReport.submit', value, G),
    ])
    expect(answers.map((a) => a.toast?.text).sort()).toEqual([
      '✅ 已提交 综采一队党支部 2026 年双报告，上级党委领导可以查看。',
      '综采一队党支部 2026 年的双报告已于 11-25 10:00 提交，不能再修改。',
    ])
    expect(answers.find((a) => a.card)?.card?.title).toBe('双报告 · 综采一队党支部 · 2026 年')
    expect(await bot.store.db.select().from(dualReports)).toHaveLength(1)
  })

  it('is read only by the branch secretary and the leaders above', async () => {
    await fixture()
    expect(await bot.read('u1011', '双报告 ZC01')).toBe(
      '您不能查看「综采一队党支部」的双报告：只有该支部书记和上级党委领导可以查看。',
    )
    expect(await bot.read('u1002', '双报告')).toBe('抱歉，「双报告」只有支部书记或党委领导可以使用。')
    expect(await bot.read('u1032', '双报告')).toBe(
      '没有找到您担任书记的支部。领导请写支部编码，例如：双报告 ZC01 2026',
    )
    expect(await bot.read('u1032', '双报告 ZC01 提交')).toBe(
      '只有「综采一队党支部」的支部书记可以修改或提交它的双报告。',
    )
    expect(await bot.click('u1011', 'dualReport.submit', `${await unitId('ZC01')}:2026`)).toBe(
      '您不能查看「综采一队党支部」的双报告：只有该支部书记和上级党委领导可以查看。',
    )
    expect(await bot.read('u1001', '双报告 2027')).toBe('2027 年还没到，还没有双报告。')
    expect(await bot.store.db.select().from(dualReports)).toEqual([])
    expect(await bot.read('u1011', '双报告')).toMatch(/^【双报告（草稿）· 机电队党支部 · 2026 年】/)
  })
})
