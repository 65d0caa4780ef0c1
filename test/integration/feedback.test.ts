import { getTableName, is } from 'drizzle-orm'
import { SQLiteTable } from 'drizzle-orm/sqlite-core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nodeCrypto } from '../../adapters/feishu/crypto-node'
import { buildApp } from '../../src/app'
import { buildCommandIndex, cardActions } from '../../src/commands/table'
import { loadConfig } from '../../src/config'
import { buildCore } from '../../src/core'
import type { NodeStore } from '../../src/db/node-store'
import * as schema from '../../src/db/schema'
import { platformsFor } from '../../src/platforms'
import { FIXED_NOW, openSeededStore } from '../support/bot'

/** The demo's u1005: a bound member of 综采一队党支部 (ZC01), member id 5, employee no. 1005. */
const REPORTER = { userId: 'u1005', name: '陈红梅', employeeNo: '1005', memberId: 5 }

type Row = Record<string, unknown>
const tables = Object.values(schema).filter((t) => is(t, SQLiteTable)) as SQLiteTable[]

/** Every row of every table, as JSON strings per table: the whole database, to compare before and after. */
function snapshot(store: NodeStore): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const t of tables) {
    const name = getTableName(t)
    const rows = store.sqlite.prepare(`SELECT * FROM "${name}"`).all() as Row[]
    out.set(name, new Set(rows.map((r) => JSON.stringify(r))))
  }
  return out
}

/** Rows that appeared or changed between two snapshots, by table. */
function changed(before: Map<string, Set<string>>, after: Map<string, Set<string>>): [string, Row][] {
  const out: [string, Row][] = []
  for (const [name, rows] of after)
    for (const r of rows) if (!before.get(name)?.has(r)) out.push([name, JSON.parse(r) as Row])
  return out
}

/** Cells that name the reporter: the account, the name or the employee number anywhere; the member id in a reference column. */
function traces(name: string, row: Row): string[] {
  const found: string[] = []
  for (const [col, v] of Object.entries(row)) {
    const s = String(v)
    if (s.includes(REPORTER.userId) || s.includes(REPORTER.name) || s.includes(REPORTER.employeeNo))
      found.push(`${name}.${col}=${s}`)
    const reference = col !== 'id' && /(_id|_by|^actor|^reporter|^member|^owner|^leader)/.test(col)
    if (reference && v === REPORTER.memberId) found.push(`${name}.${col}=${s}`)
  }
  return found
}

let store: NodeStore
let logs: string[]
let say: (userId: string, text: string, chatId?: string) => Promise<string>
let drain: () => Promise<void>

beforeEach(async () => {
  store = await openSeededStore()
  logs = []
  for (const method of ['log', 'error', 'warn', 'info', 'debug'] as const)
    vi.spyOn(console, method).mockImplementation(
      (...args: unknown[]) => void logs.push(args.map(String).join(' ')),
    )
  const config = loadConfig({ DATABASE_PATH: ':memory:', FEEDBACK_SALT: 'test-salt-0123456789abcdef' })
  const platforms = platformsFor(config, nodeCrypto)
  const background: (() => Promise<unknown>)[] = []
  const core = buildCore({
    config,
    store,
    index: buildCommandIndex(),
    actions: cardActions,
    outbounds: platforms.outbounds,
    clock: () => FIXED_NOW,
    schedule: (task) => void background.push(task),
    log: (msg, err) => void logs.push(`${msg} ${err instanceof Error ? err.stack : String(err ?? '')}`),
    // The per-event log line, as the Node shell writes it.
    logEvent: (line) => void logs.push(JSON.stringify(line)),
  })
  const app = buildApp(core, platforms.mounts(core))
  say = async (userId, text, chatId = userId) => {
    const res = await app.request('/dev/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chatId, userId, text }),
    })
    const body = (await res.json()) as { replies: { text: string }[] }
    return body.replies.map((r) => r.text).join('\n')
  }
  drain = async () => {
    while (background.length) await background.shift()?.()
    await core.dispatcher.drain()
  }
})
afterEach(() => {
  vi.restoreAllMocks()
  store.close()
})

