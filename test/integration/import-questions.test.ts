import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { count, eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type NodeStore, openNodeStore } from '../../src/db/node-store'
import { draftOf, SAMPLE_QUESTIONS, seedQuestions } from '../../src/db/question-bank'
import { questions } from '../../src/db/schema'
import { prepareDatabase } from '../../src/db/seed'
import { exportQuestions, questionsCsv } from '../../src/import/questions-export'
import { approveQuestions, importQuestions } from '../../src/import/questions-import'
import { parseCsv, readTable } from '../../src/import/read-table'
import { FIXED_NOW } from '../support/bot'

const ROOT = path.resolve(__dirname, '../..')
const GOOD = path.join(ROOT, 'test/fixtures/questions/good.csv')
const BAD = path.join(ROOT, 'test/fixtures/questions/bad.csv')
const SAMPLE_FILE = path.join(ROOT, 'data/questions-sample.csv')

let dir: string
let dbFile: string
let store: NodeStore

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'questions-'))
  dbFile = path.join(dir, 'bot.db')
  store = openNodeStore(dbFile)
})
afterEach(() => {
  store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const importFile = async (file: string, dryRun = false) =>
  importQuestions(store, await readTable(file), { dryRun, now: FIXED_NOW })
const total = async () => (await store.db.select({ n: count() }).from(questions))[0]?.n
const row = async (code: string) =>
  (await store.db.select().from(questions).where(eq(questions.code, code)))[0]
const statuses = async () =>
  Object.fromEntries((await store.db.select().from(questions)).map((r) => [r.code, r.status]))
const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code)
const bank = async () => (await store.db.select().from(questions)).map(draftOf).sort(byCode)

describe('importing a question bank', () => {
  it('imports a good CSV as pending, normalising answers and warning about a keyed option missing from the quote', async () => {
    const report = await importFile(GOOD)
    expect(report.problems).toEqual([])
    expect(report.summary).toEqual({ rows: 5, inserted: 5, updated: 0, unchanged: 0, pending: 5 })
    // QA-105 keys 「12个月」 while its quote says 一年: a paraphrase the reviewer must look at, not a refusal.
    expect(report.warnings).toEqual([
      { row: 6, column: '原文', message: '答案选项B「12个月」没有原样出现在原文中：请核对答案与原文' },
    ])
    expect(await total()).toBe(5)
    expect(await row('QA-102')).toMatchObject({
      kind: 'multiple',
      answer: 'ABC',
      options: JSON.stringify(['一氧化碳', '硫化氢', '氨', '氦气']),
      status: 'pending',
      createdBy: 'import',
      createdAt: FIXED_NOW,
    })
    expect(await row('QA-103')).toMatchObject({ kind: 'judge', answer: 'T', options: '[]', difficulty: 1 })
    expect(await row('QA-104')).toMatchObject({ answer: 'T', category: '党章党规' })
    expect(await row('QA-105')).toMatchObject({ answer: 'B', explanation: '' })
  })

  it('imports an XLSX with English headers', async () => {
    const wb = new ExcelJS.Workbook()
    const sheet = wb.addWorksheet('题库')
    const rows = [
      ['code', 'kind', 'category', 'difficulty', 'stem', 'option_a', 'option_b', 'answer', 'source', 'quote'],
      [
        'X-1',
        'single',
        '安全生产',
        2,
        '进风井口以下的空气温度必须在多少以上？',
        '0℃',
        '2℃',
        'B',
        '《煤矿安全规程》',
        '进风井口以下的空气温度（干球温度，下同）必须在2℃以上。',
      ],
      [
        'X-2',
        'judge',
        '党章党规',
        1,
        '预备党员的预备期为一年。',
        null,
        null,
        'T',
        '《中国共产党章程》第七条',
        '预备党员的预备期为一年。',
      ],
    ]
    rows.forEach((cells, i) => {
      sheet.getRow(i + 1).values = cells
    })
    const file = path.join(dir, '题库.xlsx')
    await wb.xlsx.writeFile(file)
    const report = await importFile(file)
    expect(report.problems).toEqual([])
    expect(report.warnings).toEqual([])
    expect(report.summary).toMatchObject({ inserted: 2 })
    expect(await row('X-1')).toMatchObject({
      answer: 'B',
      difficulty: 2,
      options: JSON.stringify(['0℃', '2℃']),
    })
    expect(await row('X-2')).toMatchObject({ kind: 'judge', answer: 'T' })
  })

  it('refuses a bad file, writes nothing, and names every bad row and column', async () => {
    await seedQuestions(store.db, FIXED_NOW, 'pending')
    const report = await importFile(BAD)
    expect(report.ok).toBe(false)
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [2, '题干'],
      [2, '答案'],
      [3, '选项B'],
      [4, '答案'],
      [5, '答案'],
      [6, '答案'],
      [7, '编码'],
      [8, '题干'],
      [9, '出处'],
      [9, '原文'],
      [10, '题干'],
      [11, '题型'],
      [12, '难度'],
      [13, '答案'],
      [14, '选项C'],
      [15, '选项A'],
      [16, '编码'],
      [18, '分类'],
    ])
    const messages = report.problems.map((p) => p.message)
    expect(messages).toContain('答案「E」中的 E 不在本题的选项中：本题选项为 A、B、C、D')
    expect(messages).toContain('单选题只能有一个答案，这里是「AB」：有多个正确选项请把题型改为 多选')
    expect(messages).toContain('判断题答案「是」无效：应为 对/错、T/F 或 √/×')
    expect(messages).toContain('编码「BQ-001」与第 2 行重复：每道题的编码只能出现一次')
    expect(messages).toContain('题干与第 3 行相同：同一道题只能出现一次')
    expect(messages).toContain('题干与题库中的 DZ-001 相同：要修改那道题请用编码 DZ-001，否则请改写题干')
    expect(messages).toContain('单选题至少要有 2 个选项（选项A、选项B）')
    expect(await total()).toBe(SAMPLE_QUESTIONS.length)
  })

  it('reports the header when required columns are missing', async () => {
    const report = importQuestions(
      store,
      parseCsv(new TextEncoder().encode('编码,题干,答案\nA-1,题？,A\n')),
      {
        now: FIXED_NOW,
      },
    )
    expect((await report).problems.map((p) => [p.row, p.column])).toEqual([
      [1, '题型'],
      [1, '分类'],
      [1, '出处'],
      [1, '原文'],
    ])
  })

  it('writes nothing on --dry-run', async () => {
    const report = await importFile(GOOD, true)
    expect(report).toMatchObject({ ok: true, dryRun: true, summary: { inserted: 5 } })
    expect(await total()).toBe(0)
  })

  it('is idempotent, keeps an approval while the content is unchanged, and sends a changed question back to review', async () => {
    await importFile(GOOD)
    const again = await importFile(GOOD)
    expect(again.summary).toEqual({ rows: 5, inserted: 0, updated: 0, unchanged: 5, pending: 5 })
    await approveQuestions(store, ['QA-101', 'QA-102'])
    const id = (await row('QA-101'))?.id
    expect((await importFile(GOOD)).summary).toEqual({
      rows: 5,
      inserted: 0,
      updated: 0,
      unchanged: 5,
      pending: 3,
    })
    expect(await statuses()).toMatchObject({ 'QA-101': 'approved', 'QA-102': 'approved' })
    const edited = path.join(dir, 'edited.csv')
    fs.writeFileSync(
      edited,
      fs.readFileSync(GOOD, 'utf8').replace('二氧化硫有强烈刺激性。', '二氧化硫有刺激性。'),
    )
    expect((await importFile(edited)).summary).toEqual({
      rows: 5,
      inserted: 0,
      updated: 1,
      unchanged: 4,
      pending: 4,
    })
    expect(await row('QA-101')).toMatchObject({ id, status: 'pending', explanation: '二氧化硫有刺激性。' })
    expect((await row('QA-102'))?.status).toBe('approved')
  })
})

