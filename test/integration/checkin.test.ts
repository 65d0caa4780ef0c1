import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { tick } from '../../scheduler/tick'
import {
  activities,
  checkins,
  identities,
  members,
  orgUnits,
  outbox,
  pointsLedger,
} from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

const at = (iso: string) => Date.parse(iso)
const G = 'g-ZC01'
let bot: Bot

beforeEach(async () => {
  bot = await startBot()
  bot.setNow(at('2026-11-25T10:00:00+08:00'))
})
afterEach(() => bot.close())

const recordsOf = async (employeeNo: string) =>
  bot.store.db
    .select({ status: checkins.status, kind: checkins.kind })
    .from(checkins)
    .innerJoin(members, eq(members.id, checkins.memberId))
    .where(eq(members.employeeNo, employeeNo))

const pushed = async (target: string) => {
  const rows = await bot.store.db.select().from(outbox).where(eq(outbox.targetId, target))
  // Only what the check-in feature sent: the calendar's jobs push to the same people.
  return rows
    .filter((r) => !r.replyTo && (r.source.startsWith('inbox:') || r.source.startsWith('job:checkin')))
    .map((r) => {
      const reply = JSON.parse(r.reply) as { kind: string; text?: string; card?: { title: string } }
      return { source: r.source, text: reply.text ?? reply.card?.title ?? '' }
    })
}

