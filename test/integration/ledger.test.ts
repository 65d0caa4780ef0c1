import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findingWrites, openProblemCounts } from '../../src/db/ledger'
import { roleAssignments } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

let bot: Bot
beforeEach(async () => {
  bot = await startBot()
  // A second inspector, of 机电队党支部 (JD01, unit 5) only: u1012, member 12. u1036 inspects the whole DW.
  await bot.store.db.insert(roleAssignments).values({ memberId: 12, role: 'inspector', unitId: 5 })
})
afterEach(() => bot.close())

const rows = (sql: string) => bot.store.sqlite.prepare(sql).all()

/** Sends a message with attachments through the simulator, as the chat page does after an upload. */
async function sayWith(userId: string, text: string, attachments: unknown[]) {
  const res = await bot.post('/dev/chat', { chatId: userId, userId, text, attachments })
  return ((await res.json()) as { replies: { text: string }[] }).replies.map((r) => r.text).join('\n')
}

/** What the bot pushed privately to a user (not replies in their own chat). */
const pushed = (userId: string) =>
  (
    rows(
      `SELECT reply FROM outbox WHERE target_kind = 'user' AND target_id = '${userId}' ORDER BY created_at, seq`,
    ) as { reply: string }[]
  ).map((r) => (JSON.parse(r.reply) as { text: string }).text)

describe('the ledger loop: 反映 → 立项 → 整改 with evidence → 验证 → 销号', () => {
  it('runs with the right people, records each step with who and when, and tells the reporter', async () => {
    expect(await bot.read('u1002', '反映 安全生产 井口照明不足')).toMatch(/编号 1。/)
    expect(await bot.read('u1036', '台账')).toMatch(
      /1 \| 待立项 \| 安全生产 \| 综采一队党支部 \| 井口照明不足/,
    )
    expect(await bot.read('u1036', '立项 1 @1003 @1032 截止 2026-12-01')).toBe(
      '第 1 项已立项：责任人 张永刚，分管领导 孙建国，2026-12-01 前整改完毕。已生成整改任务 #1，并私聊通知两人。',
    )
    expect(rows('SELECT id, type, fix_source, branch_id, due_day, status FROM tasks')).toEqual([
      { id: 1, type: 'fix', fix_source: 'supervision', branch_id: 2, due_day: '2026-12-01', status: 'open' },
    ])
    expect(rows('SELECT task_id, member_id FROM task_assignees')).toEqual([{ task_id: 1, member_id: 3 }])
    expect(await bot.read('u1003', '任务')).toMatch(/整改：井口照明不足/)
    expect(pushed('u1003')).toEqual([
      '您是监督问题第 1 项的责任人：井口照明不足\n请在 2026-12-01 前整改，完成后发送「整改 1 <说明>」并附上照片或文件作为证据。',
    ])
    expect(pushed('u1032')).toEqual([
      '您是监督问题第 1 项的分管领导（责任人 张永刚）：井口照明不足\n整改期限 2026-12-01。',
    ])

    bot.setNow(Date.parse('2026-11-27T15:00:00+08:00'))
    const photo = { kind: 'image', ref: 'img-lamp-1', name: 'lamp.jpg', size: 52_000 }
    expect(await sayWith('u1003', '整改 1 已更换井口照明灯具', [photo])).toBe(
      '已提交第 1 项的整改（说明和 1 个附件），等待纪检监督员验证。',
    )
    expect(pushed('u1036')).toEqual(['监督问题第 1 项已提交整改，请验证：验证 1 通过，或 验证 1 退回 <原因>'])
    expect(await bot.read('u1036', '验证 1 退回 照片看不清')).toBe('第 1 项已退回责任人重新整改：照片看不清')
    expect(rows('SELECT status FROM tasks')).toEqual([{ status: 'progress' }])
    bot.setNow(Date.parse('2026-11-28T09:00:00+08:00'))
    expect(await sayWith('u1003', '整改 1', [{ kind: 'image', ref: 'img-lamp-2' }])).toMatch(/1 个附件/)
    bot.setNow(Date.parse('2026-11-28T10:30:00+08:00'))
    expect(await bot.read('u1036', '验证 1 通过 照明已恢复')).toBe(
      '第 1 项验证通过，已销号；整改任务 #1 已确认。',
    )

    expect(rows('SELECT status FROM ledger_items')).toEqual([{ status: 'closed' }])
    expect(rows('SELECT status, percent FROM tasks')).toEqual([{ status: 'confirmed', percent: 100 }])
    // Every step with who (member id) and when; the evidence keeps the platform's references.
    expect(
      rows('SELECT seq, kind, actor_id, note, attachments, at FROM ledger_history ORDER BY seq'),
    ).toEqual([
      {
        seq: 1,
        kind: 'reported',
        actor_id: 2,
        note: null,
        attachments: null,
        at: Date.parse('2026-11-25T10:00:00+08:00'),
      },
      {
        seq: 2,
        kind: 'opened',
        actor_id: 36,
        note: '张永刚 孙建国 2026-12-01',
        attachments: null,
        at: Date.parse('2026-11-25T10:00:00+08:00'),
      },
      {
        seq: 3,
        kind: 'evidence',
        actor_id: 3,
        note: '已更换井口照明灯具',
        attachments: '[{"kind":"image","ref":"img-lamp-1","name":"lamp.jpg","size":52000}]',
        at: Date.parse('2026-11-27T15:00:00+08:00'),
      },
      {
        seq: 4,
        kind: 'returned',
        actor_id: 36,
        note: '照片看不清',
        attachments: null,
        at: Date.parse('2026-11-27T15:00:00+08:00'),
      },
      {
        seq: 5,
        kind: 'evidence',
        actor_id: 3,
        note: null,
        attachments: '[{"kind":"image","ref":"img-lamp-2"}]',
        at: Date.parse('2026-11-28T09:00:00+08:00'),
      },
      {
        seq: 6,
        kind: 'passed',
        actor_id: 36,
        note: '照明已恢复',
        attachments: null,
        at: Date.parse('2026-11-28T10:30:00+08:00'),
      },
    ])
    const detail = await bot.read('u1036', '台账 1')
    expect(detail).toMatch(/【台账第 1 项（已销号）】/)
    expect(detail).toMatch(/11-27 15:00 \| 整改 \| 张永刚 \| 已更换井口照明灯具（附件 1 个）/)
    // The named reporter hears the outcome; the owner hears both verdicts.
    expect(pushed('u1002')).toEqual(['您反映的问题（编号 1）已整改并验证销号。验证意见：照明已恢复'])
    expect(pushed('u1003').slice(1)).toEqual([
      '监督问题第 1 项的整改被退回：照片看不清\n请重新整改后发送「整改 1 <说明>」。',
      '监督问题第 1 项验证通过，已销号。',
    ])
    // Nothing happens after 销号.
    expect(await bot.read('u1003', '整改 1 再补一张')).toBe('第 1 项现在已销号，不能整改。')
    expect(await bot.read('u1036', '验证 1 通过')).toBe('第 1 项现在已销号，不能验证通过。')
  })

  it('counts open and overdue problems per branch for the leaders’ card', async () => {
    await bot.read('u1002', '反映 问题甲')
    await bot.read('u1004', '反映 问题乙')
    await bot.read('u1013', '反映 问题丙')
    await bot.read('u1036', '立项 1 @1003 @1032 截止 2026-11-26')
    await bot.read('u1036', '立项 2 @1003 @1032 截止 2026-12-10')
    await bot.read('u1036', '立项 3 @1012 @1033 截止 2026-11-30')
    const counts = await openProblemCounts(bot.store.db, [2, 5, 8], '2026-11-28')
    expect([...counts].sort()).toEqual([
      [2, { open: 2, overdue: 1 }],
      [5, { open: 1, overdue: 0 }],
    ])
  })
})

