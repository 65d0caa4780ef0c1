import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { quizNudgeJob } from '../../scheduler/jobs/quiz-nudge'
import { quizPushJob } from '../../scheduler/jobs/quiz-push'
import { tick } from '../../scheduler/tick'
import { orgUnits, outbox, settings, shiftRotations } from '../../src/db/schema'
import { DEFAULT_SETTINGS_DOC } from '../../src/domain/settings'
import { type Bot, startBot } from '../support/bot'

const at = (local: string) => Date.parse(`${local}+08:00`)
let bot: Bot

/** 综采一队第一党小组 (u1001–u1005): 早 早 中 中 夜 夜 休 休 from 2026-11-23, so 2026-11-27 is a night shift (00–08). */
beforeEach(async () => {
  bot = await startBot()
  const [group] = await bot.store.db.select().from(orgUnits).where(eq(orgUnits.code, 'ZC01-1'))
  await bot.store.db.insert(shiftRotations).values({
    unitId: group?.id as number,
    cycle: '早 早 中 中 夜 夜 rest rest',
    anchorDay: '2026-11-23',
    setBy: 1,
    at: 0,
  })
})
afterEach(() => bot.close())

const tickAt = (local: string) =>
  tick({ ...tickDepsFor(bot.core), jobs: [quizPushJob, quizNudgeJob] }, at(local))

/** The nudges to members of 综采一队 (u1001–u1010): to whom and when they may go out. */
const nudges = async () =>
  (await bot.store.db.select().from(outbox))
    .filter((r) => r.source.startsWith('job:quiz-nudge') && /^u100\d|^u1010$/.test(r.targetId))
    .map((r) => ({ to: r.targetId, at: r.nextAttemptAt, text: JSON.parse(r.reply).text as string }))
    .sort((a, b) => a.to.localeCompare(b.to))

describe('the midday quiz nudge', () => {
  it('nudges who has not answered at 12:00, once; a night-shift miner gets it when his rest ends', async () => {
    await tickAt('2026-11-27T08:00')
    bot.setNow(at('2026-11-27T09:00'))
    await bot.read('u1002', '答 2B', 'g-ZC01')
    await bot.runBackground()
    bot.setNow(at('2026-11-27T10:00'))
    await bot.read('u1006', '答 2A 3B', 'g-ZC01')
    await bot.runBackground()
    const queued = (reports: Awaited<ReturnType<typeof tickAt>>) =>
      reports.filter((r) => r.status === 'queued').map((r) => [r.job, r.slot])
    expect(queued(await tickAt('2026-11-27T11:59'))).toEqual([])
    expect(queued(await tickAt('2026-11-27T12:00'))).toEqual([['quiz-nudge', '2026-11-27']])
    await tickAt('2026-11-27T12:01')
    const text = '【答题提醒】综采一队党支部今天的 5 道学习题您还没有答。发送「答题」即可作答，答对有积分。'
    // u1001, u1003–u1005 came up from the night shift at 08:00 and rest until 16:00; 第二党小组 has no roster.
    // u1002 and u1006 answered; u1009 and u1010 have no account.
    expect(await nudges()).toEqual([
      { to: 'u1001', at: at('2026-11-27T16:00'), text },
      { to: 'u1003', at: at('2026-11-27T16:00'), text },
      { to: 'u1004', at: at('2026-11-27T16:00'), text },
      { to: 'u1005', at: at('2026-11-27T16:00'), text },
      { to: 'u1007', at: at('2026-11-27T12:00'), text },
      { to: 'u1008', at: at('2026-11-27T12:00'), text },
    ])
  })

  it('sends nothing on a day without a quiz, and nothing when quiz.nudgeAt is null', async () => {
    const ran = await tickAt('2026-11-27T12:00')
    // The 08:00 push ran late but within the grace, so the nudge has sets to look at.
    expect(ran.filter((r) => r.status === 'queued').map((r) => r.job)).toEqual(['quiz-push', 'quiz-nudge'])
    expect(await nudges()).toHaveLength(8)
    await bot.store.db.insert(settings).values({
      version: 2,
      doc: JSON.stringify({ ...DEFAULT_SETTINGS_DOC, quiz: { ...DEFAULT_SETTINGS_DOC.quiz, nudgeAt: null } }),
      createdAt: 0,
      createdBy: 'test',
    })
    const next = await tickAt('2026-11-28T12:00')
    expect(next.filter((r) => r.status === 'queued').map((r) => r.job)).toEqual(['quiz-push'])
  })

  it('has nothing to nudge about when no quiz went out that day', async () => {
    await bot.store.db.insert(settings).values({
      version: 2,
      doc: JSON.stringify({
        ...DEFAULT_SETTINGS_DOC,
        quiz: { ...DEFAULT_SETTINGS_DOC.quiz, nudgeAt: '07:00' },
      }),
      createdAt: 0,
      createdBy: 'test',
    })
    const ran = await tick({ ...tickDepsFor(bot.core), jobs: [quizNudgeJob] }, at('2026-11-27T07:30'))
    expect(ran.map((r) => [r.slot, r.status, r.messages.length])).toEqual([
      ['2026-11-26', 'skipped-late', 0],
      ['2026-11-27', 'queued', 0],
    ])
  })
})