describe('发起签到 and 签到', () => {
  it('opens a window in the group and checks a member in on time, once, with points', async () => {
    expect(await bot.read('u1001', '发起签到 主题党日', G)).toBe(
      '📋 综采一队党支部 发起签到：主题党日\n现在起至 10:30 签到\n10:45 前仍可签到，记为迟到\n请在本群发送「签到」；不能参加请发送「请假 <事由>」。',
    )
    bot.setNow(at('2026-11-25T10:05:00+08:00'))
    expect(await bot.read('u1002', '签到', G)).toBe('✅ 李卫东 签到成功：主题党日（10:05，准时）\n积分 +2')
    bot.setNow(at('2026-11-25T10:06:00+08:00'))
    expect(await bot.read('u1002', '/checkin', G)).toBe('您已于 10:05 签到「主题党日」，无需重复签到。')
    expect(await recordsOf('1002')).toEqual([{ status: 'onTime', kind: 'checkin' }])
    expect(await bot.read('u1002', '积分', G)).toMatch(/2026-11-25 \| \+2 \| 签到：主题党日/)
  })

  it('counts the second before the close as on time, the close itself as late, and refuses after the late window', async () => {
    await bot.read('u1001', '发起签到 主题党日 30', G)
    bot.setNow(at('2026-11-25T10:29:59+08:00'))
    expect(await bot.read('u1002', '签到', G)).toMatch(/准时/)
    bot.setNow(at('2026-11-25T10:30:00+08:00'))
    expect(await bot.read('u1003', '签到', G)).toBe(
      '⏰ 张永刚 迟到签到：主题党日（10:30，已过签到截止时间，记为迟到）\n积分 +1',
    )
    bot.setNow(at('2026-11-25T10:44:59+08:00'))
    expect(await bot.read('u1004', '签到', G)).toMatch(/迟到签到/)
    bot.setNow(at('2026-11-25T10:45:00+08:00'))
    expect(await bot.read('u1005', '签到', G)).toBe(
      '「主题党日」的签到已于 10:45 结束。如因倒班等原因未能签到，请联系支部书记登记。',
    )
    expect(await recordsOf('1005')).toEqual([])
  })

  it('needs the right code when the activity has one', async () => {
    await bot.read('u1001', '发起签到 支部党员大会 60 k8421', G)
    expect(await bot.read('u1002', '签到', G)).toBe(
      '「支部党员大会」需要签到码：请发送「签到 <签到码>」，签到码请看会场。',
    )
    expect(await bot.read('u1002', '签到 1234', G)).toMatch(/签到码不对/)
    expect(await bot.read('u1002', '签到 K8421', G)).toMatch(/签到成功：支部党员大会/)
    expect(await bot.read('u1003', '签到k8421', G)).toMatch(/签到成功：支部党员大会/)
    expect(await bot.read('u1004', '签到 84-21', G)).toMatch(/签到码应为 1 到 12 位字母或数字/)
  })

  it('with two open activities, the code or else the newest decides, and the reply says which', async () => {
    await bot.read('u1001', '发起签到 安全学习 60 ANQ', G)
    bot.setNow(at('2026-11-25T10:01:00+08:00'))
    await bot.read('u1001', '发起签到 党小组会 60', G)
    expect(await bot.read('u1002', '签到', G)).toBe(
      '✅ 李卫东 签到成功：党小组会（10:01，准时）\n积分 +2\n本群当前有 2 个签到活动，已为您签到最近发起的「党小组会」。签其他活动请附上签到码。',
    )
    expect(await bot.read('u1002', '签到 anq', G)).toMatch(/签到成功：安全学习/)
    const types = await bot.store.db
      .select({ title: activities.title, type: activities.type })
      .from(activities)
    expect(types).toEqual([
      { title: '安全学习', type: 'study' },
      { title: '党小组会', type: 'group' },
    ])
  })

  it('tells a member of another branch, and a group with nothing open, what is wrong', async () => {
    expect(await bot.read('u1002', '签到', G)).toBe(
      '综采一队党支部当前没有正在进行的签到活动。支部书记可发送「发起签到 <活动名称>」。',
    )
    await bot.read('u1001', '发起签到 主题党日', G)
    // 孙卫东 (1011) belongs to 机电队 and posts in 综采一队's group.
    expect(await bot.read('u1011', '签到', G)).toBe(
      '您不是「综采一队党支部」的成员，不能签到「主题党日」。请在本支部群中签到。',
    )
    expect(await bot.read('u1009', '签到', G)).toMatch(/还没有绑定花名册/)
    expect(await bot.read('u1002', '签到', 'u1002')).toBe('「签到」请在支部群中使用。')
    expect(await bot.read('u1002', '签到', 'g-unbound')).toMatch(/本群尚未绑定支部/)
  })

  it('says when a scheduled activity will open', async () => {
    const [unit] = await bot.store.db.select().from(orgUnits).where(eq(orgUnits.code, 'ZC01'))
    await bot.store.db.insert(activities).values({
      unitId: unit?.id ?? 0,
      type: 'themeDay',
      title: '十一月主题党日',
      opensAt: at('2026-11-25T14:30:00+08:00'),
      closesAt: at('2026-11-25T15:00:00+08:00'),
      lateUntil: at('2026-11-25T15:15:00+08:00'),
      scheduledFor: 'themeDay:2026-11',
      settingsVersion: 1,
      createdAt: at('2026-11-01T00:00:00+08:00'),
    })
    expect(await bot.read('u1002', '签到', G)).toBe(
      '「十一月主题党日」的签到尚未开始，将于 11-25 14:30 开始。',
    )
    // A leave may be asked before it opens.
    expect(await bot.read('u1003', '请假 夜班下井', G)).toMatch(/已为 张永刚 登记请假：十一月主题党日/)
  })

  it('lets only this branch secretary open a check-in, and keeps the code out of the group when opened privately', async () => {
    expect(await bot.read('u1002', '发起签到 主题党日', G)).toBe('抱歉，「发起签到」只有支部书记可以使用。')
    expect(await bot.read('u1011', '发起签到 主题党日', G)).toMatch(/您不是「综采一队党支部」的书记/)
    expect(await bot.read('u1001', '发起签到 党课 45 abc12', 'u1001')).toBe(
      '已发起签到「党课」，10:45 截止，签到码：ABC12。已通知 1 个支部群（通知中不含签到码）。',
    )
    const [notice] = await pushed(G)
    expect(notice?.text).toMatch(/综采一队党支部 发起签到：党课/)
    expect(notice?.text).not.toMatch(/ABC12/)
    expect(await bot.read('u1001', '发起签到 党课', G)).toBe(
      '「党课」的签到正在进行中（10:45 截止），无需重复发起。',
    )
  })

  it('caps the day’s check-in points and says so', async () => {
    for (const [i, title] of ['学习一', '学习二', '学习三'].entries()) {
      bot.setNow(at(`2026-11-25T1${i}:00:00+08:00`))
      await bot.read('u1001', `发起签到 ${title} 20`, G)
      const said = await bot.read('u1002', '签到', G)
      expect(said.split('\n')[1]).toBe(i < 2 ? '积分 +2' : '今日签到积分已达上限，本次 +0')
    }
    const rows = await bot.store.db.select().from(pointsLedger)
    expect(rows.map((r) => r.points)).toEqual([2, 2, 0])
    expect(rows[2]?.reason).toBe('签到：学习三（今日签到积分已达上限）')
  })
})

