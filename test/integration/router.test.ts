import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Bot, startBot } from '../support/bot'

let bot: Bot
beforeAll(async () => {
  bot = await startBot()
})
afterAll(() => bot.close())

// u1001 王建国 is secretary of ZC01, u1002 a plain member of ZC01, u1012 a member of JD01;
// g-ZC01 is ZC01's group, so u1001 and u1002 write there as in their own branch group.
type Row = { text: string; user?: string; chat?: string; expect: RegExp | null }

const G = 'g-ZC01'
const rows: Row[] = [
  // well-formed, in every accepted shape
  { text: '帮助', chat: G, expect: /融合助手 · 可用命令/ },
  { text: '/帮助', chat: G, expect: /融合助手 · 可用命令/ },
  { text: '/help', chat: G, expect: /融合助手 · 可用命令/ },
  { text: '/HELP', chat: G, expect: /融合助手 · 可用命令/ },
  { text: '/help@ronghe_bot', chat: G, expect: /融合助手 · 可用命令/ },
  { text: '/start', expect: /融合助手 · 可用命令/ },
  { text: '@融合助手 帮助', chat: G, expect: /融合助手 · 可用命令/ },
  { text: '帮助 @融合助手', chat: G, expect: /融合助手 · 可用命令/ },
  { text: '　帮助　', chat: G, expect: /融合助手 · 可用命令/ },
  { text: '帮助　签到', chat: G, expect: /命令：签到[\s\S]*签到 \[签到码\]/ },
  { text: '帮助 /checkin', chat: G, expect: /命令：签到/ },
  { text: '积分规则', chat: G, expect: /积分规则（第 1 版）[\s\S]*参加活动签到（准时） \| 2 \| 4/ },
  { text: '/rules', chat: G, expect: /积分规则（第 1 版）/ },
  { text: '积分', chat: G, expect: /王建国 的积分[\s\S]*累计积分: 0/ },
  { text: '排行 本月', chat: G, expect: /综采一队党支部 · 本月积分排行/ },
  { text: '/rank week', chat: G, expect: /本周积分排行/ },
  { text: '排行　本年', chat: G, expect: /本年积分排行/ },
  { text: '签到', chat: G, expect: /^综采一队党支部当前没有正在进行的签到活动/ },
  { text: '签到8421', chat: G, expect: /^综采一队党支部当前没有正在进行的签到活动/ },
  { text: '／签到', chat: G, expect: /^综采一队党支部当前没有正在进行的签到活动/ },
  { text: '到', chat: G, expect: /^综采一队党支部当前没有正在进行的签到活动/ },
  { text: '/到', chat: G, expect: /^综采一队党支部当前没有正在进行的签到活动/ },
  { text: '@融合助手 到', chat: G, expect: /^综采一队党支部当前没有正在进行的签到活动/ },
  { text: '到8421', chat: G, expect: /^综采一队党支部当前没有正在进行的签到活动/ },
  { text: '到10点开会', chat: G, expect: null },
  { text: '待办', expect: /^【📋 今日待办 · 综采一队党支部（2026-11-25）】/ },
  { text: '/todo', chat: G, expect: /^【📋 今日待办 · 综采一队党支部（2026-11-25）】/ },
  { text: '签到情况', chat: G, expect: /^综采一队党支部还没有签到活动/ },
  { text: '发起签到 主题党日 30 8421', chat: G, expect: /^📋 综采一队党支部 发起签到：主题党日/ },
  { text: '答 1A 2BC 3对', chat: G, expect: /^(已收到 王建国 的 \d 个答案|题库中还没有审核通过的题目)/ },
  { text: '任务 12 进度 60 已完成巷道清理', chat: G, expect: /^没有编号为 12 的任务。$/ },
  // malformed or ambiguous
  {
    text: '发起签到',
    chat: G,
    expect:
      /参数有误：缺少必填内容\n用法：发起签到 <活动名称> \[分钟数\] \[签到码\] \[班次 早\|中\|夜\]\n示例：发起签到 主题党日 30 8421/,
  },
  { text: '发起签到 主题党日 半小时', chat: G, expect: /参数有误：分钟数应为 1 到 1440 的整数/ },
  { text: '发起签到 主题党日 0', chat: G, expect: /分钟数应为 1 到 1440 的整数/ },
  { text: '发起签到 主题党日 30 8421 多余', chat: G, expect: /参数有误：多余的内容「多余」/ },
  { text: '答 1', chat: G, expect: /没看懂「1」。答案格式为 题号\+选项/ },
  { text: '答', chat: G, expect: /参数有误[\s\S]*示例：答 1A 2BC 3对/ },
  { text: '任务 abc 进度 60', chat: G, expect: /任务编号应为正整数/ },
  { text: '任务 12 进度 120', chat: G, expect: /进度应为 0 到 100 的整数/ },
  { text: '任务 12', chat: G, expect: /^没有编号为 12 的任务。$/ },
  { text: '排行 昨天', chat: G, expect: /时间范围应为 本周、本月、本季 或 本年/ },
  { text: '积分 张三', chat: G, expect: /请用 @ 指定成员/ },
  { text: '积分规则 现在', chat: G, expect: /参数有误：多余的内容「现在」/ },
  { text: '签道', chat: G, expect: /没有「签道」这个命令，您是不是想用「签到」/ },
  { text: '积份', chat: G, expect: /您是不是想用「积分」/ },
  { text: '/chekin', chat: G, expect: /您是不是想用「签到」/ },
  { text: '/foo', chat: G, expect: /没有「foo」这个命令/ },
  { text: '@融合助手 今天下井吗', chat: G, expect: /没有「今天下井吗」这个命令/ },
  { text: '今天下井吗', chat: G, expect: null },
  { text: '答应你了', chat: G, expect: null },
  { text: '大家辛苦了 签到', chat: G, expect: null },
  { text: '​', chat: G, expect: null },
  { text: '你好', expect: /没有「你好」这个命令/ },
  { text: '绑定 1001', chat: G, expect: /「绑定」请在与我的私聊中使用/ },
  { text: '绑定群 ZC01', expect: /「绑定群」请在支部群中使用/ },
  { text: '发起签到 主题党日', user: 'u1002', chat: G, expect: /抱歉，「发起签到」只有支部书记可以使用/ },
  { text: '汇总', user: 'u1002', chat: G, expect: /只有党委领导或支部书记可以使用/ },
  { text: '台账', user: 'u1002', chat: G, expect: /只有纪检监督员可以使用/ },
  { text: '导入 名册', user: 'u1034', expect: /请在 10 分钟内发送名册文件/ },
  { text: '导入 名册', user: 'u1002', expect: /只有党务管理员可以使用/ },
  { text: '积分', user: 'u1010', expect: /您还没有绑定花名册/ },
  { text: '你好', user: 'u1010', expect: /没有「你好」这个命令[\s\S]*请私聊我发送「绑定 <工号>」/ },
  { text: '签到', user: 'u1010', chat: G, expect: /您还没有绑定花名册/ },
]

