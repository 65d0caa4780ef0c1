import { like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { JOBS } from '../../scheduler/jobs'
import { type SlotReport, tick } from '../../scheduler/tick'
import { outbox } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

/** The calendar's jobs, stepped over 2026 at 10:00 and 23:30 Shanghai time every day (its slots are 09:00–10:00). */
const CALENDAR_JOBS = [
  'stage-announcements',
  'meeting-reminders',
  'meeting-nudges',
  'weekly-ranking',
  'monthly-report',
]

let bot: Bot
const reports: SlotReport[] = []
const lateReports: SlotReport[] = []
type Row = typeof outbox.$inferSelect
let rows: Row[] = []

const shanghaiDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)
const textOf = (r: Row) => {
  const reply = JSON.parse(r.reply) as { kind: string; text?: string; card?: { title: string } }
  return reply.text ?? reply.card?.title ?? ''
}
const sent = (job: string, target: string) =>
  rows.filter((r) => r.source.startsWith(`job:${job}:`) && r.targetId === target)
const sentDays = (job: string, target: string, keyPrefix = '') =>
  sent(job, target)
    .filter((r) => r.source.startsWith(`job:${job}:${keyPrefix}`))
    .map((r) => shanghaiDay(r.createdAt))

beforeAll(async () => {
  bot = await startBot()
  const deps = { ...tickDepsFor(bot.core), jobs: JOBS.filter((j) => CALENDAR_JOBS.includes(j.name)) }
  for (
    let day = Date.parse('2026-01-01T00:00:00+08:00');
    day < Date.parse('2027-01-01T00:00:00+08:00');
    day += 86_400_000
  ) {
    reports.push(...(await tick(deps, day + 10 * 3_600_000)))
    lateReports.push(...(await tick(deps, day + 23.5 * 3_600_000)))
  }
  rows = await bot.store.db.select().from(outbox).where(like(outbox.source, 'job:%'))
}, 60_000)
afterAll(() => bot.close())

