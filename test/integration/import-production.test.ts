import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { asc, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { orgUnits, productionFigures } from '../../src/db/schema'
import { formatProductionReport, importProduction } from '../../src/import/production-import'
import { parseCsv, readTable } from '../../src/import/read-table'
import { type Bot, startBot } from '../support/bot'

const ROOT = path.resolve(__dirname, '../..')
const GOOD = path.join(ROOT, 'test/fixtures/production/good.csv')
const BAD = path.join(ROOT, 'test/fixtures/production/bad.csv')
const NOW = Date.parse('2026-11-25T10:00:00+08:00')

let bot: Bot
afterEach(() => bot.close())

const importFile = async (file: string, dryRun = false) =>
  importProduction(bot.store, await readTable(file), { dryRun, now: NOW, today: '2026-11-25' })
const stored = () =>
  bot.store.db
    .select({
      unit: orgUnits.code,
      metric: productionFigures.metric,
      day: productionFigures.day,
      value: productionFigures.value,
      seq: productionFigures.seq,
      source: productionFigures.source,
    })
    .from(productionFigures)
    .innerJoin(orgUnits, eq(orgUnits.id, productionFigures.unitId))
    .orderBy(asc(productionFigures.id))

describe('importing a dispatch report', () => {
  beforeEach(async () => {
    bot = await startBot()
  })

  it('takes every row, once however often the file comes, and a changed value as a correction', async () => {
    expect(formatProductionReport(await importFile(GOOD, true))).toEqual([
      '试运行（--dry-run，未写入）：产量 5 行都可以导入。',
    ])
    expect(await stored()).toEqual([])
    expect(formatProductionReport(await importFile(GOOD))).toEqual([
      '产量导入完成：新增 5 条，已导入过 0 条（未重复写入），共 5 行。',
    ])
    expect(formatProductionReport(await importFile(GOOD))).toEqual([
      '产量导入完成：新增 0 条，已导入过 5 条（未重复写入），共 5 行。',
    ])
    const changed = parseCsv(new TextEncoder().encode('班组,指标,日期,数值\nZC01,原煤,2026-11-23,3100\n'))
    await importProduction(bot.store, changed, { dryRun: false, now: NOW, today: '2026-11-25' })
    expect(await stored()).toEqual([
      { unit: 'ZC01', metric: 'coal', day: '2026-11-23', value: 3050, seq: 1, source: 'import' },
      { unit: 'ZC01', metric: 'footage', day: '2026-11-23', value: 11.5, seq: 1, source: 'import' },
      { unit: 'ZC01-1', metric: 'coal', day: '2026-11-24', value: 1500, seq: 1, source: 'import' },
      { unit: 'JD01', metric: 'violations', day: '2026-11-24', value: 0, seq: 1, source: 'import' },
      { unit: 'JD01', metric: 'accidents', day: '2026-11-24', value: 0, seq: 1, source: 'import' },
      { unit: 'ZC01', metric: 'coal', day: '2026-11-23', value: 3100, seq: 2, source: 'import' },
    ])
  })

  it('refuses the whole file and names every bad row and column', async () => {
    expect(formatProductionReport(await importFile(BAD))).toEqual([
      '第 3 行 · 班组：没有「XX99」这个班组或支部编码。',
      '第 4 行 · 指标：没有「精煤」这个指标。可报的指标：原煤产量、进尺、安全生产天数、三违、隐患整改率、事故',
      '第 5 行 · 日期：日期应为 YYYY-MM-DD 的实际日期。（「2026-11-31」）',
      '第 6 行 · 日期：2026-11-30 还没到，不能提前报产。',
      '第 7 行 · 数值：「三违」应为整数。',
      '第 8 行 · 数值：数值应为数字，如 3200 或 12.5（单位按指标，不要写在格中）',
      '第 9 行 · 来源编号：来源编号「import:ZC01|原煤产量|2026-11-23|3050」在文件中出现了不止一次（同一班组、指标、日期、数值的行也算重复）',
      '产量未导入：7 行共 7 处问题，没有写入任何内容。请改正后重新导入整个文件。',
    ])
    const noHeader = parseCsv(new TextEncoder().encode('team,date,value\nZC01,2026-11-23,1\n'))
    expect(
      formatProductionReport(
        await importProduction(bot.store, noHeader, { dryRun: false, now: NOW, today: '2026-11-25' }),
      ),
    ).toEqual([
      '第 1 行 · 指标：缺少「指标」列：第一行表头应为 班组、指标、日期、数值（可加 来源编号）',
      '产量未导入：1 行共 1 处问题，没有写入任何内容。请改正后重新导入整个文件。',
    ])
    expect(await stored()).toEqual([])
  })
})

describe('npm run import -- production (the CLI)', { timeout: 60_000 }, () => {
  it('imports a file into a database and exits 0, and 1 on a bad file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'production-import-'))
    const dbFile = path.join(dir, 'bot.db')
    bot = await startBot({ file: dbFile })
    const run = (file: string) =>
      new Promise<{ code: number; stdout: string }>((resolve) => {
        const { DATABASE_PATH: _, ...env } = process.env
        execFile(
          path.join(ROOT, 'node_modules/.bin/tsx'),
          ['src/cli/import.ts', 'production', file, '--db', dbFile],
          { cwd: ROOT, env },
          (err, stdout) => resolve({ code: err ? Number(err.code) : 0, stdout }),
        )
      })
    expect(await run(GOOD)).toEqual({
      code: 0,
      stdout: '产量导入完成：新增 5 条，已导入过 0 条（未重复写入），共 5 行。\n',
    })
    expect((await run(BAD)).code).toBe(1)
    expect((await stored()).length).toBe(5)
  })
})