describe('approving questions', () => {
  beforeEach(async () => {
    await importFile(GOOD)
  })

  it('approves the named pending questions and says which were approved already', async () => {
    const first = await approveQuestions(store, ['QA-103', 'QA-101'])
    expect(first).toEqual({
      ok: true,
      approved: [
        { code: 'QA-101', stem: '煤矿井下二氧化硫（SO2）的最高允许浓度是？' },
        { code: 'QA-103', stem: '硫化氢（H2S）的最高允许浓度是0.00066%。' },
      ],
      already: [],
      unknown: [],
      retired: [],
    })
    const second = await approveQuestions(store, ['QA-101', 'QA-104'])
    expect(second).toMatchObject({ ok: true, approved: [{ code: 'QA-104' }], already: ['QA-101'] })
  })

  it('approves nothing when a code is unknown or retired', async () => {
    await store.db.update(questions).set({ status: 'retired' }).where(eq(questions.code, 'QA-105'))
    expect(await approveQuestions(store, ['QA-101', 'QA-999'])).toMatchObject({
      ok: false,
      unknown: ['QA-999'],
    })
    expect(await approveQuestions(store, ['QA-101', 'QA-105'])).toMatchObject({
      ok: false,
      retired: ['QA-105'],
    })
    expect((await row('QA-101'))?.status).toBe('pending')
  })

  it('approves every pending question with all-pending', async () => {
    const all = await approveQuestions(store, 'all-pending')
    expect(all.approved.map((q) => q.code)).toEqual(['QA-101', 'QA-102', 'QA-103', 'QA-104', 'QA-105'])
    expect(new Set(Object.values(await statuses()))).toEqual(new Set(['approved']))
  })
})