describe('races and other sources', () => {
  it('gives two reports sent at once two numbers, and lets only one of two 立项 through', async () => {
    const [a, b] = await Promise.all([
      bot.read('u1002', '反映 问题甲'),
      bot.read('u1004', '反映 匿名 问题乙'),
    ])
    expect([a, b].map((t) => t.match(/编号 (\d)/)?.[1]).sort()).toEqual(['1', '2'])
    const answers = await Promise.all([
      bot.read('u1036', '立项 1 @1003 @1032 截止 2026-12-01'),
      bot.read('u1036', '立项 1 @1005 @1033 截止 2026-12-05'),
    ])
    expect(answers.filter((t) => /已立项/.test(t))).toHaveLength(1)
    expect(answers.filter((t) => t === '第 1 项现在整改中，不能立项。')).toHaveLength(1)
    expect(rows('SELECT count(*) AS n FROM tasks')).toEqual([{ n: 1 }])
    expect(rows('SELECT seq, kind FROM ledger_history WHERE item_id = 1')).toEqual([
      { seq: 1, kind: 'reported' },
      { seq: 2, kind: 'opened' },
    ])
  })

  it('files an inspection finding once, as a report its inspectors then open', async () => {
    const finding = {
      branchId: 5,
      category: '党建工作',
      text: '三会一课记录不全',
      actorId: 36,
      sourceRef: 'inspection:7',
      at: Date.parse('2026-11-25T10:00:00+08:00'),
    }
    const first = await findingWrites(bot.store.db, finding)
    expect(first.id).toBe(1)
    await bot.store.commit(first.writes)
    expect(await findingWrites(bot.store.db, finding)).toEqual({ id: 1, writes: [] })
    expect(await bot.read('u1012', '台账 待立项')).toMatch(
      /1 \| 待立项 \| 党建工作 \| 机电队党支部 \| 三会一课记录不全/,
    )
  })
})

/**
 * Who may do what, written out by hand. Item 1 is a report from 综采一队 (ZC01), opened with 责任人 u1003 (张永刚),
 * 分管领导 u1032. "own scope": u1036 inspects DW (everything); "other scope": u1012 inspects JD01 only.
 */