describe('反映 匿名', () => {
  it('says it is anonymous, gives a number, and leaves nothing that links the report to the reporter', async () => {
    // The identifiers the scan looks for are the reporter's own (a drifted fixture would make the scan vacuous).
    expect(store.sqlite.prepare("SELECT id, name FROM members WHERE employee_no = '1005'").get()).toEqual({
      id: REPORTER.memberId,
      name: REPORTER.name,
    })
    const before = snapshot(store)
    const answer = await say(REPORTER.userId, '反映 匿名 安全生产 井口照明不足，夜班看不清')
    expect(answer).toBe(
      '这是一条匿名反映（类别：安全生产），编号 1，请自行记下编号。系统不保存您的身份：反映记录里没有您的名字，本条回复送达后机器人也不再保留发给您的记录，因此处理结果无法通知您。',
    )
    await drain()
    const fresh = changed(before, snapshot(store))
    // The report is there, with its text and no reporter…
    expect(
      fresh.filter(([t]) => t === 'ledger_items').map(([, r]) => [r.id, r.anonymous, r.reporter_id, r.text]),
    ).toEqual([[1, 1, null, '井口照明不足,夜班看不清']])
    expect(fresh.map(([t]) => t).sort()).toEqual([
      'feedback_quota',
      'inbox',
      'ledger_history',
      'ledger_items',
      'outbox',
    ])
    // …and no new or changed row anywhere names the reporter.
    expect(fresh.flatMap(([t, r]) => traces(t, r))).toEqual([])
    // Not even the rows of the whole inbox and outbox, nor the log.
    const all = snapshot(store)
    const everywhere = [...(all.get('inbox') ?? []), ...(all.get('outbox') ?? [])].join('\n')
    expect(everywhere).not.toContain(REPORTER.userId)
    expect(everywhere).not.toContain('井口照明')
    expect(logs.some((l) => l.includes('"outcome":"ran:feedback"'))).toBe(true)
    expect(logs.join('\n')).not.toMatch(
      new RegExp(`${REPORTER.userId}|${REPORTER.name}|${REPORTER.employeeNo}`),
    )
    const [inboxRow] = store.sqlite.prepare('SELECT payload, message_id, outcome FROM inbox').all() as Row[]
    expect(inboxRow).toEqual({ payload: '{"redacted":true}', message_id: null, outcome: 'ran:feedback' })
    const [outboxRow] = store.sqlite.prepare('SELECT target_id, reply, status FROM outbox').all() as Row[]
    expect(outboxRow).toEqual({ target_id: '', reply: '{"kind":"text","text":""}', status: 'sent' })
  })

  it('takes 匿名 at the end too, and from someone who never bound', async () => {
    expect(await say('u1009', '反映 领导作风粗暴 匿名')).toMatch(/^这是一条匿名反映（类别：其他），编号 1，/)
    await drain()
    const rows = store.sqlite.prepare('SELECT branch_id, reporter_id, category FROM ledger_items').all()
    // Filed at the top of the organisation (DW, unit 1), so not even a branch narrows the reporter down.
    expect(rows).toEqual([{ branch_id: 1, reporter_id: null, category: '其他' }])
  })

  it('limits each sender to 5 a day with a salted key, and the refusal is forgotten too', async () => {
    for (let i = 1; i <= 5; i++)
      expect(await say(REPORTER.userId, `反映 匿名 问题${i}`)).toMatch(`编号 ${i}，`)
    const before = snapshot(store)
    expect(await say(REPORTER.userId, '反映 匿名 问题6')).toBe(
      '今天的反映已达 5 次上限，请明天再反映；紧急情况请直接联系纪检部门。',
    )
    await drain()
    expect(changed(before, snapshot(store)).flatMap(([t, r]) => traces(t, r))).toEqual([])
    const keys = store.sqlite.prepare('SELECT DISTINCT key_hash FROM feedback_quota').all() as Row[]
    expect(keys).toHaveLength(1)
    expect(String(keys[0]?.key_hash)).toMatch(/^[0-9a-f]{64}$/)
    // Another sender has a limit of their own.
    expect(await say('u1006', '反映 匿名 问题7')).toMatch(/编号 6，/)
  })
})

describe('反映 (named)', () => {
  it('is filed under the reporter’s branch with their name', async () => {
    expect(await say('u1002', '反映 工作作风 班前会流于形式')).toBe(
      '已收到您的反映（类别：工作作风），编号 1。纪检监督员处理后，结果会私聊告诉您。',
    )
    const rows = store.sqlite.prepare('SELECT branch_id, reporter_id, anonymous FROM ledger_items').all()
    expect(rows).toEqual([{ branch_id: 2, reporter_id: 2, anonymous: 0 }])
  })

  it('needs binding, and is for the private chat only', async () => {
    expect(await say('u1009', '反映 班前会流于形式')).toMatch(/^实名反映需要先绑定/)
    expect(await say('u1002', '反映 班前会流于形式', 'g-ZC01')).toMatch(/私聊/)
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM ledger_items').get()).toEqual({ n: 0 })
  })
})
