import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { tick } from '../../scheduler/tick'
import { cardToText } from '../../src/cards/card'
import { identities, outbox } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

const at = (iso: string) => Date.parse(iso)
const G = 'g-ZC01'
let bot: Bot

/**
 * The fixture branch 综采一队 (ZC01, members 1001–1010, secretary 王建国 u1001) on Wednesday 2026-11-25:
 * - yesterday's 周二学习 (#1): 李卫东 and 张永刚 came, 8 missing, closed;
 * - today's 主题党日 (#2, open 10:00–10:30, late until 10:45): 李卫东 came, 刘志强 on leave, 8 missing;
 * - tasks: #1 巡检 (李卫东, due 11-24, overdue 1 day), #2 风门检修 (张永刚, due 11-25, today),
 *   #3 巷道清理 (刘志强, due 11-27, not shown), #4 皮带检修 (李卫东, due 11-23, overdue 2 days);
 * - 吴立新 (1010) asked to bind: request #1 pending;
 * - today's quiz: 李卫东 answered, 1 of 10.
 */
async function fixture() {
  bot.setNow(at('2026-11-22T09:00:00+08:00'))
  await bot.read('u1001', '新任务 巡检 @李卫东 截止 2026-11-24', G)
  await bot.read('u1001', '新任务 风门检修 @张永刚 截止 2026-11-25', G)
  await bot.read('u1001', '新任务 巷道清理 @刘志强 截止 2026-11-27', G)
  await bot.read('u1001', '新任务 皮带检修 @李卫东 截止 2026-11-23', G)
  bot.setNow(at('2026-11-24T10:00:00+08:00'))
  await bot.read('u1001', '发起签到 周二学习', G)
  await bot.read('u1002', '签到', G)
  await bot.read('u1003', '签到', G)
  bot.setNow(at('2026-11-25T09:00:00+08:00'))
  await bot.read('u1010', '绑定 1010')
  await bot.read('u1002', '答题', G)
  await bot.read('u1002', '答 1A', G)
  bot.setNow(at('2026-11-25T10:00:00+08:00'))
  await bot.read('u1001', '发起签到 主题党日', G)
  await bot.read('u1002', '签到', G)
  await bot.read('u1004', '请假 下井抢修', G)
  bot.setNow(at('2026-11-25T10:05:00+08:00'))
}

beforeEach(async () => {
  bot = await startBot()
  await fixture()
})
afterEach(() => bot.close())

type ShownCard = Parameters<typeof cardToText>[0]

/** What was queued for a user outside the replies: reminders, nudges, notices and morning cards. */
const pushed = async (userId: string, source: string) => {
  const rows = await bot.store.db.select().from(outbox).where(eq(outbox.targetId, userId))
  return rows
    .filter((r) => !r.replyTo && r.source.startsWith(source))
    .map((r) => {
      const reply = JSON.parse(r.reply) as { text?: string; card?: ShownCard }
      return reply.text ?? (reply.card ? cardToText(reply.card) : '')
    })
}

const reminders = async (userId: string) =>
  (await pushed(userId, 'inbox:')).filter((t) => t.includes('主题党日'))
const verdicts = async () => (await pushed('u1010', 'inbox:')).filter((t) => t.startsWith('您的绑定申请'))
const nudges = async (userId: string) =>
  (await pushed(userId, 'inbox:')).filter((t) => t.startsWith('⏰ 催办'))

const SECRETARY_CARD = `【📋 今日待办 · 综采一队党支部（2026-11-25）】
签到（昨天和今天）
#2 主题党日（11-25 10:00）：应到 10 人，未签到 8 人：王建国、张永刚、陈红梅、杨春华、赵海军、黄国庆、周秀英、吴立新
#1 周二学习（11-24 10:00）：应到 10 人，未签到 8 人：王建国、刘志强、陈红梅、杨春华、赵海军、黄国庆、周秀英、吴立新
[提醒未签到 #2]
待审批绑定：1 条
#1 吴立新（工号 1010，综采一队党支部），申请账号：u1010
[批准 #1] [驳回 #1]
任务：逾期 2 项，今天到期 1 项
#4 皮带检修（李卫东，截止 2026-11-23，已逾期 2 天）
#1 巡检（李卫东，截止 2026-11-24，已逾期 1 天）
#2 风门检修（张永刚，截止 2026-11-25，今天到期）
[催办逾期任务（2 项）]
今日答题
已答 1/10 人（10%）`

