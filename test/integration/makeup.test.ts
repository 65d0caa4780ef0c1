import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { activities, checkins, makeupRequests, members, outbox, pointsLedger } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

const at = (local: string) => Date.parse(`${local}+08:00`)
const G = 'g-ZC01'
let bot: Bot
let activityId: number

beforeEach(async () => {
  bot = await startBot()
  bot.setNow(at('2026-11-25T10:00'))
  await bot.read('u1001', '发起签到 主题党日', G)
  const [row] = await bot.store.db.select().from(activities).where(eq(activities.title, '主题党日'))
  activityId = row?.id as number
  await bot.read('u1002', '签到', G)
  // On time until 10:30, late until 10:45; the 补签 grace runs 24 h from then.
  bot.setNow(at('2026-11-25T12:00'))
})
afterEach(() => bot.close())

const recordsOf = async (employeeNo: string) =>
  bot.store.db
    .select({ status: checkins.status, kind: checkins.kind, reason: checkins.reason })
    .from(checkins)
    .innerJoin(members, eq(members.id, checkins.memberId))
    .where(eq(members.employeeNo, employeeNo))

const makeupPoints = async (employeeNo: string) =>
  bot.store.db
    .select({ points: pointsLedger.points, reason: pointsLedger.reason })
    .from(pointsLedger)
    .innerJoin(members, eq(members.id, pointsLedger.memberId))
    .where(eq(members.employeeNo, employeeNo))
    .then((rows) => rows.filter((r) => r.reason.startsWith('补签')))

const pushesTo = async (user: string) =>
  (await bot.store.db.select().from(outbox).where(eq(outbox.targetId, user)))
    .filter((r) => !r.replyTo)
    .map((r) => {
      const reply = JSON.parse(r.reply) as { text?: string; card?: { title: string } }
      return reply.card?.title ?? reply.text ?? ''
    })

describe('补签 asked by a member', () => {
  it('sends the secretary a card; a confirm records a make-up with points, once', async () => {
    expect(await bot.read('u1003', '补签 夜班井下作业')).toBe(
      '📝 已提交补签申请 #1：主题党日\n事由：夜班井下作业\n支部书记确认后计入考勤。',
    )
    expect(await pushesTo('u1001')).toContain('补签申请 #1')
    expect(await bot.read('u1003', '补签 再申请一次')).toBe('您已申请补签「主题党日」，正在等支部书记确认。')
    expect(await bot.click('u1011', 'makeup.confirm', '1')).toBe('张永刚 不在您的支部，您不能处理其补签。')
    const [first, second] = await Promise.all([
      bot.clickRaw('u1001', 'makeup.confirm', '1'),
      bot.clickRaw('u1001', 'makeup.confirm', '1'),
    ])
    const toasts = [first?.toast?.text, second?.toast?.text].sort()
    expect(toasts).toEqual(
      ['已确认 张永刚 的补签「主题党日」，积分 +1。', '补签申请 #1 已经处理过了（已确认）。'].sort(),
    )
    expect(await recordsOf('1003')).toEqual([
      { status: 'onTime', kind: 'correction', reason: '补签：主题党日：夜班井下作业' },
    ])
    expect(await makeupPoints('1003')).toEqual([{ points: 1, reason: '补签：主题党日' }])
    expect(await pushesTo('u1003')).toContain('✅ 您的补签「主题党日」已由 王建国 确认，积分 +1。')
    expect(await bot.click('u1001', 'makeup.reject', '1')).toBe('补签申请 #1 已经处理过了（已确认）。')
    expect(await recordsOf('1003')).toHaveLength(1)
  })

  it('records nothing when the secretary rejects it, and says so when asked again', async () => {
    await bot.read('u1004', '补签 在井下')
    expect(await bot.click('u1001', 'makeup.reject', '1')).toBe('已驳回 刘志强 的补签「主题党日」。')
    expect(await recordsOf('1004')).toEqual([])
    expect(await makeupPoints('1004')).toEqual([])
    const [request] = await bot.store.db.select().from(makeupRequests)
    expect(request).toMatchObject({ status: 'rejected', decidedAt: at('2026-11-25T12:00') })
    expect(await bot.read('u1004', '补签 在井下')).toBe(
      '您对「主题党日」的补签已被驳回，如有疑问请联系支部书记。',
    )
  })

  it('is open for 24 hours after the activity closed, not longer', async () => {
    bot.setNow(at('2026-11-26T10:45'))
    expect(await bot.read('u1005', '补签 刚升井')).toMatch(/^📝 已提交补签申请 #1：主题党日/)
    bot.setNow(at('2026-11-26T10:46'))
    expect(await bot.read('u1006', '补签 刚升井')).toBe(
      '最近 24 小时内没有您未签到的已结束活动，无需补签。活动进行中请直接发送「签到」。',
    )
  })

  it('has nothing to make up for a member who checked in', async () => {
    expect(await bot.read('u1002', '补签 测试')).toMatch(/^最近 24 小时内没有您未签到的已结束活动/)
  })
})

describe('补签 recorded by the secretary', () => {
  it('records a make-up directly, once', async () => {
    expect(await bot.read('u1001', `补签 @1006 ${activityId} 井下抢修`)).toBe(
      '✅ 已为 杨春华 登记补签「主题党日」，积分 +1。',
    )
    expect(await recordsOf('1006')).toEqual([
      { status: 'onTime', kind: 'correction', reason: '补签：主题党日：井下抢修' },
    ])
    expect(await bot.read('u1001', `补签 @1006 ${activityId} 再来一次`)).toBe(
      '杨春华 对「主题党日」已有补签记录（已确认）。',
    )
    expect(await bot.read('u1001', `补签 @1002 ${activityId} 多余`)).toBe(
      '李卫东 已有「主题党日」的考勤记录，无需补签。',
    )
  })

  it.each([
    ['u1002', '补签 @1006 1 井下抢修', '只有支部书记可以为成员登记补签。'],
    ['u1011', '补签 @1006 1 井下抢修', '杨春华 不在您的支部，您不能处理其补签。'],
    ['u1001', '补签 @1006 99 井下抢修', '没有编号为 99 的活动，或 杨春华 不属于该活动的支部。'],
    [
      'u1001',
      '补签 @1006 井下抢修',
      '请按「补签 @成员 <活动编号> <事由>」填写，例如：补签 @张三 12 夜班井下作业',
    ],
  ])('%s: %s is refused', async (user, line, answer) => {
    expect(await bot.read(user, line.replace(' 1 ', ` ${activityId} `))).toBe(answer)
    expect(await recordsOf('1006')).toEqual([])
  })
})