describe('the router reads what members type', () => {
  it.each(rows)('$text (as $user in $chat)', async (row) => {
    const user = row.user ?? 'u1001'
    const replies = await bot.say(user, row.text, row.chat ?? user)
    if (row.expect === null) expect(replies).toEqual([])
    else expect(replies.map((r) => r.text).join('\n')).toMatch(row.expect)
  })

  it('has at least 40 cases, half of them malformed or ambiguous', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40)
    expect(rows.slice(rows.findIndex((r) => r.text === '发起签到')).length).toBeGreaterThanOrEqual(20)
  })
})

describe('help', () => {
  it('lists only what a plain member may use', async () => {
    const text = await bot.read('u1002', '帮助', G)
    expect(text).toMatch(/积分 \|/)
    expect(text).not.toMatch(/绑定群 \|/)
    expect(text).not.toMatch(/发起签到/)
  })

  it('lists the secretary commands for a secretary', async () => {
    const text = await bot.read('u1001', '帮助', G)
    expect(text).toMatch(/绑定群 \|/)
    expect(text).toMatch(/确认绑定 \|/)
    expect(text).toMatch(/发起签到 \|/)
    expect(text).toMatch(/汇总 \|/)
  })

  it('tells an unbound account how to bind and shows only what it may use', async () => {
    const text = await bot.read('u1010', '帮助')
    expect(text).toMatch(/您尚未绑定花名册/)
    expect(text).toMatch(/绑定 \|/)
    expect(text).not.toMatch(/积分 \|/)
  })

  it('answers in English after /lang en, with English aliases', async () => {
    expect(await bot.read('u1003', '/lang en')).toMatch(/talk to you in English/)
    const text = await bot.read('u1003', '/help')
    expect(text).toMatch(/\/points \|/)
    expect(await bot.read('u1003', '发起签到 x', G)).toMatch(/only .*branch secretary/i)
    expect(await bot.read('u1003', '语言 中文')).toMatch(/中文/)
  })
})
