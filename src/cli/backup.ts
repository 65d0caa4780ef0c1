import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../config'
import { backupDatabase } from '../db/backup'

const USAGE = `npm run backup -- FILE [--db PATH] [--force]

在机器人运行时在线备份 SQLite 数据库到 FILE（一致的快照，不中断服务）。
Takes an online backup of the SQLite database into FILE while the bot runs (a consistent snapshot).
  --db     the database (default: DATABASE_PATH or ./data/ronghe.db)
  --force  overwrite FILE if it exists`

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`)
  process.exit(2)
}

async function main() {
  let parsed: { values: { db?: string; force?: boolean; help?: boolean }; positionals: string[] }
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    })
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err))
  }
  if (parsed.values.help) {
    console.log(USAGE)
    return
  }
  const [file, ...extra] = parsed.positionals
  if (!file || extra.length > 0) fail('请给出一个备份文件名 / give exactly one backup file name')
  if (fs.existsSync(file) && !parsed.values.force)
    fail(`${file} 已存在，加 --force 覆盖 / ${file} exists: add --force`)
  let source: string
  try {
    source = parsed.values.db ?? loadConfig(process.env).databasePath
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message)
    throw err
  }
  if (source === ':memory:') fail('an in-memory database cannot be backed up')
  const started = Date.now()
  let shown = -1
  const { pages, bytes } = await backupDatabase(source, file, ({ totalPages, remainingPages }) => {
    const percent = totalPages === 0 ? 100 : Math.floor(((totalPages - remainingPages) / totalPages) * 100)
    if (percent >= shown + 10 || remainingPages === 0) {
      shown = percent
      process.stderr.write(`备份中 / copying… ${percent}%\n`)
    }
  }).catch((err: unknown) =>
    fail(`备份失败 / backup failed: ${err instanceof Error ? err.message : String(err)}`),
  )
  console.log(
    `备份完成 / backed up ${source} → ${file}: ${pages} pages, ${bytes} bytes in ${Date.now() - started} ms`,
  )
}

await main()