describe('a simulated 2026', () => {
  it('fires every slot once: each is queued by the morning tick and never again', () => {
    expect(reports.length).toBeGreaterThan(400)
    expect(reports.filter((r) => r.status !== 'queued')).toEqual([])
    const keys = reports.map((r) => `${r.job} ${r.slot}`)
    expect(new Set(keys).size).toBe(keys.length)
    expect(lateReports).toEqual([])
    const perTarget = rows.map((r) => `${r.source} ${r.targetId}`)
    expect(new Set(perTarget).size).toBe(perTarget.length)
  })

  it('announces every stage activity to each branch group and the committee group on the hand-checked days', () => {
    const expected = [
      '2026-01-04', // 开局动员 the day before: a working Sunday (调休 for New Year)
      '2026-01-05',
      '2026-06-15', // 庆七一 a week ahead
      '2026-06-18', // the day before, moved back over 端午 (06-19 to 06-21)
      '2026-06-22',
      '2026-09-14', // 迎国庆
      '2026-09-20', // a working Sunday
      '2026-09-21',
      '2026-09-30', // 决胜年终: a week ahead and the day before both fall in National Day week
      '2026-10-08',
      '2026-12-29', // 2027's 开局动员, a week ahead
    ]
    for (const chat of ['g-ZC01', 'g-JD01', 'g-TF01', 'g-JG01', 'g-DW'])
      expect([chat, sentDays('stage-announcements', chat)]).toEqual([chat, expected])
  })

  it('reminds of 主题党日 the working day before and on the day, with the Spring Festival move', () => {
    expect(sentDays('meeting-reminders', 'g-ZC01', 'themeDay:')).toEqual([
      '2026-01-14',
      '2026-01-15',
      '2026-02-14',
      '2026-02-24',
      '2026-03-13',
      '2026-03-16',
      '2026-04-14',
      '2026-04-15',
      '2026-05-14',
      '2026-05-15',
      '2026-06-12',
      '2026-06-15',
      '2026-07-14',
      '2026-07-15',
      '2026-08-14',
      '2026-08-17',
      '2026-09-14',
      '2026-09-15',
      '2026-10-14',
      '2026-10-15',
      '2026-11-13',
      '2026-11-16',
      '2026-12-14',
      '2026-12-15',
    ])
    expect(sent('meeting-reminders', 'g-DW')).toEqual([])
  })

  it('pushes nothing on a day off', () => {
    const daysOff = [
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => `2026-02-${d}`),
      '2026-04-04',
      '2026-04-05',
      '2026-04-06',
      ...['01', '02', '03', '04', '05'].map((d) => `2026-05-${d}`),
      '2026-06-19',
      '2026-06-20',
      '2026-06-21',
      '2026-09-25',
      '2026-09-26',
      '2026-09-27',
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => `2026-10-${d}`),
    ]
    expect(rows.filter((r) => daysOff.includes(shanghaiDay(r.createdAt))).map((r) => r.source)).toEqual([])
  })

  it('says when a start moved over a holiday, and when a year is not confirmed', () => {
    const [yearEnd] = sent('stage-announcements', 'g-ZC01').filter(
      (r) => shanghaiDay(r.createdAt) === '2026-10-08',
    )
    expect(textOf(yearEnd as Row)).toBe(
      '【决胜年终】阶段活动今天开始（2026-10-08 至 2026-12-31），请各支部按计划组织开展，活动情况及时在群里发起签到记录。（原定 2026-10-01 逢国庆节，顺延至 2026-10-08）',
    )
    const [kickoff] = sent('stage-announcements', 'g-ZC01').filter(
      (r) => shanghaiDay(r.createdAt) === '2026-12-29',
    )
    expect(textOf(kickoff as Row)).toBe(
      '【开局动员】阶段活动将于 2027-01-05（周二）开始，还有 7 天。活动时间 2027-01-05 至 2027-01-31，请各支部提前谋划、做好准备。\n注：2027 年节假日安排尚未确认，日期按法定节日推算，可能随国务院调休通知调整。',
    )
  })

  it('sends the weekly ranking on the first working day of each week, none in the Spring Festival week', () => {
    const days = sentDays('weekly-ranking', 'g-ZC01')
    expect(days).toHaveLength(51) // 52 weeks start in 2026; the Spring Festival week has no working day
    expect(days.filter((d) => d >= '2026-02-09' && d <= '2026-03-02')).toEqual([
      '2026-02-09',
      '2026-02-24',
      '2026-03-02',
    ])
    expect(days.filter((d) => d >= '2026-09-28' && d <= '2026-10-12')).toEqual([
      '2026-09-28',
      '2026-10-08',
      '2026-10-12',
    ])
  })

  it('sends the monthly report to each leader privately on the first working day of the month', () => {
    expect(sentDays('monthly-report', 'u1032')).toEqual([
      '2026-01-04',
      '2026-02-02',
      '2026-03-02',
      '2026-04-01',
      '2026-05-06',
      '2026-06-01',
      '2026-07-01',
      '2026-08-03',
      '2026-09-01',
      '2026-10-08',
      '2026-11-02',
      '2026-12-01',
    ])
    expect(sent('monthly-report', 'u1033')).toHaveLength(12)
  })

  it('nudges each secretary before month end when no meeting was recorded', () => {
    const themeDay = sent('meeting-nudges', 'u1001').filter((r) => r.source.includes(':themeDay:'))
    expect(themeDay.map((r) => shanghaiDay(r.createdAt))).toEqual([
      '2026-01-26',
      '2026-02-14',
      '2026-03-26',
      '2026-04-24',
      '2026-05-26',
      '2026-06-25',
      '2026-07-24',
      '2026-08-26',
      '2026-09-24',
      '2026-10-26',
      '2026-11-25',
      '2026-12-25', // 12-26 is a Saturday
    ])
  })
})
