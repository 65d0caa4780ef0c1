import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { count, eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type NodeStore, openNodeStore } from '../../src/db/node-store'
import { members, orgUnits, roleAssignments, rosterIds } from '../../src/db/schema'
import { seedDemo } from '../../src/db/seed'
import { readTable } from '../../src/import/read-table'
import { importRoster } from '../../src/import/roster-import'
import { FIXED_NOW } from '../support/bot'

const ROOT = path.resolve(__dirname, '../..')
const GOOD = path.join(ROOT, 'test/fixtures/roster/good.csv')
const BAD = path.join(ROOT, 'test/fixtures/roster/bad.csv')

let dir: string
let dbFile: string
let store: NodeStore

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-'))
  dbFile = path.join(dir, 'bot.db')
  store = openNodeStore(dbFile)
  await seedDemo(store.db, FIXED_NOW)
})
afterEach(() => {
  store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const countOf = async (table: typeof members | typeof roleAssignments | typeof rosterIds) =>
  (await store.db.select({ n: count() }).from(table))[0]?.n

async function rolesOf(employeeNo: string) {
  const rows = await store.db
    .select({ role: roleAssignments.role, unit: orgUnits.code })
    .from(roleAssignments)
    .innerJoin(members, eq(members.id, roleAssignments.memberId))
    .innerJoin(orgUnits, eq(orgUnits.id, roleAssignments.unitId))
    .where(eq(members.employeeNo, employeeNo))
  return rows.map((r) => `${r.role}@${r.unit}`).sort()
}

async function memberRow(employeeNo: string) {
  const [row] = await store.db
    .select({ name: members.name, group: orgUnits.code, active: members.active })
    .from(members)
    .leftJoin(orgUnits, eq(orgUnits.id, members.groupId))
    .where(eq(members.employeeNo, employeeNo))
  return row
}

const importFile = async (file: string, dryRun = false) =>
  importRoster(store, await readTable(file), { dryRun })

function writeCsv(name: string, lines: string[]) {
  const file = path.join(dir, name)
  fs.writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

async function writeXlsx(name: string, rows: (string | number | null)[][]) {
  const wb = new ExcelJS.Workbook()
  const sheet = wb.addWorksheet('名册')
  rows.forEach((cells, i) => {
    sheet.getRow(i + 1).values = cells
  })
  const file = path.join(dir, name)
  await wb.xlsx.writeFile(file)
  return file
}

describe('importing a roster', () => {
  it('imports a good CSV with roles and accounts', async () => {
    // The demo has 40 members and 9 role rows (4 secretaries, 2 leaders, admin, dispatcher, inspector).
    expect(await countOf(members)).toBe(40)
    expect(await countOf(roleAssignments)).toBe(9)
    const report = await importFile(GOOD)
    expect(report.problems).toEqual([])
    expect(report.summary).toEqual({ rows: 7, inserted: 5, updated: 1, unchanged: 1, untouched: 38 })
    expect(await countOf(members)).toBe(45)
    expect(await countOf(roleAssignments)).toBe(14)
    expect(await rolesOf('2001')).toEqual(['secretary@ZC01'])
    expect(await rolesOf('2003')).toEqual(['dispatcher@DW', 'inspector@DW'])
    expect(await rolesOf('2004')).toEqual(['leader@JD01'])
    expect(await rolesOf('2005')).toEqual(['admin@DW'])
    expect(await rolesOf('1001')).toEqual(['secretary@ZC01'])
    expect(await memberRow('1002')).toEqual({ name: '李卫东', group: 'ZC01-2', active: true })
    expect(await memberRow('2005')).toEqual({ name: '郑红', group: 'ZC01-2', active: false })
    const accounts = await store.db
      .select({ platform: rosterIds.platform, id: rosterIds.platformUserId, no: members.employeeNo })
      .from(rosterIds)
      .innerJoin(members, eq(members.id, rosterIds.memberId))
      .where(eq(members.employeeNo, '2001'))
    expect(accounts).toEqual([{ platform: 'feishu', id: 'ou_7d8a6e6df7621556ce0d21922b676706', no: '2001' }])
    // 4 simulator accounts from the demo stay; 1 feishu and 1 telegram id are added.
    expect(await countOf(rosterIds)).toBe(6)
  })

  it('reports everything unchanged when the same file is imported again', async () => {
    await importFile(GOOD)
    const again = await importFile(GOOD)
    expect(again.summary).toEqual({ rows: 7, inserted: 0, updated: 0, unchanged: 7, untouched: 38 })
    expect(await countOf(members)).toBe(45)
    expect(await countOf(roleAssignments)).toBe(14)
    expect(await countOf(rosterIds)).toBe(6)
  })

  it('refuses a bad CSV, writes nothing, and names each bad row and column', async () => {
    const report = await importFile(BAD)
    expect(report.ok).toBe(false)
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [2, '工号'],
      [4, '工号'],
      [5, '支部编码'],
      [6, '党小组编码'],
      [7, '角色'],
      [8, '姓名'],
    ])
    expect(report.problems[0]?.message).toBe('工号「10a!」无效：应为 2–20 位字母或数字')
    expect(report.problems[1]?.message).toBe('工号「3001」与第 3 行重复：每个工号只能出现一次')
    expect(report.problems[3]?.message).toBe(
      '党小组「JD01-1」不属于支部 ZC01：应为 ZC01-1、ZC01-2 之一或留空',
    )
    expect(await countOf(members)).toBe(40)
    expect(await countOf(roleAssignments)).toBe(9)
  })

  it('refuses an account another member outside the file already holds', async () => {
    await importFile(GOOD)
    const file = writeCsv('taken.csv', [
      '工号,姓名,支部编码,飞书ID',
      '2002,钱立华,ZC01,ou_7d8a6e6df7621556ce0d21922b676706',
    ])
    const report = await importFile(file)
    expect(report.problems).toEqual([
      {
        row: 2,
        column: '飞书ID',
        message:
          '飞书ID「ou_7d8a6e6df7621556ce0d21922b676706」已属于成员 2001 赵新民（不在本文件中）：一个账号只能对应一名成员',
      },
    ])
  })

  it('lets two members in one file swap their accounts', async () => {
    const file = writeCsv('swap.csv', [
      '工号,姓名,支部编码,TelegramID',
      '2101,甲,ZC01,111',
      '2102,乙,ZC01,222',
    ])
    await importFile(file)
    const swapped = writeCsv('swap2.csv', [
      '工号,姓名,支部编码,TelegramID',
      '2101,甲,ZC01,222',
      '2102,乙,ZC01,111',
    ])
    expect((await importFile(swapped)).summary).toMatchObject({ updated: 2 })
    const [row] = await store.db
      .select({ id: rosterIds.platformUserId })
      .from(rosterIds)
      .innerJoin(members, eq(members.id, rosterIds.memberId))
      .where(eq(members.employeeNo, '2101'))
    expect(row?.id).toBe('222')
  })

  it('imports a good XLSX with English headers and numeric cells', async () => {
    const file = await writeXlsx('good.xlsx', [
      ['employee_no', 'name', 'branch_code', 'group_code', 'roles', 'telegram_id', 'active'],
      [3001, '冯志远', 'TF01', 'TF01-1', 'secretary leader:TF01', 987654321, 'true'],
      [3002, '陈晓', 'JG01', null, null, null, '否'],
    ])
    const report = await importFile(file)
    expect(report.problems).toEqual([])
    expect(report.summary).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 })
    expect(await rolesOf('3001')).toEqual(['leader@TF01', 'secretary@TF01'])
    expect(await memberRow('3002')).toEqual({ name: '陈晓', group: null, active: false })
    expect(await countOf(members)).toBe(42)
  })

  it('refuses a bad XLSX with spreadsheet row numbers, blank rows counted', async () => {
    const file = await writeXlsx('bad.xlsx', [
      ['工号', '姓名', '支部编码', 'TelegramID'],
      ['3001', '冯志远', 'TF01', null],
      [null, null, null, null],
      ['3002', '陈晓', 'ZC01-1', null],
      ['3003', '褚明', 'JD01', '@chuming'],
    ])
    const report = await importFile(file)
    expect(report.problems).toEqual([
      { row: 4, column: '支部编码', message: '「ZC01-1」是党小组的编码，不是支部：支部编码列应填支部编码' },
      {
        row: 5,
        column: 'TelegramID',
        message: 'TelegramID「@chuming」无效：应为数字用户 ID，如 123456789，不是 @用户名',
      },
    ])
    expect(await countOf(members)).toBe(40)
  })

  it('writes nothing on a dry run but reports what it would do', async () => {
    const report = await importFile(GOOD, true)
    expect(report.summary).toEqual({ rows: 7, inserted: 5, updated: 1, unchanged: 1, untouched: 38 })
    expect(await countOf(members)).toBe(40)
    expect(await memberRow('1002')).toEqual({ name: '李卫东', group: 'ZC01-1', active: true })
  })
})