describe('请假', () => {
  it('records a leave, refuses a second one, and yields to a later check-in', async () => {
    await bot.read('u1001', '发起签到 主题党日', G)
    expect(await bot.read('u1003', '请假 夜班下井', G)).toBe(
      '📝 已为 张永刚 登记请假：主题党日\n事由：夜班下井\n支部书记可在「签到情况」中看到。',
    )
    expect(await bot.read('u1003', '请假 还是夜班', G)).toMatch(/已于 10:00 为「主题党日」请假/)
    expect(await bot.read('u1003', '签到', G)).toMatch(/签到成功[\s\S]*您之前的请假已由本次签到取代/)
    expect(await bot.read('u1002', '签到', G)).toMatch(/签到成功/)
    expect(await bot.read('u1002', '请假 有事', G)).toMatch(/不能再请假/)
    expect(await bot.read('u1004', '请假', G)).toMatch(/缺少必填内容[\s\S]*用法：请假 <事由>/)
    expect(await recordsOf('1003')).toEqual([
      { status: 'leave', kind: 'leave' },
      { status: 'onTime', kind: 'checkin' },
    ])
  })
})

describe('签到情况', () => {
  beforeEach(async () => {
    await bot.read('u1001', '发起签到 主题党日', G)
    await bot.read('u1002', '签到', G)
    await bot.read('u1003', '请假 夜班 *下井* @all', G)
    bot.setNow(at('2026-11-25T10:35:00+08:00'))
    await bot.read('u1004', '签到', G)
  })

  it('shows the secretary who came, who is late, on leave and missing, with the rate', async () => {
    const [answer] = await bot.say('u1001', '签到情况', G)
    expect(answer?.text).toBe(
      [
        '【签到情况 · 主题党日】',
        '综采一队党支部 · 活动 #1 · 签到进行中：11-25 10:00 起，10:30 截止，迟到可签至 10:45',
        '应到: 10',
        '实到: 2',
        '迟到: 1',
        '请假: 1',
        '未签到: 7',
        '到会率: 20%',
        '准时 ███ 1',
        '迟到 ███ 1',
        '请假 ███ 1',
        `未签到 ${'█'.repeat(20)} 7`,
        '迟到：刘志强',
        '请假：张永刚（夜班 *下井* @\u200ball）',
        '未签到：王建国、陈红梅、杨春华、赵海军、黄国庆、周秀英、吴立新',
        '[提醒未签到（7 人）]',
      ].join('\n'),
    )
  })

  it('is refused to members and to secretaries of other branches', async () => {
    expect(await bot.read('u1002', '签到情况', G)).toBe('抱歉，「签到情况」只有支部书记或党委领导可以使用。')
    expect(await bot.read('u1011', '签到情况 1', 'u1011')).toBe(
      '您不能查看综采一队党支部的签到情况：只有该支部的书记或上级领导可以查看。',
    )
    expect(await bot.read('u1001', '签到情况 99', 'u1001')).toBe('没有编号为 99 的活动。')
  })

  it('lets a leader of the committee see it privately', async () => {
    expect(await bot.read('u1032', '签到情况', 'u1032')).toMatch(/^【签到情况 · 主题党日】[\s\S]*实到: 2/)
  })

  it('reminds each missing member once from the card button, and the nudge job then stays silent', async () => {
    expect(await bot.click('u1001', 'checkin.remind', '1', G)).toBe(
      '已私信提醒 5 名未签到党员。另有 2 人尚未绑定，无法私信。',
    )
    const [reminder] = await pushed('u1005')
    expect(reminder?.text).toBe(
      '【签到提醒】综采一队党支部「主题党日」的签到将于 10:45 截止，您还没有签到。请在支部群发送「签到」；不能参加请发送「请假 <事由>」。',
    )
    expect(await pushed('u1002')).toEqual([])
    expect(await bot.click('u1001', 'checkin.remind', '1', G)).toBe('已于 10:35 提醒过，每个活动只提醒一次。')
    await tick(tickDepsFor(bot.core), at('2026-11-25T10:36:00+08:00'))
    expect(await pushed('u1005')).toHaveLength(1)
    expect(await bot.click('u1002', 'checkin.remind', '1', G)).toMatch(/您不能查看综采一队党支部的签到情况/)
  })
})

