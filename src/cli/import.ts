import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../config'
import { type NodeStore, openNodeStore } from '../db/node-store'
import { SAMPLE_QUESTIONS } from '../db/question-bank'
import { localDay } from '../domain/time'
import { formatAssessmentsReport, importAssessments } from '../import/assessments'
import { exportCalendar, formatCalendarReport, importCalendar } from '../import/calendar-import'
import { formatLettersReport, importLetters } from '../import/letters-import'
import { formatProductionReport, importProduction } from '../import/production-import'
import { exportQuestions, questionsCsv } from '../import/questions-export'
import {
  approveQuestions,
  formatApproval,
  formatQuestionsReport,
  importQuestions,
} from '../import/questions-import'
import { readTable, SUPPORTED_TYPES, TableFileError } from '../import/read-table'
import { formatRosterReport } from '../import/report'
import { importRoster } from '../import/roster-import'
import { formatShiftsReport, importShifts } from '../import/shifts-import'
import { KINDS, type Kind, USAGE } from './import-usage'

class UsageError extends Error {}

function kindOf(word: string | undefined): Kind {
  if (!word) throw new UsageError('缺少导入类型：例如 npm run import -- roster 名册.xlsx')
  const kind = (Object.keys(KINDS) as Kind[]).find((k) => k === word.toLowerCase() || KINDS[k] === word)
  if (!kind) throw new UsageError(`未知的导入类型「${word}」：可选 ${Object.keys(KINDS).join('、')}`)
  return kind
}

function databasePath(flag: string | undefined): string {
  if (flag) return flag
  try {
    return loadConfig(process.env).databasePath
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(`环境变量有误：${err.message}；或用 --db 指定数据库`)
    throw err
  }
}

function openDatabase(file: string): NodeStore {
  // Opening a missing file would create an empty organisation and refuse every branch code.
  if (!fs.existsSync(file))
    throw new UsageError(
      `数据库「${file}」不存在：先启动一次机器人（npm start 会创建数据库），或用 --db 指定已有的数据库文件`,
    )
  try {
    return openNodeStore(file)
  } catch (err) {
    throw new UsageError(`无法打开数据库「${file}」：${(err as Error).message}`)
  }
}

