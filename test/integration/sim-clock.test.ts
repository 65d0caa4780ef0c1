import { and, eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { jobRuns, orgUnits, outbox, shiftRotations } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'
import { type SimBot, startSimBot } from '../support/sim-bot'

const G = 'g-ZC01'
let sim: SimBot | undefined
let plain: Bot | undefined
afterEach(() => {
  sim?.close()
  plain?.close()
  sim = undefined
  plain = undefined
})

type ClockState = {
  now: string
  local: string
  offsetMinutes: number
  movable: boolean
  steps: { kind: string; item: string; step: number; action: string; status: string; detail: string | null }[]
  ran?: { job: string; slot: string; status: string; messages: number }[]
}

async function move(body: unknown): Promise<ClockState> {
  const res = await (sim as SimBot).post('/dev/clock', body)
  if (res.status !== 200) throw new Error(`/dev/clock answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as ClockState
}
const clock = async () => (await (await (sim as SimBot).app.request('/dev/clock')).json()) as ClockState
const say = async (userId: string, text: string, chatId = userId) =>
  (await (sim as SimBot).post('/dev/chat', { chatId, userId, text })).json()

type Push = { status: string; text: string; notBefore?: string }
const pushes = async (userId: string) =>
  ((await (await (sim as SimBot).app.request(`/dev/outbox?userId=${userId}`)).json()) as { messages: Push[] })
    .messages

/** 综采一队第一党小组 (u1001–u1005): 早 早 中 中 夜 夜 休 休 from 2026-11-23: 11-27 and 11-28 are night shifts (00–08). */
async function nightRotation() {
  const db = (sim as SimBot).store.db
  const [group] = await db.select().from(orgUnits).where(eq(orgUnits.code, 'ZC01-1'))
  await db.insert(shiftRotations).values({
    unitId: group?.id as number,
    cycle: '早 早 中 中 夜 夜 rest rest',
    anchorDay: '2026-11-23',
    setBy: 1,
    at: 0,
  })
}

/** Waits for background work (the 加急 press after a drain) to show in the clock's ladder. */
async function stepSettled(step: number) {
  for (let i = 0; i < 50; i++) {
    const s = (await clock()).steps.find((x) => x.step === step)
    if (s && s.status !== 'pending') return s
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`step ${step} still pending`)
}

describe('the simulator clock (/dev/clock)', () => {
  it('shows the simulated time in the bot zone and moves it forward, to 07:30 and back', async () => {
    sim = await startSimBot()
    expect(await clock()).toMatchObject({ local: '2026-11-25 周三 10:00', offsetMinutes: 0, movable: true })
    expect(await move({ action: 'advance', minutes: 60 })).toMatchObject({
      local: '2026-11-25 周三 11:00',
      offsetMinutes: 60,
    })
    expect(await move({ action: 'nextMorning', at: '07:30' })).toMatchObject({
      local: '2026-11-26 周四 07:30',
      now: '2026-11-25T23:30:00.000Z',
    })
    // Already past 07:30 today: the next one is tomorrow's.
    expect((await move({ action: 'advance', minutes: 30 })).local).toBe('2026-11-26 周四 08:00')
    expect((await move({ action: 'nextMorning', at: '07:30' })).local).toBe('2026-11-27 周五 07:30')
    expect(await move({ action: 'reset' })).toMatchObject({
      local: '2026-11-25 周三 10:00',
      offsetMinutes: 0,
    })
    // Commands read the same clock: a task due "明天" is due on the simulated tomorrow.
    await move({ action: 'advance', minutes: 1440 })
    const reply = JSON.stringify(await say('u1001', '新任务 盘点工具 @1002 截止 明天', G))
    expect(reply).toContain('2026-11-27')
  })

  it('refuses a malformed move with the problem and examples, and changes nothing', async () => {
    sim = await startSimBot()
    for (const body of [
      { action: 'advance', minutes: 0 },
      { action: 'advance', minutes: 20_000 },
      { action: 'nextMorning', at: '25:00' },
      { action: 'rewind' },
      'advance',
    ]) {
      const res = await sim.post('/dev/clock', body)
      expect(res.status).toBe(400)
      const answer = (await res.json()) as { error: string; problems: string[]; example: unknown[] }
      expect(answer.error).toBe('时钟操作不对')
      expect(answer.problems.length).toBeGreaterThan(0)
      expect(answer.example).toContainEqual({ action: 'advance', minutes: 60 })
    }
    const bad = await sim.app.request('/dev/clock', { method: 'POST', body: '{not json' })
    expect(bad.status).toBe(400)
    expect((await clock()).local).toBe('2026-11-25 周三 10:00')
  })

  it('cannot be moved on a bot built with a plain clock, and does not exist without the simulator', async () => {
    plain = await startBot()
    const res = await plain.post('/dev/clock', { action: 'advance', minutes: 60 })
    expect(res.status).toBe(409)
    expect(((await res.json()) as { error: string }).error).toContain('不能调')
    expect(await (await plain.app.request('/dev/clock')).json()).toMatchObject({ movable: false })
    plain.close()
    plain = await startBot({ env: { DEV_CHAT: '0' } })
    expect((await plain.app.request('/dev/clock')).status).toBe(404)
    expect((await plain.post('/dev/clock', { action: 'reset' })).status).toBe(404)
  })

  it('catches up as a restart would: three days at once send only what is still within the grace', async () => {
    sim = await startSimBot()
    await move({ action: 'reset' })
    const state = await move({ action: 'advance', minutes: 3 * 1440 })
    expect(state.local).toBe('2026-11-28 周六 10:00')
    const quiz = state.ran?.filter((r) => r.job === 'quiz-push')
    // Yesterday's 08:00 quiz is 26 h late (grace 6 h): recorded as skipped; today's, 2 h late, goes out.
    expect(quiz).toEqual([
      { job: 'quiz-push', slot: '2026-11-27', status: 'skipped-late', messages: 0 },
      { job: 'quiz-push', slot: '2026-11-28', status: 'queued', messages: 4 },
    ])
    // A second move fires none of them again.
    const again = await move({ action: 'advance', minutes: 60 })
    expect(again.ran?.filter((r) => r.job === 'quiz-push')).toEqual([])
    const runs = await sim.store.db
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.job, 'quiz-push'), eq(jobRuns.slot, '2026-11-28')))
    expect(runs).toHaveLength(1)
  })

  it('walks an overdue task up the ladder a day at a time; the nudge waits out a night-shift rest', async () => {
    sim = await startSimBot()
    await nightRotation()
    await say('u1001', '新任务 整理班组安全台账 @1003 截止 11-26', G)
    await move({ action: 'nextMorning', at: '07:30' }) // 11-26 07:30, due today: not overdue yet
    await move({ action: 'advance', minutes: 1440 }) // 11-27 07:30: first overdue day, the ladder's 09:00 not yet
    expect((await clock()).steps).toEqual([])
    // 09:30: day 0, the nudge; u1003 came up from the night shift at 08:00 and rests until 16:00.
    const day0 = await move({ action: 'advance', minutes: 120 })
    expect(day0.ran).toContainEqual({
      job: 'escalation',
      slot: `taskOverdue:1#0`,
      status: 'queued',
      messages: 1,
    })
    const held = (await pushes('u1003')).find((p) => p.text.startsWith('【催办】'))
    expect(held).toMatchObject({ status: 'pending', notBefore: '2026-11-27T08:00:00.000Z' })
    await move({ action: 'advance', minutes: 360 }) // 15:30: still resting
    expect((await pushes('u1003')).find((p) => p.text.startsWith('【催办】'))?.status).toBe('pending')
    await move({ action: 'advance', minutes: 60 }) // 16:30: released
    expect((await pushes('u1003')).find((p) => p.text.startsWith('【催办】'))?.status).toBe('sent')
    // Day 1: 加急 on that nudge waits for the rest after the 11-28 night shift, then is skipped: no 加急 here.
    await move({ action: 'nextMorning', at: '07:30' })
    await move({ action: 'advance', minutes: 120 }) // 11-28 09:30
    expect((await clock()).steps.find((s) => s.step === 1)).toMatchObject({
      action: 'urgent',
      status: 'pending',
    })
    await move({ action: 'advance', minutes: 420 }) // 16:30
    expect(await stepSettled(1)).toMatchObject({ status: 'skipped', detail: 'no 加急 on console' })
    // Day 2: the leaders' card.
    await move({ action: 'advance', minutes: 1440 }) // 11-29 16:30
    expect((await clock()).steps.find((s) => s.step === 2)).toMatchObject({
      action: 'leaderCard',
      status: 'sent',
    })
    const card = (await pushes('u1032')).find((p) => p.text.includes('逐级催办'))
    expect(card?.text).toContain('整理班组安全台账')
    expect(card?.status).toBe('sent')
    // Nothing fires twice across more moves, and only one nudge went to u1003.
    await move({ action: 'advance', minutes: 1440 })
    expect((await clock()).steps.map((s) => s.step).sort()).toEqual([0, 1, 2])
    const nudges = await sim.store.db.select().from(outbox).where(eq(outbox.targetId, 'u1003'))
    expect(nudges.filter((r) => r.reply.includes('【催办】'))).toHaveLength(1)
  })
})