describe('待办', () => {
  it("shows the secretary's branch: check-ins with the missing, binds, tasks due and the quiz", async () => {
    expect(await bot.read('u1001', '待办')).toBe(SECRETARY_CARD)
    expect(await bot.read('u1001', '/todo', G)).toBe(SECRETARY_CARD)
  })

  it('shows a leader the subtree branch by branch, without bind buttons', async () => {
    expect(await bot.read('u1032', '待办')).toBe(`【📋 今日待办 · 示范煤矿党委（2026-11-25）】
签到（昨天和今天）
综采一队党支部 · #2 主题党日（11-25 10:00）：应到 10 人，未签到 8 人：王建国、张永刚、陈红梅、杨春华、赵海军、黄国庆、周秀英、吴立新
综采一队党支部 · #1 周二学习（11-24 10:00）：应到 10 人，未签到 8 人：王建国、刘志强、陈红梅、杨春华、赵海军、黄国庆、周秀英、吴立新
[提醒未签到 #2]
待审批绑定：1 条
#1 吴立新（工号 1010，综采一队党支部），申请账号：u1010
绑定申请由各支部书记审批。
任务：逾期 2 项，今天到期 1 项
综采一队党支部 · #4 皮带检修（李卫东，截止 2026-11-23，已逾期 2 天）
综采一队党支部 · #1 巡检（李卫东，截止 2026-11-24，已逾期 1 天）
综采一队党支部 · #2 风门检修（张永刚，截止 2026-11-25，今天到期）
[催办逾期任务（2 项）]
今日答题
已答 1/10 人（10%）
答题最少：综采一队党支部 1/10`)
  })

  it("shows a leader in a branch's group that branch, still without bind buttons", async () => {
    const text = await bot.read('u1032', '待办', G)
    expect(text).toMatch(/^【📋 今日待办 · 综采一队党支部（2026-11-25）】/)
    expect(text).toContain('绑定申请由各支部书记审批。')
    expect(text).not.toContain('[批准 #1]')
    expect(text).not.toContain('综采一队党支部 · ')
  })

  it("shows another branch's secretary an empty card of their own branch", async () => {
    expect(await bot.read('u1011', '待办')).toBe(`【📋 今日待办 · 机电队党支部（2026-11-25）】
签到（昨天和今天）
昨天和今天没有签到活动。
待审批绑定：0 条
任务：逾期 0 项，今天到期 0 项
今日答题
今天的题目尚未推送。`)
  })

  it('refuses members and the unbound', async () => {
    expect(await bot.read('u1002', '待办')).toBe('抱歉，「待办」只有支部书记或党委领导可以使用。')
    expect(await bot.read('u1034', '待办')).toBe('抱歉，「待办」只有支部书记或党委领导可以使用。')
    expect(await bot.read('u1009', '待办')).toMatch(/还没有绑定花名册/)
  })

  it('answers in English for a member who chose it', async () => {
    await bot.read('u1011', '/lang en')
    expect(await bot.read('u1011', '/todo')).toBe(`【📋 To-do · 机电队党支部 (2026-11-25)】
Check-ins (yesterday and today)
No check-in activities yesterday or today.
Bind requests waiting: 0
Tasks: 0 overdue, 0 due today
Today's quiz
Today's questions have not been sent yet.`)
  })
})

