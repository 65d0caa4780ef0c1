import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Card, cardToText } from '../../src/cards/card'
import { routeMessage } from '../../src/commands/router'
import { members, outbox, pointsLedger, taskHistory, tasks } from '../../src/db/schema'
import { type Bot, FIXED_NOW, startBot } from '../support/bot'

const at = (iso: string) => Date.parse(iso)
const G = 'g-ZC01'
let bot: Bot

beforeEach(async () => {
  // Wednesday 2026-11-25, 10:00 in Shanghai.
  bot = await startBot()
})
afterEach(() => bot.close())

type Pushed = { kind: 'text'; text: string } | { kind: 'card'; card: Card }
/** What the bot sent a user privately on its own (not answers in the chat they typed in). */
const pushed = async (userId: string): Promise<Pushed[]> => {
  const rows = await bot.store.db.select().from(outbox).where(eq(outbox.targetId, userId))
  return rows.filter((r) => r.targetKind === 'user' && !r.replyTo).map((r) => JSON.parse(r.reply) as Pushed)
}
const pushedText = async (userId: string) =>
  (await pushed(userId)).map((p) => (p.kind === 'text' ? p.text : cardToText(p.card)))

const ledger = async () =>
  bot.store.db
    .select({
      no: members.employeeNo,
      points: pointsLedger.points,
      rule: pointsLedger.rule,
      reason: pointsLedger.reason,
      source: pointsLedger.source,
    })
    .from(pointsLedger)
    .innerJoin(members, eq(members.id, pointsLedger.memberId))

const history = async (taskId: number) =>
  bot.store.db
    .select({
      seq: taskHistory.seq,
      kind: taskHistory.kind,
      who: members.name,
      percent: taskHistory.percent,
      note: taskHistory.note,
    })
    .from(taskHistory)
    .innerJoin(members, eq(members.id, taskHistory.actorId))
    .where(eq(taskHistory.taskId, taskId))
    .orderBy(taskHistory.seq)

const FIX = '新任务 皮带巷隐患整改 @李卫东 截止 下周五 整改 监督 更换托辊'