describe('check-in nudges from the scheduler', () => {
  it('reminds the missing 10 minutes before the close and sends the secretary the card at the final close, once each', async () => {
    await bot.read('u1001', '发起签到 主题党日', G)
    await bot.read('u1001', '签到', G)
    await bot.read('u1002', '签到', G)
    const deps = tickDepsFor(bot.core)
    await tick(deps, at('2026-11-25T10:19:59+08:00'))
    expect(await pushed('u1003')).toEqual([])
    await tick(deps, at('2026-11-25T10:20:00+08:00'))
    await tick(deps, at('2026-11-25T10:20:00+08:00'))
    await tick(deps, at('2026-11-25T10:21:00+08:00'))
    expect(await pushed('u1003')).toEqual([
      {
        source: 'job:checkin-remind:activity:1:console',
        text: '【签到提醒】综采一队党支部「主题党日」的签到将于 10:30 截止，您还没有签到。请在支部群发送「签到」；不能参加请发送「请假 <事由>」。',
      },
    ])
    expect(await pushed('u1002')).toEqual([])
    await tick(deps, at('2026-11-25T10:44:00+08:00'))
    expect(await pushed('u1001')).toEqual([])
    await tick(deps, at('2026-11-25T10:45:00+08:00'))
    await tick(deps, at('2026-11-25T10:50:00+08:00'))
    expect(await pushed('u1001')).toEqual([
      { source: 'job:checkin-close:activity:1:console', text: '签到情况 · 主题党日' },
    ])
  })
})

describe('a burst of check-ins', () => {
  it('keeps exactly one record per member when 50 check in within the same second and one of them twice', async () => {
    const [branch] = await bot.store.db.select().from(orgUnits).where(eq(orgUnits.code, 'ZC01'))
    const ids = Array.from({ length: 50 }, (_, i) => `burst${i}`)
    for (const [i, userId] of ids.entries()) {
      const [m] = await bot.store.db
        .insert(members)
        .values({ employeeNo: `B${i}`, name: `突击${i}`, branchId: branch?.id ?? 0 })
        .returning()
      await bot.store.db
        .insert(identities)
        .values({ platform: 'console', platformUserId: userId, memberId: m?.id ?? 0, boundAt: 0 })
    }
    await bot.read('u1001', '发起签到 主题党日', G)
    const answers = await Promise.all([...ids, 'burst7'].map((u) => bot.read(u, '签到', G)))
    expect(answers.filter((a) => a.includes('签到成功'))).toHaveLength(50)
    expect(answers.filter((a) => a.includes('无需重复签到'))).toHaveLength(1)
    const rows = await bot.store.db
      .select()
      .from(checkins)
      .where(and(eq(checkins.activityId, 1), eq(checkins.kind, 'checkin')))
    expect(rows).toHaveLength(50)
    expect(await bot.store.db.select().from(pointsLedger)).toHaveLength(50)
  })
})