async function main(argv: string[]): Promise<number> {
  const parse = (a: string[]) =>
    parseArgs({
      args: a,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        'dry-run': { type: 'boolean' },
        export: { type: 'boolean' },
        sample: { type: 'boolean' },
        approve: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  let args: ReturnType<typeof parse>
  try {
    args = parse(argv)
  } catch (err) {
    throw new UsageError(`参数有误：${(err as Error).message}`)
  }
  if (args.values.help) {
    console.log(USAGE)
    return 0
  }
  const [word, file, ...extra] = args.positionals
  const kind = kindOf(word)
  if (args.values.approve !== undefined) {
    if (kind !== 'questions' || file)
      throw new UsageError(
        '--approve 只用于题库且不带文件：npm run import -- questions --approve AQ-001,AQ-002',
      )
    return approveTo(args.values.approve, databasePath(args.values.db))
  }
  if (!file) throw new UsageError(`缺少文件：请给出 ${SUPPORTED_TYPES} 文件的路径`)
  if (extra.length > 0) throw new UsageError(`多余的参数：${extra.join(' ')}（一次导入一个文件）`)
  if (args.values.sample && !(kind === 'questions' && args.values.export))
    throw new UsageError(
      '--sample 只与题库导出同用：npm run import -- questions --export 示例题库.csv --sample',
    )
  if (args.values.export) {
    if (kind === 'questions')
      return exportQuestionsTo(file, args.values.sample ? null : databasePath(args.values.db))
    if (kind !== 'calendar')
      throw new UsageError('--export 只用于日历和题库：npm run import -- calendar --export 日历.csv')
    return exportCalendarTo(file, databasePath(args.values.db))
  }
  let table: Awaited<ReturnType<typeof readTable>>
  try {
    table = await readTable(file)
  } catch (err) {
    if (err instanceof TableFileError) throw new UsageError(err.message)
    throw err
  }
  const store = openDatabase(databasePath(args.values.db))
  const dryRun = args.values['dry-run'] ?? false
  try {
    const { ok, lines } =
      kind === 'calendar'
        ? reported(await importCalendar(store, table, { dryRun, now: Date.now() }), formatCalendarReport)
        : kind === 'questions'
          ? reported(await importQuestions(store, table, { dryRun, now: Date.now() }), formatQuestionsReport)
          : kind === 'shifts'
            ? reported(await importShifts(store, table, { dryRun, now: Date.now() }), formatShiftsReport)
            : kind === 'production'
              ? reported(await importProductionNow(store, table, dryRun), formatProductionReport)
              : kind === 'letters'
                ? reported(
                    await importLetters(store, table, { dryRun, now: Date.now() }),
                    formatLettersReport,
                  )
                : kind === 'assessments'
                  ? reported(await importAssessmentsNow(store, table, dryRun), formatAssessmentsReport)
                  : reported(await importRoster(store, table, { dryRun }), formatRosterReport)
    for (const line of lines) console.log(line)
    return ok ? 0 : 1
  } catch (err) {
    console.error(`${KINDS[kind]}未导入：写入数据库时出错，没有写入任何内容：${(err as Error).message}`)
    return 1
  } finally {
    store.close()
  }
}

/** The import's clock: today in the bot's zone, for refusing figures of days to come. */
function importProductionNow(
  store: NodeStore,
  table: Awaited<ReturnType<typeof readTable>>,
  dryRun: boolean,
) {
  const now = Date.now()
  const today = localDay(now, loadConfig(process.env).timeZone)
  return importProduction(store, table, { dryRun, now, today })
}

/** A year's assessment can be recorded from that year on: the clock gives this year in the bot's zone. */
function importAssessmentsNow(
  store: NodeStore,
  table: Awaited<ReturnType<typeof readTable>>,
  dryRun: boolean,
) {
  const now = Date.now()
  const thisYear = Number(localDay(now, loadConfig(process.env).timeZone).slice(0, 4))
  return importAssessments(store, table, { dryRun, now, thisYear })
}

const reported = <R extends { ok: boolean }>(report: R, format: (r: R) => string[]) => ({
  ok: report.ok,
  lines: format(report),
})

async function exportCalendarTo(file: string, db: string): Promise<number> {
  const store = openDatabase(db)
  try {
    fs.writeFileSync(file, await exportCalendar(store))
    console.log(`日历已导出到 ${file}：可在 Excel 中修改后用 npm run import -- calendar ${file} 导入`)
    return 0
  } finally {
    store.close()
  }
}

/** `db` null: the shipped sample bank, which needs no database (to review it in Excel before importing it). */
async function exportQuestionsTo(file: string, db: string | null): Promise<number> {
  let exported = { csv: questionsCsv(SAMPLE_QUESTIONS), count: SAMPLE_QUESTIONS.length }
  if (db !== null) {
    const store = openDatabase(db)
    try {
      exported = await exportQuestions(store)
    } finally {
      store.close()
    }
  }
  fs.writeFileSync(file, exported.csv)
  console.log(
    `已导出 ${exported.count} 题到 ${file}：可在 Excel 中审阅、修改后用 npm run import -- questions ${file} 导入`,
  )
  return 0
}

async function approveTo(list: string, db: string): Promise<number> {
  const codes =
    list.trim() === 'all-pending' ? 'all-pending' : list.split(/[,，、\s]+/).filter((c) => c !== '')
  if (codes.length === 0) throw new UsageError('--approve 后面要写编码，如 AQ-001,AQ-002，或 all-pending')
  const store = openDatabase(db)
  try {
    const approval = await approveQuestions(store, codes)
    for (const line of formatApproval(approval)) console.log(line)
    return approval.ok ? 0 : 1
  } finally {
    store.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (err) => {
    if (!(err instanceof UsageError)) throw err
    console.error(err.message)
    console.error('查看用法 / see usage: npm run import -- --help')
    process.exitCode = 2
  },
)