describe('the buttons', () => {
  it('提醒未签到 reminds the missing once and marks the card', async () => {
    const first = await bot.clickRaw('u1001', 'todo.remind', '2')
    expect(first.toast).toEqual({
      kind: 'success',
      text: '已私信提醒 6 名未签到党员。另有 2 人尚未绑定，无法私信。',
    })
    const text = cardToText(first.card as ShownCard)
    expect(text).toContain(
      '未签到 8 人：王建国、张永刚、陈红梅、杨春华、赵海军、黄国庆、周秀英、吴立新（10:05 已提醒）',
    )
    expect(text).not.toContain('[提醒未签到 #2]')
    expect(await reminders('u1003')).toHaveLength(1)
    bot.setNow(at('2026-11-25T10:06:00+08:00'))
    const second = await bot.clickRaw('u1001', 'todo.remind', '2')
    expect(second.toast?.kind).toBe('info')
    expect(await reminders('u1003')).toHaveLength(1)
  })

  it('提醒未签到 reminds once under concurrent taps', async () => {
    const answers = await Promise.all([
      bot.clickRaw('u1001', 'todo.remind', '2'),
      bot.clickRaw('u1032', 'todo.remind', '2'),
    ])
    expect(answers.map((a) => a.toast?.kind).sort()).toEqual(['info', 'success'])
    expect(await reminders('u1003')).toHaveLength(1)
  })

  it('批准 binds once, and the card counts one request fewer', async () => {
    const answer = await bot.clickRaw('u1001', 'todo.approve', '1')
    expect(answer.toast?.kind).toBe('success')
    const text = cardToText(answer.card as ShownCard)
    expect(text).toContain('待审批绑定：0 条')
    expect(text).not.toContain('[批准 #1]')
    expect(await verdicts()).toEqual(['您的绑定申请已通过：吴立新（工号 1010）。发送「帮助」查看可用命令。'])
    expect(await bot.clickRaw('u1001', 'todo.approve', '1')).toMatchObject({
      toast: { kind: 'info', text: '绑定申请 #1 已经处理过了。' },
    })
    expect(await verdicts()).toHaveLength(1)
  })

  it('批准 and 驳回 tapped at once decide the request once', async () => {
    const answers = await Promise.all([
      bot.clickRaw('u1001', 'todo.approve', '1'),
      bot.clickRaw('u1001', 'todo.reject', '1'),
    ])
    expect(answers.map((a) => a.toast?.kind).sort()).toEqual(['info', 'success'])
    expect(await verdicts()).toHaveLength(1)
  })

  it('批准 is refused to a leader and a member', async () => {
    expect(await bot.click('u1032', 'todo.approve', '1')).toBe('绑定申请 #1 不属于您负责的支部，无法审核。')
    expect(await bot.click('u1002', 'todo.approve', '1')).toBe('绑定申请 #1 不属于您负责的支部，无法审核。')
    const bound = await bot.store.db.select().from(identities).where(eq(identities.platformUserId, 'u1010'))
    expect(bound).toEqual([])
  })

  it('催办 nudges each owner of an overdue task once a day', async () => {
    const answer = await bot.clickRaw('u1001', 'todo.nudge', '2026-11-25')
    expect(answer.toast).toEqual({ kind: 'success', text: '已催办 2 项逾期任务，提醒了 1 人。' })
    const text = cardToText(answer.card as ShownCard)
    expect(text).toContain('今天已催办 2 项逾期任务。')
    expect(text).not.toContain('[催办逾期任务')
    expect(await nudges('u1002')).toEqual([
      '⏰ 催办：您负责的以下任务已逾期，请尽快处理，并发送「任务 <编号> 进度 <0-100>」或「任务 <编号> 完成」回报：\n#4 皮带检修（截止 2026-11-23）\n#1 巡检（截止 2026-11-24）',
    ])
    expect(await nudges('u1003')).toEqual([])
    expect(await bot.clickRaw('u1001', 'todo.nudge', '2026-11-25')).toMatchObject({
      toast: { kind: 'info', text: '今天的逾期任务都已催办过，无需重复催办。' },
    })
    expect(await nudges('u1002')).toHaveLength(1)
  })

  it('催办 under concurrent taps nudges once', async () => {
    const answers = await Promise.all([
      bot.clickRaw('u1001', 'todo.nudge', '2026-11-25'),
      bot.clickRaw('u1032', 'todo.nudge', '2026-11-25'),
    ])
    expect(answers.map((a) => a.toast?.kind).sort()).toEqual(['info', 'success'])
    expect(await nudges('u1002')).toHaveLength(1)
  })

  it("催办 nudges again the next day, and a yesterday's card only refreshes", async () => {
    await bot.click('u1001', 'todo.nudge', '2026-11-25')
    bot.setNow(at('2026-11-26T08:00:00+08:00'))
    expect(await bot.click('u1001', 'todo.nudge', '2026-11-25')).toBe(
      '这张待办卡片是 2026-11-25 的，请发送「待办」获取今天的卡片。',
    )
    expect(await bot.click('u1001', 'todo.nudge', '2026-11-26')).toBe('已催办 3 项逾期任务，提醒了 2 人。')
  })

  it('催办 is refused to a member', async () => {
    expect(await bot.clickRaw('u1002', 'todo.nudge', '2026-11-25')).toMatchObject({
      toast: { kind: 'error' },
    })
    expect(await nudges('u1002')).toEqual([])
  })
})