describe('新任务', () => {
  it('creates a task for a member named by @name and sends them the card with buttons privately', async () => {
    expect(await bot.read('u1001', FIX, G)).toBe(
      '📌 已创建任务 #1【整改】皮带巷隐患整改\n负责人：李卫东\n截止：2026-12-04（周五）\n已私信通知负责人。',
    )
    const [cardPush] = await pushed('u1002')
    expect(cardPush?.kind === 'card' && cardToText(cardPush.card)).toBe(
      [
        '【任务 #1 · 皮带巷隐患整改】',
        '王建国 给您布置了任务，请按时完成并在这里汇报进度。',
        '类型: 整改',
        '支部: 综采一队党支部',
        '负责人: 李卫东',
        '截止: 2026-12-04（周五）',
        '状态: 未开始',
        '进度: 0%',
        '问题来源: 监督发现',
        '整改措施: 更换托辊',
        '汇报进度：任务 1 进度 <0-100> [说明]；完成：任务 1 完成 [说明]',
        '[进度 30%] [进度 60%] [进度 90%] [标记完成]',
      ].join('\n'),
    )
    const buttons =
      cardPush?.kind === 'card' ? cardPush.card.sections.find((s) => s.kind === 'buttons') : undefined
    expect(buttons).toEqual({
      kind: 'buttons',
      buttons: [
        { label: '进度 30%', action: 'task.progress', value: '1:30' },
        { label: '进度 60%', action: 'task.progress', value: '1:60' },
        { label: '进度 90%', action: 'task.progress', value: '1:90' },
        { label: '标记完成', action: 'task.done', value: '1', style: 'primary' },
      ],
    })
  })

  it('takes several owners by @employee number or name, and a target’s metric', async () => {
    expect(await bot.read('u1001', '新任务 原煤产量 @1003 @李卫东 截止 月底 目标 原煤产量 120万吨', G)).toBe(
      '📌 已创建任务 #1【目标】原煤产量\n负责人：张永刚、李卫东\n截止：2026-11-30（周一）\n已私信通知负责人。',
    )
    expect(await pushed('u1002')).toHaveLength(1)
    expect(await pushed('u1003')).toHaveLength(1)
    const [row] = await bot.store.db.select().from(tasks)
    expect(row).toMatchObject({
      type: 'target',
      dueDay: '2026-11-30',
      metricName: '原煤产量',
      metricTarget: 120,
      metricUnit: '万吨',
      status: 'open',
    })
  })

  it('resolves a platform @mention through the account it names, whatever the display name', async () => {
    // As the Feishu adapter hands it over: the mention's display name differs from the roster name.
    const routed = await routeMessage(
      bot.core.process,
      {
        platform: 'console',
        eventId: 'e-mention',
        messageId: 'm-mention',
        chatId: G,
        chatType: 'group',
        userId: 'u1001',
        text: '新任务 风门检修 @小李 截止 明天',
        mentionsBot: true,
        mentions: [{ userId: 'u1002', name: '小李' }],
        receivedAt: FIXED_NOW,
      },
      FIXED_NOW,
    )
    expect(routed.replies).toEqual([
      {
        kind: 'text',
        text: '📌 已创建任务 #1【目标】风门检修\n负责人：李卫东\n截止：2026-11-26（周四）\n已私信通知负责人。',
      },
    ])
    await bot.store.commit(routed.writes)
    expect(await bot.read('u1002', '任务')).toMatch(/#1 \| 【目标】风门检修 \| 2026-11-26/)
  })

  it('records a target’s current value as progress, and lets the secretary cancel a task', async () => {
    await bot.read('u1001', '新任务 原煤产量 @李卫东 截止 年底 目标 原煤产量 120万吨', G)
    expect(await bot.read('u1002', '任务 1 数值 90 十一月累计')).toBe(
      '已更新任务 #1「原煤产量」：原煤产量 90万吨，完成 75%',
    )
    expect(await bot.read('u1002', '任务 1 数值 很多')).toMatch(/请写上当前数值，例如：任务 12 数值 72.5/)
    expect(await bot.read('u1001', '任务 1', 'u1001')).toMatch(/指标: 原煤产量：目标 120万吨，当前 90万吨\n/)
    await bot.read('u1001', FIX, G)
    expect(await bot.read('u1002', '任务 2 数值 3')).toBe('任务 #2 没有指标，请用：任务 2 进度 <0-100>')
    expect(await bot.read('u1002', '任务 2 取消 不做了')).toBe(
      '只有综采一队党支部的书记可以确认、退回任务或采纳建议。',
    )
    expect(await bot.read('u1001', '任务 2 取消 已并入矿级整改', G)).toBe(
      '已取消任务 #2「皮带巷隐患整改」，原因：已并入矿级整改。已通知负责人。',
    )
    expect(await bot.read('u1002', '任务 2 完成')).toBe('任务 #2 已取消，不能再更改。')
    expect((await history(1)).map((h) => [h.kind, h.percent, h.note])).toEqual([
      ['created', null, '2026-12-31 李卫东'],
      ['progress', 75, '90万吨 十一月累计'],
    ])
    expect((await history(2)).map((h) => [h.kind, h.note])).toEqual([
      ['created', '2026-12-04 李卫东'],
      ['cancelled', '已并入矿级整改'],
    ])
  })

  it('refuses an unknown member, a past or unreadable date, and an owner from another branch, writing nothing', async () => {
    expect(await bot.read('u1001', '新任务 巡检 @王五 截止 明天', G)).toBe(
      '找不到成员「王五」。请用 @姓名 或 @工号 指定。',
    )
    expect(await bot.read('u1001', '新任务 巡检 @李卫东 截止 昨天', G)).toBe(
      '截止日期 2026-11-24 已经过去，请给今天或以后的日期。',
    )
    expect(await bot.read('u1001', '新任务 巡检 @李卫东 截止 11月20日', G)).toBe(
      '截止日期 2026-11-20 已经过去，请给今天或以后的日期。',
    )
    expect(await bot.read('u1001', '新任务 巡检 @李卫东 截止 后年', G)).toBe(
      '看不懂截止日期「后年」。可以写 2026-12-31、12月31日、12/31、月底、下周五、明天、下月15日 等。',
    )
    expect(await bot.read('u1001', '新任务 巡检 @徐志强 截止 明天', G)).toBe(
      '徐志强 不是综采一队党支部的成员，不能做本支部任务的负责人。',
    )
    expect(await bot.read('u1001', '新任务 巡检 李卫东 截止 明天', G)).toBe(
      '参数有误：请按「新任务 <标题> @负责人 截止 <日期> [类型] [说明]」填写，负责人可写多个\n用法：新任务 <标题> @负责人 截止 <日期> [类型] [说明]\n示例：新任务 皮带巷隐患整改 @李卫东 截止 下周五 整改',
    )
    expect(await bot.read('u1011', '新任务 巡检 @李卫东 截止 明天', G)).toBe(
      '您不是「综采一队党支部」的书记，不能在此创建任务。请在本支部群或与我的私聊中创建。',
    )
    expect(await bot.store.db.select().from(tasks)).toEqual([])
  })

  it('in a private chat creates for the secretary’s own branch and names owners it cannot reach', async () => {
    expect(await bot.read('u1001', '新任务 岗区巡查 @周秀英 截止 2026-12-10 先锋岗', 'u1001')).toBe(
      '📌 已创建任务 #1【先锋岗】岗区巡查\n负责人：周秀英\n截止：2026-12-10（周四）\n周秀英 还没有绑定聊天账号，未能私信通知，请当面告知。',
    )
  })

  it('escapes what the secretary typed before it goes into the card’s markdown', async () => {
    await bot.read('u1001', '新任务 巡检 @李卫东 截止 明天 先锋岗 注意**安全** @all [链接](http://x.cn)', G)
    const [cardPush] = await pushed('u1002')
    const notes = cardPush?.kind === 'card' ? cardPush.card.sections.filter((s) => s.kind === 'markdown') : []
    expect(notes.map((s) => s.kind === 'markdown' && s.text)).toContain(
      '说明：注意\\*\\*安全\\*\\* @\u200ball \\[链接\\]\\(http:\u200b//x.cn\\)',
    )
  })
})

describe('任务: progress, done, confirm and send back', () => {
  beforeEach(async () => {
    await bot.read('u1001', FIX, G)
  })

  it('runs the whole loop and pays the on-time points once', async () => {
    expect(await bot.read('u1002', '任务 1 进度 60 已清理浮煤')).toBe(
      '已更新任务 #1「皮带巷隐患整改」进度：60%',
    )
    expect(await bot.read('u1002', '任务 1 进度 70')).toBe('已更新任务 #1「皮带巷隐患整改」进度：70%')
    expect(await bot.read('u1002', '任务 1 完成 托辊已更换')).toBe(
      '✅ 已报告任务 #1「皮带巷隐患整改」完成，等待支部书记确认。',
    )
    expect(await bot.read('u1002', '任务 1 进度 80')).toBe(
      '任务 #1 已报完成，正在等待书记确认；如需修改请等书记退回。',
    )
    const [review] = await pushedText('u1001')
    expect(review).toBe(
      [
        '【待确认：任务 #1 · 皮带巷隐患整改】',
        '李卫东 报告已完成。说明：托辊已更换',
        '类型: 整改',
        '支部: 综采一队党支部',
        '负责人: 李卫东',
        '截止: 2026-12-04（周五）',
        '状态: 已报完成，待确认',
        '进度: 70%',
        '问题来源: 监督发现',
        '整改措施: 更换托辊',
        '如需退回，请发送：任务 1 退回 <原因>',
        '[确认完成]',
      ].join('\n'),
    )
    expect(await bot.read('u1001', '任务 1 退回', 'u1001')).toBe('退回请说明原因：任务 1 退回 <原因>')
    expect(await bot.read('u1001', '任务 1 退回 缺少现场照片', 'u1001')).toBe(
      '已退回任务 #1「皮带巷隐患整改」，原因：缺少现场照片。已通知负责人。',
    )
    expect(await bot.read('u1001', '任务 1 确认', 'u1001')).toBe('任务 #1 还没有报完成，不能确认或退回。')
    await bot.read('u1002', '任务 1 完成 已补照片')
    expect(await bot.read('u1001', '任务 1 确认', 'u1001')).toBe(
      '已确认任务 #1「皮带巷隐患整改」完成。\n按时完成，负责人各得 5 积分。',
    )
    expect(await bot.read('u1001', '任务 1 确认', 'u1001')).toBe('任务 #1 已确认完成，不能再更改。')
    expect(await bot.read('u1002', '任务 1 进度 90')).toBe('任务 #1 已确认完成，不能再更改。')
    expect((await pushedText('u1002')).slice(1)).toEqual([
      '↩️ 任务 #1「皮带巷隐患整改」被 王建国 退回：缺少现场照片\n请完善后再发送「任务 1 完成」。',
      '🎉 任务 #1「皮带巷隐患整改」已由 王建国 确认完成。\n按时完成，负责人各得 5 积分。',
    ])
    expect(await ledger()).toEqual([
      { no: '1002', points: 5, rule: 'task', reason: '按时完成任务：皮带巷隐患整改', source: 'task:1' },
    ])
  })

  it('keeps every change in the ledger, in order, with who, what and the note', async () => {
    await bot.read('u1002', '任务 1 进度 30')
    await bot.read('u1002', '任务 1 进度 60 已清理浮煤')
    await bot.read('u1002', '任务 1 完成')
    await bot.read('u1001', '任务 1 退回 缺少现场照片', 'u1001')
    await bot.read('u1002', '任务 1 完成 已补照片')
    await bot.read('u1001', '任务 1 确认', 'u1001')
    expect(await history(1)).toEqual([
      { seq: 1, kind: 'created', who: '王建国', percent: null, note: '2026-12-04 李卫东' },
      { seq: 2, kind: 'progress', who: '李卫东', percent: 30, note: null },
      { seq: 3, kind: 'progress', who: '李卫东', percent: 60, note: '已清理浮煤' },
      { seq: 4, kind: 'submitted', who: '李卫东', percent: null, note: null },
      { seq: 5, kind: 'returned', who: '王建国', percent: null, note: '缺少现场照片' },
      { seq: 6, kind: 'submitted', who: '李卫东', percent: null, note: '已补照片' },
      { seq: 7, kind: 'confirmed', who: '王建国', percent: null, note: null },
    ])
    const [row] = await bot.store.db.select().from(tasks)
    expect(row).toMatchObject({ rev: 7, status: 'confirmed', percent: 100, submittedDay: '2026-11-25' })
    expect(await bot.read('u1001', '任务 1', 'u1001')).toBe(
      [
        '【任务 #1 · 皮带巷隐患整改】',
        '类型: 整改',
        '支部: 综采一队党支部',
        '负责人: 李卫东',
        '截止: 2026-12-04（周五）',
        '状态: 已确认完成',
        '进度: 100%',
        '问题来源: 监督发现',
        '整改措施: 更换托辊',
        '台账记录',
        '时间 | 人员 | 事项 | 说明',
        '11-25 10:00 | 王建国 | 创建 | 2026-12-04 李卫东',
        '11-25 10:00 | 李卫东 | 进度 30% | ',
        '11-25 10:00 | 李卫东 | 进度 60% | 已清理浮煤',
        '11-25 10:00 | 李卫东 | 报完成 | ',
        '11-25 10:00 | 王建国 | 退回 | 缺少现场照片',
        '11-25 10:00 | 李卫东 | 报完成 | 已补照片',
        '11-25 10:00 | 王建国 | 确认完成 | ',
      ].join('\n'),
    )
  })

  it('pays nothing for a task done after its due day, and says so in the ledger', async () => {
    await bot.read('u1001', '新任务 风门检修 @李卫东 截止 明天', G)
    bot.setNow(at('2026-11-28T09:00:00+08:00'))
    await bot.read('u1002', '任务 2 完成')
    expect(await bot.read('u1001', '任务 2 确认', 'u1001')).toBe(
      '已确认任务 #2「风门检修」完成。\n逾期完成（截止 2026-11-26，2026-11-28 报完成），不计积分。',
    )
    expect(await ledger()).toEqual([
      {
        no: '1002',
        points: 0,
        rule: 'task',
        reason: '完成任务：风门检修（逾期完成，不计分）',
        source: 'task:2',
      },
    ])
  })

  it('answers in English for a member who chose it', async () => {
    await bot.read('u1002', '/lang en')
    expect(await bot.read('u1002', '/task 1 progress 60')).toBe(
      'Task #1 "皮带巷隐患整改" progress updated: 60%',
    )
    expect(await bot.read('u1002', '/task 1 maybe')).toMatch(
      /After the task number write: progress, value, done, propose, confirm, return, adopt or cancel/,
    )
    expect(await bot.read('u1002', '/task 1 done')).toBe(
      '✅ Task #1 "皮带巷隐患整改" reported done; the branch secretary will confirm it.',
    )
  })

  it('works from the card buttons: a toast for the clicker and the card updated', async () => {
    const progress = await bot.clickRaw('u1002', 'task.progress', '1:60')
    expect(progress.toast?.text).toBe('已更新任务 #1「皮带巷隐患整改」进度：60%')
    expect(progress.replies).toEqual([])
    expect(JSON.stringify(progress.card)).toContain('"进度 90%"')
    expect(JSON.stringify(progress.card)).not.toContain('"进度 60%"')
    expect(await bot.click('u1003', 'task.done', '1')).toBe('只有任务 #1 的负责人可以汇报进度或完成。')
    expect(await bot.click('u1002', 'task.done', '1')).toBe(
      '✅ 已报告任务 #1「皮带巷隐患整改」完成，等待支部书记确认。',
    )
    expect(await bot.click('u1003', 'task.confirm', '1')).toBe(
      '只有综采一队党支部的书记可以确认、退回任务或采纳建议。',
    )
    const confirm = await bot.clickRaw('u1001', 'task.confirm', '1')
    expect(confirm.toast?.text).toBe('已确认任务 #1「皮带巷隐患整改」完成。\n按时完成，负责人各得 5 积分。')
    expect(JSON.stringify(confirm.card)).not.toContain('task.confirm')
    expect(await bot.click('u1001', 'task.confirm', '1')).toBe('任务 #1 已确认完成，不能再更改。')
    expect(await bot.click('u1002', 'task.done', 'x')).toBe('没有编号为 x 的任务。')
    expect(await bot.click('u1002', 'task.progress', '1:120')).toBe('进度应为 0 到 100 的整数')
    expect(await bot.click('u1010', 'task.done', '1')).toMatch(/还没有绑定花名册/)
  })
})

describe('点题: proposals and adoption', () => {
  beforeEach(async () => {
    await bot.read('u1001', '新任务 如何减少夜班疲劳 @张永刚 截止 12月31日 点题', G)
    await bot.read('u1001', FIX, G)
  })

  it('lets every branch member propose and the secretary adopt, for points, once', async () => {
    expect(await bot.read('u1004', '任务 1 建议 班前会增加十分钟互动', G)).toBe(
      '💡 已收到您对点题 #1「如何减少夜班疲劳」的建议（第 1 条），书记采纳后可得积分。',
    )
    expect(await bot.read('u1005', '任务 1 建议 夜班后安排车辆接送', G)).toMatch(/（第 2 条）/)
    expect(await bot.read('u1012', '任务 1 建议 多休息', 'u1012')).toBe(
      '任务 #1 属于综采一队党支部，您不是该支部成员。',
    )
    expect(await bot.read('u1004', '任务 2 建议 多巡检', G)).toBe('任务 #2 不是点题任务，不能提建议。')
    expect(await bot.read('u1004', '任务 1 建议', G)).toBe('请写上建议内容：任务 1 建议 <内容>')
    const [proposalCard] = await pushedText('u1001')
    expect(proposalCard).toBe(
      '【任务 #1 · 如何减少夜班疲劳】\n💡 刘志强 对点题 #1「如何减少夜班疲劳」提出建议 1：班前会增加十分钟互动\n[采纳建议 1]',
    )
    expect(await bot.read('u1002', '任务 1 采纳 1', G)).toBe(
      '只有综采一队党支部的书记可以确认、退回任务或采纳建议。',
    )
    expect(await bot.read('u1001', '任务 1 采纳 1', G)).toBe('已采纳 刘志强 的建议 1，积分 +3。')
    expect(await bot.read('u1001', '任务 1 采纳 1', G)).toBe('建议 1 已于 11-25 10:00 采纳。')
    expect(await bot.read('u1001', '任务 1 采纳 9', G)).toBe('点题 #1 没有第 9 条建议。')
    expect(await bot.click('u1001', 'task.adopt', '1:2')).toBe('已采纳 陈红梅 的建议 2，积分 +3。')
    expect(await pushedText('u1004')).toEqual([
      '👍 您对点题 #1「如何减少夜班疲劳」的建议 1 已被采纳，积分 +3。',
    ])
    expect(await ledger()).toEqual([
      {
        no: '1004',
        points: 3,
        rule: 'proposal',
        reason: '点题建议被采纳：如何减少夜班疲劳',
        source: 'task:1:1',
      },
      {
        no: '1005',
        points: 3,
        rule: 'proposal',
        reason: '点题建议被采纳：如何减少夜班疲劳',
        source: 'task:1:2',
      },
    ])
    expect(await bot.read('u1004', '积分', G)).toMatch(
      /2026-11-25 \| \+3 \| 点题建议被采纳：如何减少夜班疲劳/,
    )
    expect((await history(1)).map((h) => [h.kind, h.who, h.note])).toEqual([
      ['created', '王建国', '2026-12-31 张永刚'],
      ['proposed', '刘志强', '#1 班前会增加十分钟互动'],
      ['proposed', '陈红梅', '#2 夜班后安排车辆接送'],
      ['adopted', '王建国', '#1'],
      ['adopted', '王建国', '#2'],
    ])
  })

  it('lists a member’s open tasks by due date and the branch’s open topics', async () => {
    await bot.read('u1001', '新任务 风门检修 @李卫东 截止 明天', G)
    expect(await bot.read('u1002', '任务')).toBe(
      [
        '【李卫东 的任务】',
        '编号 | 任务 | 截止 | 状态',
        '#3 | 【目标】风门检修 | 2026-11-26 | 未开始 0%',
        '#2 | 【整改】皮带巷隐患整改 | 2026-12-04 | 未开始 0%',
        '本支部点题（欢迎提建议：任务 <编号> 建议 <内容>）：#1 如何减少夜班疲劳（2026-12-31）',
        '汇报：任务 <编号> 进度 <0-100> [说明]；任务 <编号> 完成 [说明]；详情：任务 <编号>',
      ].join('\n'),
    )
    expect(await bot.read('u1006', '/tasks')).toBe(
      [
        '【杨春华 的任务】',
        '您目前没有未完成的任务。',
        '本支部点题（欢迎提建议：任务 <编号> 建议 <内容>）：#1 如何减少夜班疲劳（2026-12-31）',
        '汇报：任务 <编号> 进度 <0-100> [说明]；任务 <编号> 完成 [说明]；详情：任务 <编号>',
      ].join('\n'),
    )
  })
})

describe('逾期', () => {
  beforeEach(async () => {
    await bot.read('u1001', '新任务 风门检修 @李卫东 截止 明天', G)
    await bot.read('u1001', '新任务 整理台账 @张永刚 截止 月底', G)
    await bot.read('u1001', '新任务 年度目标 @刘志强 截止 年底', G)
    await bot.read('u1001', '新任务 安全承诺 @陈红梅 截止 下周五', G)
    await bot.read('u1011', '新任务 电机检修 @孙红梅 截止 明天', 'u1011')
    await bot.read('u1005', '任务 4 完成')
    // Saturday 2026-11-28: 风门检修 and 电机检修 are two days late, 整理台账 is due on Monday.
    bot.setNow(at('2026-11-28T10:00:00+08:00'))
  })

  it('shows a secretary the branch’s overdue, due-soon and unconfirmed tasks', async () => {
    expect(await bot.read('u1001', '逾期', G)).toBe(
      [
        '【综采一队党支部 · 逾期和即将到期的任务】',
        '已逾期 1 项',
        '#1 风门检修（李卫东，截止 2026-11-26，已逾期 2 天）',
        '3 天内到期 1 项',
        '#2 整理台账（张永刚，截止 2026-11-30，2 天后到期）',
        '待确认 1 项',
        '#4 安全承诺（陈红梅，截止 2026-12-04，已报完成，待确认）',
      ].join('\n'),
    )
    expect(await bot.read('u1011', '逾期', 'u1011')).toBe(
      '【机电队党支部 · 逾期和即将到期的任务】\n已逾期 1 项\n#5 电机检修（孙红梅，截止 2026-11-26，已逾期 2 天）',
    )
  })

  it('shows a leader the organisation by branch, then the longest overdue', async () => {
    expect(await bot.read('u1032', '/overdue', 'g-DW')).toBe(
      [
        '【示范煤矿党委 · 各支部任务逾期情况】',
        '支部 | 已逾期 | 即将到期 | 待确认',
        '综采一队党支部 | 1 | 1 | 1',
        '机电队党支部 | 1 | 0 | 0',
        '逾期最久的 2 项：',
        '#1 风门检修（李卫东，截止 2026-11-26，已逾期 2 天） · 综采一队党支部',
        '#5 电机检修（孙红梅，截止 2026-11-26，已逾期 2 天） · 机电队党支部',
      ].join('\n'),
    )
  })

  it('is refused to a member', async () => {
    expect(await bot.read('u1002', '逾期', G)).toBe('抱歉，「逾期」只有支部书记或党委领导可以使用。')
  })
})

describe('concurrency on one task', () => {
  beforeEach(async () => {
    await bot.read('u1001', FIX, G)
  })

  it('keeps both of two simultaneous progress reports, one after the other', async () => {
    const answers = await Promise.all([
      bot.read('u1002', '任务 1 进度 40'),
      bot.read('u1002', '任务 1 进度 50'),
    ])
    expect(answers.sort()).toEqual([
      '已更新任务 #1「皮带巷隐患整改」进度：40%',
      '已更新任务 #1「皮带巷隐患整改」进度：50%',
    ])
    const entries = await history(1)
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3])
    expect(
      entries
        .slice(1)
        .map((e) => e.percent)
        .sort(),
    ).toEqual([40, 50])
    const [row] = await bot.store.db.select().from(tasks)
    expect(row?.rev).toBe(3)
    expect(row?.percent).toBe(entries[2]?.percent)
  })

  it('confirms once when the secretary confirms twice at the same moment (command and button)', async () => {
    await bot.read('u1002', '任务 1 完成')
    const [typed, clicked] = await Promise.all([
      bot.read('u1001', '任务 1 确认', 'u1001'),
      bot.click('u1001', 'task.confirm', '1'),
    ])
    expect([typed, clicked].filter((a) => a.startsWith('已确认任务 #1'))).toHaveLength(1)
    expect([typed, clicked].filter((a) => a === '任务 #1 已确认完成，不能再更改。')).toHaveLength(1)
    expect(await ledger()).toHaveLength(1)
    expect((await history(1)).map((h) => h.kind)).toEqual(['created', 'submitted', 'confirmed'])
  })

  it('gives two simultaneous new tasks and proposals their own numbers', async () => {
    const created = await Promise.all([
      bot.read('u1001', '新任务 巡检一 @李卫东 截止 明天 点题', G),
      bot.read('u1001', '新任务 巡检二 @李卫东 截止 明天', G),
    ])
    expect(created.map((c) => c.split('\n')[0]).sort()).toEqual(
      ['📌 已创建任务 #2【点题】巡检一', '📌 已创建任务 #3【目标】巡检二'].sort(),
    )
    const topic = created[0]?.startsWith('📌 已创建任务 #2') ? 2 : 3
    const proposed = await Promise.all([
      bot.read('u1004', `任务 ${topic} 建议 甲`, G),
      bot.read('u1005', `任务 ${topic} 建议 乙`, G),
    ])
    expect(proposed.map((p) => p.match(/第 (\d) 条/)?.[1]).sort()).toEqual(['1', '2'])
  })
})

