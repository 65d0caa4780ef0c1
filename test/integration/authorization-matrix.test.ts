import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../src/commands/command'
import { buildCommandIndex } from '../../src/commands/table'
import { type Bot, startBot } from '../support/bot'

/**
 * DESIGN §5's authorisation matrix: ONE declaration of who may run each command and where, written by hand.
 * The cases (every command × every role × group and private chat) are generated from it, and a command the
 * router knows without a row here fails the suite, so a new command cannot be added without deciding its
 * rule. Scope inside a role (own branch or another) is the handlers' and is tested with each feature
 * (authorization.test.ts, ledger, tasks, summary...).
 */
type Where = 'any' | 'group' | 'p2p'
type Rule = { line: string; who: 'anyone' | Role[]; where: Where }

const RULES: Record<string, Rule> = {
  help: { line: '帮助', who: 'anyone', where: 'any' },
  bind: { line: '绑定 1010', who: 'anyone', where: 'p2p' },
  bindchat: { line: '绑定群 ZC01', who: ['secretary', 'admin'], where: 'group' },
  approvebind: { line: '确认绑定 99', who: ['secretary', 'admin'], where: 'any' },
  rejectbind: { line: '拒绝绑定 99', who: ['secretary', 'admin'], where: 'any' },
  checkin: { line: '签到', who: ['member'], where: 'group' },
  leave: { line: '请假 下井', who: ['member'], where: 'group' },
  startcheckin: { line: '发起签到 主题党日', who: ['secretary'], where: 'any' },
  attendance: { line: '签到情况', who: ['secretary', 'leader'], where: 'any' },
  quiz: { line: '答题', who: ['member'], where: 'any' },
  answer: { line: '答 1A', who: ['member'], where: 'any' },
  challenge: { line: '挑战答题', who: ['member'], where: 'p2p' },
  mistakes: { line: '错题', who: ['member'], where: 'any' },
  quizstats: { line: '答题情况', who: ['secretary', 'leader'], where: 'any' },
  points: { line: '积分', who: ['member'], where: 'any' },
  rank: { line: '排行', who: ['member'], where: 'any' },
  rules: { line: '积分规则', who: 'anyone', where: 'any' },
  addpoints: { line: '加分 @1002 1 抢险', who: ['secretary'], where: 'any' },
  deductpoints: { line: '扣分 @1002 1 迟到', who: ['secretary'], where: 'any' },
  publish: { line: '发布学习 学习新修订的煤矿安全规程', who: ['admin', 'secretary'], where: 'any' },
  studied: { line: '已学', who: ['member'], where: 'any' },
  studystatus: { line: '学习情况', who: ['secretary', 'leader', 'admin'], where: 'any' },
  diary: { line: '民情 家中老人住院', who: ['secretary', 'leader'], where: 'p2p' },
  activities: { line: '活动', who: 'anyone', where: 'any' },
  tasks: { line: '任务', who: ['member'], where: 'any' },
  newtask: { line: '新任务 巷道清理 @1002 截止 12-15', who: ['secretary'], where: 'any' },
  overdue: { line: '逾期', who: ['secretary', 'leader'], where: 'any' },
  shift: { line: '班次', who: ['member'], where: 'any' },
  makeup: { line: '补签 井下无信号', who: ['member'], where: 'any' },
  todo: { line: '待办', who: ['secretary', 'leader'], where: 'any' },
  report: { line: '报产 原煤产量 3200', who: ['dispatcher', 'secretary'], where: 'group' },
  dispatch: { line: '调度', who: ['secretary', 'dispatcher', 'leader'], where: 'any' },
  inspect: { line: '检查 ZC01 党建 90 生产 85', who: ['inspector', 'leader'], where: 'any' },
  assess: { line: '考核', who: ['leader', 'admin'], where: 'any' },
  evaluation: { line: '考评', who: ['leader', 'admin'], where: 'any' },
  dualreport: { line: '双报告', who: ['secretary', 'leader'], where: 'any' },
  letter: { line: '责任书', who: ['member'], where: 'any' },
  confirmletter: { line: '确认责任书', who: ['member'], where: 'any' },
  summary: { line: '汇总', who: ['leader', 'secretary'], where: 'any' },
  feedback: { line: '反映 皮带机护栏缺失', who: 'anyone', where: 'p2p' },
  ledger: { line: '台账', who: ['inspector'], where: 'p2p' },
  open: { line: '立项 1 @1002 @1032 截止 12-31', who: ['inspector'], where: 'any' },
  fix: { line: '整改 1 已更换护栏', who: ['member'], where: 'any' },
  verify: { line: '验证 1 通过', who: ['inspector'], where: 'any' },
  import: { line: '导入 名册', who: ['admin'], where: 'p2p' },
  lang: { line: '语言 中文', who: 'anyone', where: 'any' },
}

// The demo's people, one per role; every bound person is also a member.
const PEOPLE: Record<Role | 'unbound', string> = {
  member: 'u1002',
  secretary: 'u1001',
  leader: 'u1032',
  admin: 'u1034',
  dispatcher: 'u1035',
  inspector: 'u1036',
  unbound: 'u1010',
}

/** The router's refusals: a role that may not, an unbound person, the wrong kind of chat. */
const GATE = /只有.+可以使用|请私聊我发送「绑定 <工号>」|请在与我的私聊中使用|请在支部群中使用/

let bot: Bot
beforeAll(async () => {
  bot = await startBot()
})
afterAll(() => bot.close())

describe('the authorisation matrix covers the command language', () => {
  it('has one rule for every command the router knows, and agrees with it', () => {
    const defs = buildCommandIndex().defs
    expect(Object.keys(RULES).sort()).toEqual(defs.map((d) => d.id).sort())
    for (const d of defs) {
      const rule = RULES[d.id] as Rule
      expect({
        id: d.id,
        who: d.who === 'anyone' ? 'anyone' : [...d.who].sort(),
        where: d.chat ?? 'any',
      }).toEqual({
        id: d.id,
        who: rule.who === 'anyone' ? 'anyone' : [...rule.who].sort(),
        where: rule.where,
      })
    }
  })
})

const cases = Object.entries(RULES).flatMap(([id, rule]) =>
  (Object.keys(PEOPLE) as (Role | 'unbound')[]).flatMap((role) =>
    (['group', 'p2p'] as const).map((chat) => {
      const roleOk =
        rule.who === 'anyone' ||
        (role !== 'unbound' &&
          (role === 'member'
            ? rule.who.includes('member')
            : rule.who.includes(role) || rule.who.includes('member')))
      const chatOk = rule.where === 'any' || rule.where === chat
      return { id, line: rule.line, role, chat, allowed: roleOk && chatOk }
    }),
  ),
)

describe(`command × role × chat (${cases.length} cases)`, () => {
  it.each(cases)('$role in $chat: $line → allowed $allowed', async ({ line, role, chat, allowed }) => {
    const user = PEOPLE[role]
    const answer = await bot.read(user, line, chat === 'group' ? 'g-ZC01' : user)
    if (allowed) expect(answer).not.toMatch(GATE)
    else expect(answer).toMatch(GATE)
  })
})
