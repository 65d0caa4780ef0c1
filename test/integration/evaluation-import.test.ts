import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { branchAssessments } from '../../src/db/schema'
import { formatAssessmentsReport, importAssessments } from '../../src/import/assessments'
import { parseCsv } from '../../src/import/read-table'
import { type Bot, startBot } from '../support/bot'

let bot: Bot
beforeEach(async () => {
  bot = await startBot()
})
afterEach(() => bot.close())

const csv = (lines: string[]) => parseCsv(new TextEncoder().encode(lines.join('\n')))
const run = async (lines: string[], dryRun = false) =>
  formatAssessmentsReport(await importAssessments(bot.store, csv(lines), { dryRun, now: 0, thisYear: 2026 }))

describe('npm run import -- assessments', () => {
  it('imports every branch’s grades and lists the 双评双优 violations', async () => {
    expect(
      await run([
        '支部编码,年份,党建考评,业务考核,党建得分,业务得分',
        'ZC01,2026,一般,优秀,80,95',
        'jd01,2026,好,优秀,,',
        'TF01,2025,较好,良好,88.5,90',
      ]),
    ).toEqual([
      '考核导入完成：3 个支部的年度考核。',
      '⚠️ 不符合双评双优（业务优秀而党建考评不是「好」）：综采一队党支部（2026）',
    ])
    const rows = await bot.store.db.select().from(branchAssessments)
    expect(rows.map((r) => [r.year, r.review, r.business, r.partyKpi, r.businessKpi])).toEqual([
      [2026, '一般', '优秀', 80, 95],
      [2026, '好', '优秀', null, null],
      [2025, '较好', '良好', 88.5, 90],
    ])
    expect(await bot.read('u1032', '考评')).toMatch(/- 综采一队党支部：党建考评「一般」，业务考核「优秀」/)
  })

  it('refuses the whole file for one bad row and says where', async () => {
    expect(
      await run([
        'branch_code,year,review,business',
        'ZC01,2026,好,优秀',
        'DW,2026,好,优秀',
        'JD01,2027,很好,优',
        'ZC01,2026,好,良好',
      ]),
    ).toEqual([
      '第 3 行 · 支部编码：没有编码为「DW」的支部，如 ZC01',
      '第 4 行 · 年份：2027 年还没到，不能录入考核',
      '第 4 行 · 党建考评：应为 好、较好、一般 或 差',
      '第 4 行 · 业务考核：应为 优秀、良好、合格 或 不合格',
      '第 5 行 · 支部编码：与第 2 行是同一支部同一年份：每个支部每年一行',
      '考核未导入：3 行共 5 处问题，没有写入任何内容。请改正后重新导入整个文件。',
    ])
    expect(await bot.store.db.select().from(branchAssessments)).toEqual([])
  })

  it('writes nothing on a dry run', async () => {
    expect(await run(['支部编码,年份,党建考评,业务考核', 'ZC01,2026,好,优秀'], true)).toEqual([
      '试运行（--dry-run，未写入）：考核可以导入：1 个支部的年度考核。',
    ])
    expect(await bot.store.db.select().from(branchAssessments)).toEqual([])
  })
})
