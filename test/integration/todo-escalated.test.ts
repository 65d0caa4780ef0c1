import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { taskOverdueKind } from '../../scheduler/escalation/task-overdue'
import { type NodeStore, openNodeStore } from '../../src/db/node-store'
import { prepareDatabase } from '../../src/db/seed'
import { stepsReached, todoQueries } from '../../src/db/todo'
import { loadEscalated } from '../../src/db/todo-escalated'
import { loadUnits } from '../../src/db/units'
import { todoScope } from '../../src/domain/todo'

const NOW = Date.parse('2026-12-01T07:30:00+08:00')
const TODAY = '2026-12-01'
let dir: string
let store: NodeStore

/**
 * 党委 (1) over 一支部 (2) and 二支部 (3); member 1 leads the committee. Tasks: #1 open, due 11-20, 一支部; #2
 * confirmed (done), due 11-22; #3 in progress, due 11-25, 二支部, two assignees. Their ladder steps as typed below.
 */
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'todo-escalated-'))
  store = openNodeStore(path.join(dir, 'bot.db'))
  await prepareDatabase(store, { seedDemo: false, now: NOW })
  const run = (text: string, ...rows: unknown[][]) => {
    const st = store.sqlite.prepare(text)
    for (const r of rows) st.run(...r)
  }
  run(
    `INSERT INTO org_units (id, code, name, kind, parent_id) VALUES (?, ?, ?, ?, ?)`,
    [1, 'DW', '党委', 'committee', null],
    [2, 'B1', '一支部', 'branch', 1],
    [3, 'B2', '二支部', 'branch', 1],
  )
  run(
    `INSERT INTO members (id, employee_no, name, branch_id) VALUES (?, ?, ?, ?)`,
    [1, '001', '书记甲', 2],
    [2, '002', '党员乙', 2],
    [3, '003', '党员丙', 3],
    [4, '004', '党员丁', 3],
  )
  run(`INSERT INTO role_assignments (member_id, role, unit_id) VALUES (?, ?, ?)`, [1, 'leader', 1])
  run(
    `INSERT INTO tasks (id, type, title, branch_id, created_by, due_day, status, percent, rev, platform,
       settings_version, created_at, updated_at) VALUES (?, 'target', ?, ?, 1, ?, ?, 0, 1, 'console', 1, ?, ?)`,
    [1, '台账整理', 2, '2026-11-20', 'open', NOW, NOW],
    [2, '学习笔记', 2, '2026-11-22', 'confirmed', NOW, NOW],
    [3, '设备巡检', 3, '2026-11-25', 'progress', NOW, NOW],
  )
  run(`INSERT INTO task_assignees (task_id, member_id) VALUES (?, ?)`, [1, 2], [2, 2], [3, 3], [3, 4])
  run(
    `INSERT INTO escalation_steps (kind, item_key, step, action, day, fired_at, status, recipients)
     VALUES ('taskOverdue', ?, ?, ?, '2026-11-28', ?, ?, 1)`,
    ['1', 0, 'nudge', NOW - 3 * 86_400_000, 'sent'],
    ['1', 1, 'urgent', NOW - 2 * 86_400_000, 'skipped'],
    ['1', 2, 'leaderCard', NOW - 86_400_000, 'sent'],
    ['2', 0, 'nudge', NOW - 3 * 86_400_000, 'failed'],
    ['2', 1, 'leaderCard', NOW - 86_400_000, 'sent'],
    ['3', 0, 'nudge', NOW - 3 * 86_400_000, 'sent'],
    ['3', 1, 'leaderCard', NOW - 2 * 86_400_000, 'sent'],
    ['3', 2, 'sms', NOW - 86_400_000, 'pending'],
  )
})
afterEach(() => {
  store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const ctx = () => ({ db: store.db, now: NOW, today: TODAY, timeZone: 'Asia/Shanghai' })

describe("a leader's escalated items, read in batches", () => {
  it('reads several tasks of the ladder at once, done ones marked and gone ones left out', async () => {
    const items = await taskOverdueKind.itemsByKey(ctx(), ['3', '1', '2', '99'])
    expect(items.map((i) => ({ ...i, responsible: [...i.responsible].sort() }))).toEqual([
      {
        key: '1',
        unitId: 2,
        title: '#1 台账整理',
        responsible: [2],
        leaders: [1],
        dueDay: '2026-11-20',
        done: false,
      },
      {
        key: '2',
        unitId: 2,
        title: '#2 学习笔记',
        responsible: [2],
        leaders: [1],
        dueDay: '2026-11-22',
        done: true,
      },
      {
        key: '3',
        unitId: 3,
        title: '#3 设备巡检',
        responsible: [3, 4],
        leaders: [1],
        dueDay: '2026-11-25',
        done: false,
      },
    ])
    expect(await taskOverdueKind.item(ctx(), '2')).toEqual(items[1])
    expect(await taskOverdueKind.item(ctx(), '99')).toBeUndefined()
  })

  it("gives each item's highest step that fired or waits, in one statement", async () => {
    const reached = await stepsReached(todoQueries(store.db), [
      { kind: 'taskOverdue', key: '1' },
      { kind: 'taskOverdue', key: '2' },
      { kind: 'taskOverdue', key: '3' },
      { kind: 'meetingNotHeld', key: '1' },
    ])
    expect(Object.fromEntries([...reached].map(([k, s]) => [k, { step: s.step, action: s.action }]))).toEqual(
      {
        'taskOverdue|1': { step: 2, action: 'leaderCard' },
        'taskOverdue|2': { step: 1, action: 'leaderCard' },
        'taskOverdue|3': { step: 2, action: 'sms' },
      },
    )
  })

  it('lists the open ones on the card, longest overdue first, with the step each reached', async () => {
    const units = await loadUnits(store.db)
    const scope = todoScope([{ role: 'leader', unitId: 1 }], units)
    if (!scope) throw new Error('no scope')
    const refs = store.sqlite
      .prepare(`SELECT item_key AS key, rowid AS ref FROM escalation_steps WHERE action = 'leaderCard'`)
      .all() as { key: string; ref: number }[]
    const ref = (key: string) => refs.find((r) => r.key === key)?.ref
    const found = await loadEscalated(ctx(), todoQueries(store.db), scope, units, 1)
    expect(found).toEqual([
      {
        ref: ref('1'),
        kind: 'taskOverdue',
        key: '1',
        title: '#1 台账整理',
        unit: '一支部',
        dueDay: '2026-11-20',
        days: 11,
        step: 2,
        action: 'leaderCard',
        nudgedAt: undefined,
      },
      {
        ref: ref('3'),
        kind: 'taskOverdue',
        key: '3',
        title: '#3 设备巡检',
        unit: '二支部',
        dueDay: '2026-11-25',
        days: 6,
        step: 2,
        action: 'sms',
        nudgedAt: undefined,
      },
    ])
    expect(await loadEscalated(ctx(), todoQueries(store.db), scope, units, 2)).toEqual([])
  })
})
