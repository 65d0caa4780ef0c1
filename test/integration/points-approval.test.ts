import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { members, outbox, pointsLedger, pointsRequests, settings } from '../../src/db/schema'
import { DEFAULT_SETTINGS_DOC } from '../../src/domain/settings'
import { type Bot, startBot } from '../support/bot'

const G = 'g-ZC01'
let bot: Bot
/** The request key of 李卫东 (1002)'s first request on the fixed day, as the card's buttons carry it. */
let firstRequest: string

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
  firstRequest = `${li?.id}|2026-11-25|1`
})
afterEach(() => bot.close())

const pushedTo = async (userId: string) =>
  (await bot.store.db.select().from(outbox).where(eq(outbox.targetId, userId)))
    .filter((r) => r.targetKind === 'user' && !r.replyTo)
    .map((r) => JSON.parse(r.reply) as { text?: string })
    .flatMap((r) => (r.text ? [r.text] : []))

type PushedCard = {
  title: string
  sections: { text?: string; buttons?: { label: string; action: string; value: string }[] }[]
}
const cardsTo = async (userId: string) =>
  (await bot.store.db.select().from(outbox).where(eq(outbox.targetId, userId)))
    .map((r) => JSON.parse(r.reply) as { card?: PushedCard })
    .flatMap((r) => (r.card ? [r.card] : []))

const manualLedger = () =>
  bot.store.db
    .select({
      points: pointsLedger.points,
      reason: pointsLedger.reason,
      source: pointsLedger.source,
      version: pointsLedger.settingsVersion,
    })
    .from(pointsLedger)
    .where(eq(pointsLedger.rule, 'manual'))

describe('加分 / 扣分 above the approval threshold', () => {
  it('waits as a request, sends leaders a card, and on approval writes the ledger row and tells the member', async () => {
    expect(await bot.read('u1001', '加分 @1002 8 井下抢险突击', G)).toBe(
      '给 李卫东 加 8 分（事由：井下抢险突击）超过 5 分，须党委审批：已把申请发给 孙建国、胡卫东。批准后计入积分并告知本人。',
    )
    expect(await manualLedger()).toEqual([])
    for (const leader of ['u1032', 'u1033']) {
      const [card] = await cardsTo(leader)
      expect(card?.title).toBe('积分审批：李卫东 加 8 分')
      expect(
        card?.sections.flatMap((x) => x.buttons ?? []).map((b) => `${b.label} ${b.action} ${b.value}`),
      ).toEqual([`批准 points.approve ${firstRequest}`, `驳回 points.reject ${firstRequest}`])
    }
    const approved = await bot.clickRaw('u1032', 'points.approve', firstRequest)
    expect(approved.toast?.text).toBe('✅ 已批准：李卫东 加 8 分（井下抢险突击），已计入积分。')
    expect(approved.card?.sections.map((x) => x.text ?? '')).toContain('已批准')
    // A double tap and the other leader's late 驳回 change nothing.
    expect(await bot.click('u1032', 'points.approve', firstRequest)).toBe(
      '这项申请已经处理过了（已批准），不再重复处理。',
    )
    expect(await bot.click('u1033', 'points.reject', firstRequest)).toBe(
      '这项申请已经处理过了（已批准），不再重复处理。',
    )
    expect(await manualLedger()).toEqual([
      {
        points: 8,
        reason: '书记加分：井下抢险突击（王建国 申请，孙建国 批准）',
        source: 'request:1',
        version: 2,
      },
    ])
    expect(await pushedTo('u1002')).toEqual([
      '孙建国 批准：给您加了 8 分，事由：井下抢险突击。发送「积分」查看明细。',
    ])
    expect(await pushedTo('u1001')).toEqual(['您为 李卫东 申请的加 8 分（井下抢险突击）已批准（孙建国）。'])
    // Up to the threshold nothing waits; the approved 8 counts toward the day's cap.
    expect(await bot.read('u1001', '加分 @1002 5 帮扶', G)).toBe(
      '已给 李卫东 加 5 分，事由：帮扶。今日手动加扣分 13/20。已私聊告知本人。',
    )
  })

  it('writes nothing on 驳回 and tells only the secretary', async () => {
    await bot.read('u1001', '扣分 @1002 6 违章作业', G)
    expect(await bot.click('u1033', 'points.reject', firstRequest)).toBe(
      '已驳回：李卫东 扣 6 分（违章作业），不计积分。',
    )
    expect(await manualLedger()).toEqual([])
    expect(await pushedTo('u1002')).toEqual([])
    expect(await pushedTo('u1001')).toEqual(['您为 李卫东 申请的扣 6 分（违章作业）已驳回（胡卫东）。'])
  })

  it('lets only a leader over the branch decide', async () => {
    await bot.read('u1001', '加分 @1002 8 井下抢险突击', G)
    const refusal = '只有 李卫东 所在支部的上级党委领导可以审批这项申请。'
    expect(await bot.click('u1011', 'points.approve', firstRequest)).toBe(refusal)
    expect(await bot.click('u1001', 'points.approve', firstRequest)).toBe(refusal)
    expect(await bot.click('u1002', 'points.approve', firstRequest)).toBe(refusal)
    expect(await bot.click('u1032', 'points.approve', '1|bad')).toBe('找不到这项积分申请，卡片可能已过期。')
    const [row] = await bot.store.db.select().from(pointsRequests)
    expect(row?.status).toBe('pending')
  })

  it('decides once when two leaders tap at the same moment, and numbers two requests at once apart', async () => {
    await Promise.all([bot.read('u1001', '加分 @1002 8 抢险', G), bot.read('u1001', '加分 @1002 7 献血', G)])
    const requests = await bot.store.db.select().from(pointsRequests).orderBy(pointsRequests.nth)
    expect(requests.map((r) => r.nth)).toEqual([1, 2])
    const answers = await Promise.all([
      bot.click('u1032', 'points.approve', firstRequest),
      bot.click('u1033', 'points.reject', firstRequest),
      bot.click('u1032', 'points.approve', firstRequest),
    ])
    const decided = answers.filter((a) => !a.startsWith('这项申请已经处理过了'))
    expect(decided).toHaveLength(1)
    const [first] = await bot.store.db
      .select()
      .from(pointsRequests)
      .where(and(eq(pointsRequests.nth, 1)))
    expect(await manualLedger()).toHaveLength(first?.status === 'approved' ? 1 : 0)
  })
})