// Who may do what, written out by hand. Task #1 整改 is 李卫东's and reported done; #2 is a 点题 of 张永刚's; #3 is
// 李卫东's and open. All three belong to 综采一队 (ZC01).
const people = {
  secretary: 'u1001',
  otherSecretary: 'u1011',
  assignee: 'u1002',
  member: 'u1003',
  leader: 'u1032',
  outsider: 'u1012',
  unbound: 'u1010',
} as const
type Who = keyof typeof people

const matrix: [string, 'group' | 'p2p', Who[]][] = [
  ['新任务 巡检 @李卫东 截止 明天', 'group', ['secretary']],
  ['任务 1', 'p2p', ['secretary', 'assignee', 'leader']],
  ['任务 2', 'p2p', ['secretary', 'assignee', 'member', 'leader']],
  ['任务 3 进度 50', 'p2p', ['assignee']],
  ['任务 3 完成', 'p2p', ['assignee']],
  ['任务 1 确认', 'p2p', ['secretary']],
  ['任务 1 退回 照片不清', 'p2p', ['secretary']],
  ['任务 2 建议 多开班前会', 'p2p', ['secretary', 'assignee', 'member']],
  ['逾期', 'p2p', ['secretary', 'otherSecretary', 'leader']],
]
const refused = /只有.+可以|您不能查看|您不是|请私聊我发送「绑定/

describe('who may create, see, update, confirm and propose', () => {
  beforeEach(async () => {
    await bot.read('u1001', FIX, G)
    await bot.read('u1001', '新任务 如何减少夜班疲劳 @张永刚 截止 12月31日 点题', G)
    await bot.read('u1001', '新任务 风门检修 @李卫东 截止 明天', G)
    await bot.read('u1002', '任务 1 完成')
  })
  const cases = matrix.flatMap(([command, chat, allowed]) =>
    (Object.keys(people) as Who[]).map((who) => ({ command, chat, who, allowed: allowed.includes(who) })),
  )
  it.each(cases)('$who: $command → allowed $allowed', async ({ command, chat, who, allowed }) => {
    const user = people[who]
    const answer = await bot.read(user, command, chat === 'group' ? G : user)
    expect(answer).not.toBe('')
    if (allowed) expect(answer).not.toMatch(refused)
    else expect(answer).toMatch(refused)
  })
})
