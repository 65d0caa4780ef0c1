import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { asc, eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { escalationJob } from '../../scheduler/jobs/escalation'
import { tick } from '../../scheduler/tick'
import { escalationSteps, identities, orgUnits, outbox, settings, shiftRotations } from '../../src/db/schema'
import { DEFAULT_SETTINGS_DOC } from '../../src/domain/settings'
import { type Bot, startBot } from '../support/bot'
import { type FakeFeishu, startFakeFeishu } from '../support/fake-feishu'

const at = (local: string) => Date.parse(`${local}+08:00`)
const G = 'g-ZC01'
let fake: FakeFeishu
let dir: string
let file: string
let bot: Bot

beforeAll(async () => {
  fake = await startFakeFeishu()
})
afterAll(() => fake.close())

beforeEach(() => {
  fake.messages.length = 0
  fake.urgents.length = 0

  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalation-'))
  file = path.join(dir, 'bot.db')
})
afterEach(() => {
  bot.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const open = (seed = true) =>
  startBot({
    file,
    seed,
    env: {
      FEISHU_APP_ID: fake.appId,
      FEISHU_APP_SECRET: fake.appSecret,
      FEISHU_DOMAIN: fake.url,
      FEISHU_ENCRYPT_KEY: 'escalation-test-key',
      FEISHU_VERIFICATION_TOKEN: 'escalation-test-token',
      DEV_CHAT: '1',
    },
  })

/** Only the ladder runs, as the real tick would run it at `local`; then the outbox drains and 加急 is pressed. */
async function dayAt(local: string) {
  bot.setNow(at(local))
  const reports = await tick({ ...tickDepsFor(bot.core), jobs: [escalationJob] }, at(local))
  bot.core.kick()
  await bot.runBackground()
  return reports.map((r) => r.slot)
}

/** 李卫东 (工号 1002) moves to Feishu as ou_1002: his nudges go there, and 加急 can press on them. */
async function onFeishu(employeeNo: string) {
  await bot.store.db
    .update(identities)
    .set({ platform: 'feishu', platformUserId: `ou_${employeeNo}` })
    .where(eq(identities.platformUserId, `u${employeeNo}`))
}

/** What reached Feishu from the ladder (the task's own assignment message is left out). */
const feishuNudges = () => fake.messages.filter((m) => JSON.stringify(m.content).includes('【催办】'))

const steps = () =>
  bot.store.db
    .select({
      item: escalationSteps.itemKey,
      step: escalationSteps.step,
      action: escalationSteps.action,
      status: escalationSteps.status,
      detail: escalationSteps.detail,
    })
    .from(escalationSteps)
    .orderBy(asc(escalationSteps.itemKey), asc(escalationSteps.step))

const pushedTo = async (targetId: string) =>
  (await bot.store.db.select().from(outbox).where(eq(outbox.targetId, targetId)))
    .filter((r) => r.source.startsWith('job:escalation:'))
    .map((r) => ({ source: r.source, text: JSON.parse(r.reply).text ?? JSON.parse(r.reply).card.title }))

async function useSettings(doc: object) {
  await bot.store.db.insert(settings).values({
    version: 2,
    doc: JSON.stringify({ ...DEFAULT_SETTINGS_DOC, ...doc }),
    createdAt: 0,
    createdBy: 'test',
  })
}

describe('逐级催办 of an overdue task', () => {
  it('nudges, presses 加急 on that nudge, then tells the leader: each step once, across a restart', async () => {
    bot = await open()
    await onFeishu('1002')
    expect(await bot.read('u1001', '新任务 皮带巷整改 @1002 截止 今天', G)).toContain('#1')
    // Due 2026-11-25: day 0 of the ladder is 11-26, steps at 09:00.
    expect(await dayAt('2026-11-25T23:00')).toEqual([])
    expect(await dayAt('2026-11-26T08:59')).toEqual([])
    expect(await dayAt('2026-11-26T09:00')).toEqual(['taskOverdue:1#0'])
    expect(await dayAt('2026-11-26T09:01')).toEqual([])
    expect(
      feishuNudges().map((m) => [m.receiveIdType, m.receiveId, (m.content as { text: string }).text]),
    ).toEqual([
      [
        'open_id',
        'ou_1002',
        '【催办】任务「#1 皮带巷整改」已逾期 1 天（应于 2026-11-25 前完成），请尽快办理；办完后此提醒自动停止。',
      ],
    ])
    const nudgeId = feishuNudges()[0]?.messageId

    // A new bot over the same SQLite file: nothing fires twice.
    bot.close()
    bot = await open(false)
    expect(await dayAt('2026-11-26T15:00')).toEqual([])
    expect(await dayAt('2026-11-27T09:00')).toEqual(['taskOverdue:1#1'])
    expect(fake.urgents).toEqual([
      {
        messageId: nudgeId,
        mode: 'app',
        userIdType: 'open_id',
        userIds: ['ou_1002'],
        token: expect.any(String),
      },
    ])
    expect(await dayAt('2026-11-27T09:30')).toEqual([])
    expect(fake.urgents).toHaveLength(1)

    bot.close()
    bot = await open(false)
    expect(await dayAt('2026-11-28T09:00')).toEqual(['taskOverdue:1#2'])
    expect(await dayAt('2026-11-29T09:00')).toEqual([])
    // DW's leaders (工号 1032, 1033) get the card privately.
    for (const leader of ['u1032', 'u1033'])
      expect(await pushedTo(leader)).toEqual([
        { source: 'job:escalation:taskOverdue:1#2:console', text: '⚠️ 逐级催办：任务逾期未办' },
      ])
    expect(await steps()).toEqual([
      { item: '1', step: 0, action: 'nudge', status: 'sent', detail: null },
      { item: '1', step: 1, action: 'urgent', status: 'done', detail: 'pressed 1' },
      { item: '1', step: 2, action: 'leaderCard', status: 'sent', detail: null },
    ])
    expect(feishuNudges()).toHaveLength(1)
  })

  it('stops as soon as the task is reported done', async () => {
    bot = await open()
    await bot.read('u1001', '新任务 风门检修 @1003 截止 今天', G)
    await dayAt('2026-11-26T09:00')
    expect(await pushedTo('u1003')).toHaveLength(1)
    bot.setNow(at('2026-11-26T18:00'))
    expect(await bot.read('u1003', '任务 1 完成 已更换')).toContain('#1')
    expect(await dayAt('2026-11-27T09:00')).toEqual([])
    expect(await dayAt('2026-11-28T09:00')).toEqual([])
    expect(await steps()).toEqual([{ item: '1', step: 0, action: 'nudge', status: 'sent', detail: null }])
    expect(await pushedTo('u1032')).toEqual([])
  })

  it('skips 加急 on a platform without it (the simulator) and says why', async () => {
    bot = await open()
    await bot.read('u1001', '新任务 风门检修 @1003 截止 今天', G)
    await dayAt('2026-11-26T09:00')
    await dayAt('2026-11-27T09:00')
    expect(fake.urgents).toEqual([])
    expect((await steps())[1]).toEqual({
      item: '1',
      step: 1,
      action: 'urgent',
      status: 'skipped',
      detail: 'no 加急 on console',
    })
  })

  it('spends at most the daily budget on paid SMS 加急, and none while it is off', async () => {
    bot = await open()
    await onFeishu('1002')
    await onFeishu('1003')
    const ladder = [
      { afterDays: 0, action: 'nudge' },
      { afterDays: 1, action: 'sms' },
    ]
    await useSettings({
      escalation: {
        ...DEFAULT_SETTINGS_DOC.escalation,
        policies: { taskOverdue: { urgent: false, steps: ladder } },
        paid: { sms: true, phone: false, dailyBudget: 1 },
      },
    })
    await bot.read('u1001', '新任务 皮带巷整改 @1002 截止 今天', G)
    await bot.read('u1001', '新任务 风门检修 @1003 截止 今天', G)
    await dayAt('2026-11-26T09:00')
    await dayAt('2026-11-27T09:00')
    expect(fake.urgents.map((u) => [u.mode, u.userIds])).toEqual([['sms', ['ou_1002']]])
    expect((await steps()).filter((s) => s.action === 'sms')).toEqual([
      { item: '1', step: 1, action: 'sms', status: 'done', detail: 'pressed 1' },
      { item: '2', step: 1, action: 'sms', status: 'skipped', detail: 'daily budget of 1 reached' },
    ])
  })

  it('leaves SMS 加急 off by default', async () => {
    bot = await open()
    await useSettings({
      escalation: {
        ...DEFAULT_SETTINGS_DOC.escalation,
        policies: {
          taskOverdue: {
            urgent: false,
            steps: [
              { afterDays: 0, action: 'nudge' },
              { afterDays: 1, action: 'phone' },
            ],
          },
        },
      },
    })
    await bot.read('u1001', '新任务 皮带巷整改 @1002 截止 今天', G)
    await dayAt('2026-11-26T09:00')
    await dayAt('2026-11-27T09:00')
    expect((await steps())[1]?.detail).toBe('phone 加急 is off')
  })
})

describe('逐级催办 and shift work', () => {
  /** 综采一队第一党小组 (u1001–u1005): 早 早 中 中 夜 夜 休 休 from 2026-11-23, so 11-27 and 11-28 are night shifts. */
  async function nightShifts() {
    const [group] = await bot.store.db.select().from(orgUnits).where(eq(orgUnits.code, 'ZC01-1'))
    await bot.store.db.insert(shiftRotations).values({
      unitId: group?.id as number,
      cycle: '早 早 中 中 夜 夜 rest rest',
      anchorDay: '2026-11-23',
      setBy: 1,
      at: 0,
    })
  }

  it('holds the nudge and the 加急 until the rest after a night shift ends', async () => {
    bot = await open()
    await onFeishu('1002')
    await nightShifts()
    await bot.read('u1001', '新任务 皮带巷整改 @1002 截止 11月26日', G)
    // 11-27 09:00: night shift 00–08, rest until 16:00.
    await dayAt('2026-11-27T09:00')
    const nudge = (await bot.store.db.select().from(outbox).where(eq(outbox.targetId, 'ou_1002'))).filter(
      (r) => r.source.startsWith('job:escalation:'),
    )
    expect(nudge.map((r) => r.nextAttemptAt)).toEqual([at('2026-11-27T16:00')])
    expect(feishuNudges()).toHaveLength(0)
    await dayAt('2026-11-27T16:00')
    expect(feishuNudges()).toHaveLength(1)
    // 11-28 09:00: 加急 waits for the rest after that night's shift as well.
    await dayAt('2026-11-28T09:00')
    expect(fake.urgents).toHaveLength(0)
    await dayAt('2026-11-28T16:00')
    expect(fake.urgents.map((u) => u.messageId)).toEqual([feishuNudges()[0]?.messageId])
  })

  it('lets an urgent policy reach a member who is resting', async () => {
    bot = await open()
    await onFeishu('1002')
    await nightShifts()
    await useSettings({
      escalation: {
        ...DEFAULT_SETTINGS_DOC.escalation,
        policies: { taskOverdue: { ...DEFAULT_SETTINGS_DOC.escalation.policies.taskOverdue, urgent: true } },
      },
    })
    await bot.read('u1001', '新任务 皮带巷整改 @1002 截止 11月26日', G)
    await dayAt('2026-11-27T09:00')
    expect(feishuNudges()).toHaveLength(1)
    await dayAt('2026-11-28T09:00')
    expect(fake.urgents).toHaveLength(1)
  })
})

describe('逐级催办 of a meeting not held by month end', () => {
  it('nudges the secretary of a branch that held no 支委会 in November, and stops once it is held', async () => {
    bot = await open()
    await dayAt('2026-12-01T09:00')
    const nudges = await pushedTo('u1001')
    expect(nudges.map((n) => n.text).filter((t) => t.includes('支委会'))).toEqual([
      '【催办】会议「2026-11 支委会」已逾期 1 天（应于 2026-11-30 前完成），请尽快办理；办完后此提醒自动停止。',
    ])
    // Held late, on 12-01: the ladder stops for ZC01's committee meeting.
    bot.setNow(at('2026-12-01T14:00'))
    await bot.read('u1001', '发起签到 支委会', G)
    await dayAt('2026-12-02T09:00')
    const zc01Committee = (await steps()).filter(
      (s) => s.item.includes('@ZC01') && s.item.startsWith('committee'),
    )
    expect(zc01Committee.map((s) => [s.step, s.status])).toEqual([[0, 'sent']])
  })
})