describe('到', () => {
  it('checks a member in like 签到, once', async () => {
    expect(await bot.read('u1005', '到', G)).toBe('✅ 陈红梅 签到成功：主题党日（10:05，准时）\n积分 +2')
    expect(await bot.read('u1005', '到', G)).toBe('您已于 10:05 签到「主题党日」，无需重复签到。')
    expect(await bot.read('u1001', '待办')).toContain(
      '未签到 7 人：王建国、张永刚、杨春华、赵海军、黄国庆、周秀英、吴立新',
    )
  })
})

describe('查看全部', () => {
  it('lists every task once the short card has cut the list', async () => {
    for (const title of ['一号风门', '二号风门', '三号风门'])
      await bot.read('u1001', `新任务 ${title} @陈红梅 截止 今天`, G)
    const short = await bot.read('u1001', '待办')
    expect(short).toContain('任务：逾期 2 项，今天到期 4 项')
    expect(short).toContain('……另有 1 项，点「查看全部」展开')
    expect(short).not.toContain('#7 三号风门')
    const full = await bot.clickRaw('u1001', 'todo.all', '2026-11-25')
    expect(full.toast).toEqual({ kind: 'info', text: '已展开全部待办。' })
    const text = cardToText(full.card as ShownCard)
    expect(text).toContain('#7 三号风门（陈红梅，截止 2026-11-25，今天到期）')
    expect(text).not.toContain('[查看全部]')
  })
})

describe('the morning card', () => {
  /** The morning slots of the tick's own day (the day before is caught up or recorded as late). */
  const morning = async (iso: string) =>
    (await tick(tickDepsFor(bot.core), at(iso)))
      .filter((r) => r.job === 'todo-morning' && r.slot.startsWith(iso.slice(0, 10)))
      .map((r) => ({ slot: r.slot, status: r.status, to: r.messages.map((m) => m.to.id) }))

  it('goes to every secretary and leader privately at 07:30 on a working day, once', async () => {
    expect(await morning('2026-11-26T07:29:00+08:00')).toEqual([])
    const first = await morning('2026-11-26T07:30:00+08:00')
    expect(first.map((r) => r.to[0]).sort()).toEqual(['u1001', 'u1011', 'u1021', 'u1031', 'u1032', 'u1033'])
    expect(first.every((r) => r.status === 'queued' && r.to.length === 1)).toBe(true)
    expect(await morning('2026-11-26T07:35:00+08:00')).toEqual([])
    const cards = await pushed('u1001', 'job:todo-morning')
    expect(cards).toHaveLength(1)
    expect(cards[0]).toMatch(/^【📋 今日待办 · 综采一队党支部（2026-11-26）】/)
    expect(cards[0]).toContain('任务：逾期 3 项，今天到期 0 项')
    expect((await pushed('u1032', 'job:todo-morning'))[0]).toMatch(
      /^【📋 今日待办 · 示范煤矿党委（2026-11-26）】/,
    )
  })

  it('skips days off', async () => {
    // Saturday 2026-11-28 and Sunday 2026-11-29 are rest days; Friday 2026-11-27 is a working day.
    expect(await morning('2026-11-27T08:00:00+08:00')).toHaveLength(6)
    expect(await morning('2026-11-28T08:00:00+08:00')).toEqual([])
    expect(await morning('2026-11-29T08:00:00+08:00')).toEqual([])
  })
})
