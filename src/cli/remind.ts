import { parseArgs } from 'node:util'
import { consoleOutbound } from '../../adapters/console/outbound'
import { tickDepsFor } from '../../scheduler/deps'
import { tick } from '../../scheduler/tick'
import { cardToText } from '../cards/card'
import { buildCommandIndex, cardActions } from '../commands/table'
import { ConfigError, loadConfig } from '../config'
import { buildCore } from '../core'
import { openNodeStore } from '../db/node-store'

const USAGE = `npm run remind -- --at <ISO time> [--dry-run] [--db PATH]

运行调度器在该时刻应执行的提醒任务（与机器人每分钟的调度相同，同一时段只发送一次）。
Runs the scheduler's jobs as at that moment (the same tick the bot runs every minute; each slot fires once).
  --at       the moment, e.g. 2026-12-01T09:00:00+08:00 (default: now)
  --dry-run  print what would be sent to whom and change nothing
  --db       the SQLite file (default: DATABASE_PATH or ./data/ronghe.db); the bot may be running`

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`)
  process.exit(2)
}

async function main() {
  let args: ReturnType<typeof parse>
  const parse = () =>
    parseArgs({
      options: {
        at: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        db: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    })
  try {
    args = parse()
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err))
  }
  if (args.values.help) {
    console.log(USAGE)
    return
  }
  const at = args.values.at === undefined ? Date.now() : Date.parse(args.values.at)
  if (Number.isNaN(at))
    fail(`--at "${args.values.at}" is not a time: use ISO 8601, e.g. 2026-12-01T09:00:00+08:00`)
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig({ ...process.env, ...(args.values.db ? { DATABASE_PATH: args.values.db } : {}) })
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message)
    throw err
  }
  const store = openNodeStore(config.databasePath)
  const core = buildCore({
    config,
    store,
    index: buildCommandIndex(),
    actions: cardActions,
    outbounds: [consoleOutbound],
  })
  const dryRun = args.values['dry-run']
  const reports = await tick(tickDepsFor(core), at, { dryRun })
  console.log(
    `${dryRun ? '[dry run] ' : ''}scheduler as at ${new Date(at).toISOString()}: ${reports.length} slot(s) due`,
  )
  for (const r of reports) {
    console.log(`- ${r.job} ${r.slot}: ${r.status}, ${r.messages.length} message(s)`)
    for (const m of r.messages) {
      const body = m.reply.kind === 'card' ? cardToText(m.reply.card) : m.reply.text
      const held = m.notBefore === undefined ? '' : ` (held until ${new Date(m.notBefore).toISOString()})`
      console.log(`  → ${m.platform} ${m.to.kind} ${m.to.id}${held}: ${body.replace(/\n/g, '\n    ')}`)
    }
  }
  store.close()
}

await main()