type Run = { code: number; stdout: string; stderr: string }

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const { DATABASE_PATH: _, ...rest } = process.env
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['src/cli/import.ts', ...args],
      { cwd: ROOT, env: { ...rest, ...env } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

// Each run starts tsx (about 2 s here), so these get room beyond the default timeout.
describe('npm run import (the CLI)', { timeout: 60_000 }, () => {
  it('imports a good file and exits 0', async () => {
    const run = await cli(['roster', GOOD, '--db', dbFile])
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).toBe(
      '名册导入完成：新增 5 人，更新 1 人，未变 1 人（共 7 行）。' +
        '文件中没有的 38 名成员保持原样（不会删除；如已离开，请在文件中把「在册」填为 否）。\n',
    )
    expect(await countOf(members)).toBe(45)
  })

  it('takes the database from DATABASE_PATH and writes nothing with --dry-run', async () => {
    const run = await cli(['roster', GOOD, '--dry-run'], { DATABASE_PATH: dbFile })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^试运行（--dry-run，未写入）：名册可以导入：新增 5 人，更新 1 人，未变 1 人/)
    expect(await countOf(members)).toBe(40)
  })

  it('refuses a bad file with exit 1 and prints every bad row', async () => {
    const run = await cli(['roster', BAD, '--db', dbFile])
    expect(run.code).toBe(1)
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      '第 2 行 · 工号：工号「10a!」无效：应为 2–20 位字母或数字',
      '第 4 行 · 工号：工号「3001」与第 3 行重复：每个工号只能出现一次',
      '第 5 行 · 支部编码：支部编码「XX99」不存在：应为已有支部的编码，如 ZC01、JD01、TF01',
      '第 6 行 · 党小组编码：党小组「JD01-1」不属于支部 ZC01：应为 ZC01-1、ZC01-2 之一或留空',
      '第 7 行 · 角色：角色「组长」无效：可选 书记、领导、管理员、调度员、纪检（或 secretary、leader、admin、dispatcher、inspector），指定单位写作 领导:ZC01',
      '第 8 行 · 姓名：姓名为空：每行都要填成员姓名',
      '名册未导入：6 行共 6 处问题，没有写入任何内容。请改正后重新导入整个文件。',
    ])
    expect(await countOf(members)).toBe(40)
  })

  it('answers usage errors with exit 2 and says what to do', async () => {
    const [unknown, missing, noFile, wrongType] = await Promise.all([
      cli(['members', GOOD, '--db', dbFile]),
      cli(['roster', '--db', dbFile]),
      cli(['roster', path.join(dir, 'nope.csv'), '--db', dbFile]),
      cli(['roster', writeCsv('roster.txt', ['工号']), '--db', dbFile]),
    ])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(
      /^未知的导入类型「members」：可选 roster、questions、calendar、shifts、production、letters、assessments\n/,
    )
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^缺少文件/)
    expect(noFile.code).toBe(2)
    expect(noFile.stderr).toMatch(/^找不到文件「.*nope\.csv」/)
    expect(wrongType.code).toBe(2)
    expect(wrongType.stderr).toMatch(/^不支持的文件类型「\.txt」：支持 \.csv（UTF-8，逗号分隔）或 \.xlsx/)
    expect(await countOf(members)).toBe(40)
  })

  it('prints usage in Chinese and English with --help', async () => {
    const run = await cli(['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /^用法 Usage: npm run import -- <类型 kind> <文件 FILE> \[--db 路径 PATH\] \[--dry-run\]/,
    )
    for (const kind of ['roster', 'questions', 'calendar', 'shifts', 'production', 'letters'])
      expect(run.stdout).toContain(`  ${kind} `)
  })
})
