import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../config'
import { type NodeStore, openNodeStore } from '../db/node-store'
import { readTable, SUPPORTED_TYPES, TableFileError } from '../import/read-table'
import { formatRosterReport } from '../import/report'
import { importRoster } from '../import/roster-import'

const KINDS = {
  roster: '名册',
  questions: '题库',
  calendar: '日历',
  shifts: '班次',
  production: '产量',
  letters: '责任书',
} as const
type Kind = keyof typeof KINDS
const IMPLEMENTED: Kind[] = ['roster']

const USAGE = `用法 Usage: npm run import -- <类型 kind> <文件 FILE> [--db 路径 PATH] [--dry-run]

把 CSV（UTF-8）或 XLSX 文件导入机器人的数据库：全部导入或一行也不写，并报告每个有问题的行（行号、列、原因）。
Imports a CSV (UTF-8) or XLSX file into the bot's database: all rows or none, with a report of every bad
row (row number, column, what is wrong). Works on a running or a stopped bot's database.

类型 kinds:
  roster      名册 members, roles, platform accounts
  questions   题库 question bank           （尚未上线 not available yet）
  calendar    日历 activity calendar       （尚未上线 not available yet）
  shifts      班次 shifts                  （尚未上线 not available yet）
  production  产量 production plan         （尚未上线 not available yet）
  letters     责任书 responsibility letters（尚未上线 not available yet）

选项 options:
  --db PATH    数据库文件；默认取 DATABASE_PATH，否则 ./data/ronghe.db
               SQLite file; default $DATABASE_PATH, else ./data/ronghe.db
  --dry-run    只检查并报告，不写入 / validate and report, write nothing
  -h, --help   显示本帮助 / show this help

名册的列 roster columns（第 1 行为表头 / row 1 is the header; Chinese or English names）:
  工号 employee_no        必填，2–20 位字母或数字 / required, 2–20 letters or digits, unique
  姓名 name               必填，最多 20 个字 / required, at most 20 characters
  支部编码 branch_code    必填，已有支部，如 ZC01 / required, an existing branch
  党小组编码 group_code   可选，该支部下的党小组 / optional, a group of that branch
  角色 roles              可选 书记 领导 管理员 调度员 纪检，以 、 , ; 或空格分隔；书记属本支部，其余默认属党委，
                          领导:ZC01 指定单位 / secretary leader admin dispatcher inspector; leader:ZC01 names the unit
  飞书ID feishu_id        可选，飞书 open_id / optional
  TelegramID telegram_id  可选，数字用户 ID / optional, numeric user id
  在册 active             是/否、1/0、true/false，默认 是 / default yes
文件中没有的成员保持原样 / members not in the file are left as they are.

退出码 exit codes: 0 已导入 imported · 1 文件被拒绝 refused · 2 用法错误 usage error
示例 example: npm run import -- roster 名册.xlsx --dry-run`

class UsageError extends Error {}

function kindOf(word: string | undefined): Kind {
  if (!word) throw new UsageError('缺少导入类型：例如 npm run import -- roster 名册.xlsx')
  const kind = (Object.keys(KINDS) as Kind[]).find((k) => k === word.toLowerCase() || KINDS[k] === word)
  if (!kind) throw new UsageError(`未知的导入类型「${word}」：可选 ${Object.keys(KINDS).join('、')}`)
  if (!IMPLEMENTED.includes(kind)) throw new UsageError(`「${kind}」导入将随对应功能上线 (not available yet)`)
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
  kindOf(word)
  if (!file) throw new UsageError(`缺少文件：请给出 ${SUPPORTED_TYPES} 文件的路径`)
  if (extra.length > 0) throw new UsageError(`多余的参数：${extra.join(' ')}（一次导入一个文件）`)
  let table: Awaited<ReturnType<typeof readTable>>
  try {
    table = await readTable(file)
  } catch (err) {
    if (err instanceof TableFileError) throw new UsageError(err.message)
    throw err
  }
  const store = openDatabase(databasePath(args.values.db))
  try {
    const report = await importRoster(store, table, { dryRun: args.values['dry-run'] ?? false })
    for (const line of formatRosterReport(report)) console.log(line)
    return report.ok ? 0 : 1
  } catch (err) {
    console.error(`名册未导入：写入数据库时出错，没有写入任何内容：${(err as Error).message}`)
    return 1
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