describe('authorisation matrix', () => {
  beforeEach(async () => {
    await bot.read('u1002', '反映 井口照明不足')
  })

  const DENIED_ROLE = /只有.+可以使用/
  const NOT_VISIBLE = /没有编号为 1 的台账事项，或它不在您的监督范围内/
  const cases: [string, string, string, RegExp][] = [
    // command,             who,                              text,                                   expected
    ['台账', 'inspector, own scope (u1036)', 'u1036:台账', /井口照明不足/],
    ['台账', 'inspector, own scope, in a group (u1036)', 'u1036@g-DW:台账', /请在与我的私聊中使用/],
    [
      '台账',
      'inspector, other scope (u1012)',
      'u1012:台账',
      /您的监督范围内没有待立项\/整改中\/待验证的事项/,
    ],
    ['台账 1', 'inspector, other scope (u1012)', 'u1012:台账 1', NOT_VISIBLE],
    ['台账', 'secretary of the branch (u1001)', 'u1001:台账', DENIED_ROLE],
    ['台账', 'leader (u1032)', 'u1032:台账', DENIED_ROLE],
    ['台账', 'the reporter, a member (u1002)', 'u1002:台账', DENIED_ROLE],
    ['台账', 'admin (u1034)', 'u1034:台账', DENIED_ROLE],
    ['立项', 'inspector, other scope (u1012)', 'u1012:立项 1 @1003 @1032 截止 2026-12-01', NOT_VISIBLE],
    ['立项', 'secretary of the branch (u1001)', 'u1001:立项 1 @1003 @1032 截止 2026-12-01', DENIED_ROLE],
    ['立项', 'leader (u1032)', 'u1032:立项 1 @1003 @1032 截止 2026-12-01', DENIED_ROLE],
    ['立项', 'member (u1003)', 'u1003:立项 1 @1003 @1032 截止 2026-12-01', DENIED_ROLE],
    ['立项', 'unbound (u1009)', 'u1009:立项 1 @1003 @1032 截止 2026-12-01', /绑定/],
  ]
  it.each(cases)('%s by %s', async (_cmd, _who, said, expected) => {
    const [account, text] = said.split(/:(.*)/s) as [string, string]
    const [userId, chatId] = account.split('@') as [string, string | undefined]
    expect(await bot.read(userId, text, chatId ?? userId)).toMatch(expected)
    expect(rows('SELECT status FROM ledger_items')).toEqual([{ status: 'reported' }])
  })

  describe('once opened', () => {
    beforeEach(async () => {
      expect(await bot.read('u1036', '立项 1 @1003 @1032 截止 2026-12-01')).toMatch(/已立项/)
    })
    const after: [string, string, string, RegExp][] = [
      ['整改', '责任人 (u1003)', 'u1003:整改 1 已更换灯具', /已提交第 1 项的整改/],
      ['整改', '分管领导 (u1032)', 'u1032:整改 1 已更换灯具', NOT_VISIBLE],
      ['整改', 'another member of the branch (u1004)', 'u1004:整改 1 已更换灯具', NOT_VISIBLE],
      ['整改', 'secretary of the branch (u1001)', 'u1001:整改 1 已更换灯具', NOT_VISIBLE],
      [
        '整改',
        'inspector, own scope (u1036), not 责任人',
        'u1036:整改 1 已更换灯具',
        /只有第 1 项的责任人可以提交整改/,
      ],
      ['整改', 'unbound (u1009)', 'u1009:整改 1 已更换灯具', /绑定/],
      ['验证', 'inspector, other scope (u1012)', 'u1012:验证 1 通过', NOT_VISIBLE],
      ['验证', '责任人 (u1003)', 'u1003:验证 1 通过', DENIED_ROLE],
      ['验证', 'leader (u1032)', 'u1032:验证 1 通过', DENIED_ROLE],
      ['验证', 'secretary (u1001)', 'u1001:验证 1 通过', DENIED_ROLE],
      [
        '验证',
        'inspector, own scope (u1036), before evidence',
        'u1036:验证 1 通过',
        /现在整改中，不能验证通过/,
      ],
    ]
    it.each(after)('%s by %s', async (_cmd, _who, said, expected) => {
      const [userId, text] = said.split(/:(.*)/s) as [string, string]
      expect(await bot.read(userId, text)).toMatch(expected)
    })

    it('验证 by the inspector in scope closes it; the other-scope inspector still cannot see it', async () => {
      await bot.read('u1003', '整改 1 已更换灯具')
      expect(await bot.read('u1012', '验证 1 通过')).toMatch(NOT_VISIBLE)
      expect(await bot.read('u1036', '验证 1 通过')).toMatch(/已销号/)
    })
  })

  it('立项 refuses people outside the inspector’s scope and one person in both roles', async () => {
    await bot.read('u1013', '反映 机电问题')
    expect(await bot.read('u1012', '立项 2 @1003 @1011 截止 2026-12-01')).toBe(
      '张永刚 不在您的监督范围内，不能担任第 2 项的责任人或分管领导。',
    )
    expect(await bot.read('u1012', '立项 2 @1013 @1013 截止 2026-12-01')).toBe(
      '责任人和分管领导不能是同一人（双责任）。',
    )
    expect(await bot.read('u1012', '立项 2 @1013 @1011 截止 2026-12-01')).toMatch(/第 2 项已立项/)
  })
})