describe('the sample bank and the export', () => {
  it('ships data/questions-sample.csv as the export of the sample bank', () => {
    expect(fs.readFileSync(SAMPLE_FILE, 'utf8')).toBe(questionsCsv(SAMPLE_QUESTIONS))
  })

  it('imports the sample file as the same bank, all pending, without a warning', async () => {
    const report = await importFile(SAMPLE_FILE)
    expect(report).toMatchObject({ ok: true, problems: [], warnings: [] })
    expect(await bank()).toEqual([...SAMPLE_QUESTIONS].sort(byCode))
    expect(new Set(Object.values(await statuses()))).toEqual(new Set(['pending']))
  })

  it('round-trips the database through export and import', async () => {
    expect(await seedQuestions(store.db, FIXED_NOW, 'pending')).toBe(SAMPLE_QUESTIONS.length)
    expect(await seedQuestions(store.db, FIXED_NOW, 'pending')).toBe(0)
    await importFile(GOOD)
    const { csv, count: n } = await exportQuestions(store)
    expect(n).toBe(SAMPLE_QUESTIONS.length + 5)
    const before = await bank()
    const other = openNodeStore(path.join(dir, 'other.db'))
    try {
      const report = await importQuestions(other, parseCsv(new TextEncoder().encode(csv)), { now: FIXED_NOW })
      expect(report.summary).toMatchObject({ inserted: SAMPLE_QUESTIONS.length + 5 })
      expect((await other.db.select().from(questions)).map(draftOf).sort(byCode)).toEqual(before)
    } finally {
      other.close()
    }
    // Back into the same database: nothing changes.
    const same = await importQuestions(store, parseCsv(new TextEncoder().encode(csv)), { now: FIXED_NOW })
    expect(same.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: SAMPLE_QUESTIONS.length + 5 })
  })

  it('seeds the demo with the sample bank approved, once', async () => {
    await prepareDatabase(store, { seedDemo: true, now: FIXED_NOW })
    await prepareDatabase(store, { seedDemo: true, now: FIXED_NOW + 1 })
    const rows = await store.db.select().from(questions)
    expect(rows).toHaveLength(SAMPLE_QUESTIONS.length)
    expect(new Set(rows.map((r) => `${r.status}/${r.createdBy}/${r.createdAt}`))).toEqual(
      new Set([`approved/demo/${FIXED_NOW}`]),
    )
  })

  it('does not seed questions without the demo', async () => {
    await prepareDatabase(store, { seedDemo: false, now: FIXED_NOW })
    expect(await total()).toBe(0)
  })
})

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_PATH: _ignored, ...env } = process.env
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['src/cli/import.ts', ...args],
      { cwd: ROOT, env },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    )
  })
}

// Each run starts tsx (about 2 s), so these get room beyond the default timeout.
describe('npm run import -- questions (the CLI)', { timeout: 60_000 }, () => {
  it('imports, approves and exports', async () => {
    const imported = await cli(['questions', GOOD, '--db', dbFile])
    expect(imported).toMatchObject({ code: 0, stderr: '' })
    expect(imported.stdout).toBe(
      '提醒 第 6 行 · 原文：答案选项B「12个月」没有原样出现在原文中：请核对答案与原文\n' +
        '题库导入完成：新增 5 题，更新 0 题，未变 0 题（共 5 行）。5 题待审核，审核后才会出现在每日答题中：' +
        'npm run import -- questions --approve 编码,编码… 或 --approve all-pending；有 1 处提醒，审核时请核对。\n',
    )
    const approved = await cli(['questions', '--approve', 'QA-104,QA-999', '--db', dbFile])
    expect(approved).toMatchObject({
      code: 1,
      stdout: '题库中没有这些编码：QA-999\n没有审核任何题目：请改正编码后重试。\n',
    })
    const ok = await cli(['questions', '--approve', 'QA-104', '--db', dbFile])
    expect(ok).toMatchObject({
      code: 0,
      stdout: '已审核 QA-104：党员有退党的自由。\n共审核通过 1 题，已可出现在每日答题中。\n',
    })
    const out = path.join(dir, 'out.csv')
    expect(await cli(['questions', '--export', out, '--db', dbFile])).toMatchObject({ code: 0 })
    expect(fs.readFileSync(out, 'utf8').split('\r\n')[0]).toBe(
      '\uFEFF编码,题型,分类,难度,题干,选项A,选项B,选项C,选项D,答案,解析,出处,原文',
    )
  })

  it('refuses a bad file with exit code 1 (row 10 is fine here: the bank is empty), and --approve with a file as a usage error', async () => {
    const bad = await cli(['questions', BAD, '--db', dbFile])
    expect(bad.code).toBe(1)
    expect(bad.stdout).toContain('第 2 行 · 题干：题干为空：每行都要有题干')
    expect(bad.stdout).toContain('题库未导入：15 行共 17 处问题，没有写入任何内容。')
    const usage = await cli(['questions', GOOD, '--approve', 'all-pending', '--db', dbFile])
    expect(usage.code).toBe(2)
  })
})
