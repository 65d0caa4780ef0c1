import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Bot, startBot } from '../support/bot'

let bot: Bot
beforeAll(async () => {
  bot = await startBot()
})
afterAll(() => bot.close())

// The demo's people, one per role (see README): written out, not derived from the command table.
const people = {
  member: 'u1002',
  secretary: 'u1001',
  leader: 'u1032',
  admin: 'u1034',
  dispatcher: 'u1035',
  inspector: 'u1036',
  unbound: 'u1010',
} as const
type Who = keyof typeof people

// command, chat ('group' = the ZC01 group, 'new' = an unbound group, 'p2p' = the private chat), who may.
const matrix: [string, 'group' | 'new' | 'p2p', Who[]][] = [
  ['积分规则', 'group', ['member', 'secretary', 'leader', 'admin', 'dispatcher', 'inspector', 'unbound']],
  ['积分', 'group', ['member', 'secretary', 'leader', 'admin', 'dispatcher', 'inspector']],
  ['排行', 'group', ['member', 'secretary', 'leader', 'admin', 'dispatcher', 'inspector']],
  ['发起签到 主题党日', 'group', ['secretary']],
  ['签到情况', 'group', ['secretary', 'leader']],
  ['汇总', 'group', ['secretary', 'leader']],
  ['报产 原煤产量 3200', 'group', ['secretary', 'dispatcher']],
  ['调度', 'group', ['secretary', 'leader', 'dispatcher']],
  ['台账', 'group', ['inspector']],
  ['新任务 皮带巷隐患整改 @1002 截止 12-15 整改', 'group', ['secretary']],
  ['加分 @1002 5 抢险突击', 'group', ['secretary']],
  ['待办', 'group', ['secretary', 'leader']],
  ['导入 名册', 'p2p', ['admin']],
  ['发布学习 学习新修订的煤矿安全规程', 'group', ['secretary', 'admin']],
  ['绑定群 ZC01', 'new', ['secretary', 'admin']],
  ['确认绑定 99', 'p2p', ['secretary', 'admin']],
]

const refused = /只有.+可以使用|请私聊我发送「绑定 <工号>」|只能把群绑定到自己的支部/

describe('who may run what', () => {
  const cases = matrix.flatMap(([command, chat, allowed]) =>
    (Object.keys(people) as Who[]).map((who) => ({ command, chat, who, allowed: allowed.includes(who) })),
  )
  it.each(cases)('$who: $command → allowed $allowed', async ({ command, chat, who, allowed }) => {
    const user = people[who]
    const chatId = chat === 'group' ? 'g-ZC01' : chat === 'new' ? `g-new-${who}` : user
    const answer = await bot.read(user, command, chatId)
    expect(answer).not.toBe('')
    if (allowed) expect(answer).not.toMatch(refused)
    else expect(answer).toMatch(refused)
  })
})
