import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeupRequests, members, pointsLedger, pointsRequests, settings } from '../../src/db/schema'
import { DEFAULT_SETTINGS_DOC } from '../../src/domain/settings'
import { type Bot, startBot } from '../support/bot'

const at = (local: string) => Date.parse(`${local}+08:00`)
const G = 'g-ZC01'
let bot: Bot
let requestKey: string

type CardAnswer = {
  title: string
  sections: { kind: string; text?: string; buttons?: { label: string; action: string; value: string }[] }[]
}
const blockOf = (card: CardAnswer | undefined, head: string) =>
  card?.sections.find((s) => s.kind === 'markdown' && s.text?.includes(head))?.text
const buttonsOf = (card: CardAnswer | undefined, action: string) =>
  (card?.sections ?? [])
    .flatMap((s) => s.buttons ?? [])
    .filter((b) => b.action === action)
    .map((b) => `${b.label}|${b.value}`)

async function todoCard(userId: string): Promise<CardAnswer | undefined> {
  const [reply] = await bot.say(userId, '待办')
  return reply?.card as CardAnswer | undefined
}

beforeEach(async () => {
  bot = await startBot()
  await bot.store.db.insert(settings).values({
    version: 2,
    doc: JSON.stringify({
      ...DEFAULT_SETTINGS_DOC,
      points: { ...DEFAULT_SETTINGS_DOC.points, approvalThreshold: 5 },
    }),
    createdAt: 0,
    createdBy: 'test',
  })
  const [li] = await bot.store.db.select().from(members).where(eq(members.employeeNo, '1002'))
  requestKey = `${li?.id}|2026-11-25|1`
  // A closed activity and a pending 补签 of 张永刚 (1003).
  await bot.read('u1001', '发起签到 主题党日', G)
  bot.setNow(at('2026-11-25T12:00'))
  await bot.read('u1003', '补签 夜班井下作业')
  await bot.read('u1001', '加分 @1002 8 井下抢险突击', G)
})
afterEach(() => bot.close())

describe('the morning card: 补签 and points waiting for approval', () => {
  it("shows a secretary the 补签 with buttons and the points request as the committee's", async () => {
    const card = await todoCard('u1001')
    expect(blockOf(card, '待审批补签')).toBe('**待审批补签：1 条**\n#1 张永刚：主题党日，事由：夜班井下作业')
    expect(buttonsOf(card, 'todo.makeupConfirm')).toEqual(['批准补签 #1|1'])
    expect(blockOf(card, '待审批积分')).toBe(
      '**待审批积分：1 条**\n李卫东 +8 分，事由：井下抢险突击\n超过审批分值的加分、扣分由党委领导审批。',
    )
    expect(buttonsOf(card, 'todo.pointsApprove')).toEqual([])
  })

  it('lets the secretary approve a 补签 in one tap, once, and the count drops', async () => {
    const first = await bot.clickRaw('u1001', 'todo.makeupConfirm', '1')
    expect(first.toast?.text).toBe('已确认 张永刚 的补签「主题党日」，积分 +1。')
    expect(blockOf(first.card as CardAnswer, '待审批补签')).toBeUndefined()
    const again = await bot.clickRaw('u1001', 'todo.makeupConfirm', '1')
    expect(again.toast?.text).toBe('补签申请 #1 已经处理过了。')
    const [row] = await bot.store.db.select().from(makeupRequests)
    expect(row?.status).toBe('confirmed')
    expect(await bot.click('u1011', 'todo.makeupReject', '1')).toBe('补签申请 #1 已经处理过了。')
  })

  it("shows a leader the subtree's points requests with 批准 / 驳回, deciding each once under concurrent taps", async () => {
    const card = await todoCard('u1032')
    expect(blockOf(card, '待审批积分')).toBe(
      '**待审批积分：1 条**\n综采一队党支部 · 李卫东 +8 分，事由：井下抢险突击',
    )
    expect(buttonsOf(card, 'todo.pointsApprove')).toEqual([`批准 李卫东 +8|${requestKey}`])
    expect(buttonsOf(card, 'todo.pointsReject')).toEqual([`驳回 李卫东 +8|${requestKey}`])
    // Leaders do not decide 补签: the block is listed without buttons.
    expect(buttonsOf(card, 'todo.makeupConfirm')).toEqual([])
    const answers = await Promise.all([
      bot.clickRaw('u1032', 'todo.pointsApprove', requestKey),
      bot.clickRaw('u1032', 'todo.pointsApprove', requestKey),
      bot.clickRaw('u1033', 'todo.pointsReject', requestKey),
    ])
    const toasts = answers.map((a) => a.toast?.text ?? '')
    expect(toasts.filter((t) => t.startsWith('这项申请已经处理过了'))).toHaveLength(2)
    for (const a of answers) expect(blockOf(a.card as CardAnswer, '待审批积分')).toBeUndefined()
    const [request] = await bot.store.db.select().from(pointsRequests)
    const ledger = await bot.store.db.select().from(pointsLedger).where(eq(pointsLedger.source, 'request:1'))
    expect(ledger).toHaveLength(request?.status === 'approved' ? 1 : 0)
    expect(blockOf(await todoCard('u1001'), '待审批积分')).toBeUndefined()
  })

  it('lists 整改 items due today or overdue in their own block', async () => {
    expect(blockOf(await todoCard('u1001'), '**整改')).toBeUndefined()
    await bot.read('u1001', '新任务 皮带巷隐患整改 @李卫东 截止 今天 整改 监督 更换托辊', G)
    expect(blockOf(await todoCard('u1001'), '**整改')).toBe(
      '**整改：1 项今天到期或逾期（逾期 0 项）**\n#1 皮带巷隐患整改（李卫东，截止 2026-11-25，今天到期）',
    )
    expect(blockOf(await todoCard('u1032'), '**整改')).toBe(
      '**整改：1 项今天到期或逾期（逾期 0 项）**\n综采一队党支部 · #1 皮带巷隐患整改（李卫东，截止 2026-11-25，今天到期）',
    )
  })

  it('refuses the points buttons to a secretary', async () => {
    expect(await bot.click('u1001', 'todo.pointsApprove', requestKey)).toBe(
      '只有 李卫东 所在支部的上级党委领导可以审批这项申请。',
    )
  })
})
