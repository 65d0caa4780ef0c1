import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { summaryRollupJob } from '../../scheduler/jobs/summary-rollup'
import { tick } from '../../scheduler/tick'
import { rollupMark, rollupWrites } from '../../src/db/rollup'
import { NO_ROLLUP, type RollupMark } from '../../src/db/rollup-span'
import {
  members,
  orgUnits,
  productionCurrent,
  rollupActivities,
  rollupPointsDays,
  rollupPointsMonths,
  rollupPointsYears,
  rollupProductionDays,
  rollupQuizDays,
  rollupQuizMemberDays,
  rollupQuizMemberMonths,
  rollupQuizMemberYears,
  rollupQuizMonths,
  rollupState,
} from '../../src/db/schema'
import { currentSettings } from '../../src/db/settings'
import { loadSummary } from '../../src/db/summary-report'
import { loadUnits } from '../../src/db/units'
import type { Span } from '../../src/domain/dispatch'
import { type SummaryKind, summaryPeriod } from '../../src/domain/summary'
import { type Bot, startBot } from '../support/bot'
import {
  approvedQuestion,
  insertActivity,
  insertAnswer,
  insertCheckin,
  insertPoints,
  storeFigure,
} from '../support/summary-fixture'

let bot: Bot
beforeEach(async () => {
  bot = await startBot()
})
afterEach(() => bot.close())

const at = (local: string) => Date.parse(`${local}+08:00`)
const db = () => bot.store.db

/**
 * Rows on the edges the rollup splits at (the bot's today is 2026-11-25): ZC01 activities on 2025-12-31 23:30 (2
 * present), 2026-01-01 00:30 (3), 10-31 23:30 (2: one on leave), 11-01 00:30 (5); JD01 one today (2). Daily quiz
 * answers of ZC01 on 2025-12-31, 01-01 (two), 10-31, 11-01 (two), 11-24 and today, one of JD01 on 06-15, and a
 * challenge answer that never counts. Points on the same edges, and a 扣分 of 3 for 1006 on 11-02. Coal figures of
 * ZC01 and its group on the same edges (11-01 corrected by a second report), and today's. KY01 is a branch without
 * members.
 */
async function fixture() {
  const ids = new Map(
    (await db().select({ id: members.id, no: members.employeeNo }).from(members)).map((m) => [m.no, m.id]),
  )
  const units = new Map((await db().select().from(orgUnits)).map((u) => [u.code, u.id]))
  const u = (code: string) => units.get(code) as number
  const [ky] = await db()
    .insert(orgUnits)
    .values({ code: 'KY01', name: '开拓队党支部', kind: 'branch', parentId: u('DW') })
    .returning({ id: orgUnits.id })
  units.set('KY01', ky?.id as number)
  const ctx = { m: (no: number) => ids.get(String(no)) as number, u }
  const activity = (unit: string, type: 'themeDay' | 'lecture' | 'assembly', opens: string) =>
    insertActivity(db(), u(unit), type, opens)
  const a = {
    yearEnd: await activity('ZC01', 'themeDay', '2025-12-31T23:30:00'),
    newYear: await activity('ZC01', 'lecture', '2026-01-01T00:30:00'),
    monthEnd: await activity('ZC01', 'themeDay', '2026-10-31T23:30:00'),
    november: await activity('ZC01', 'assembly', '2026-11-01T00:30:00'),
    today: await activity('JD01', 'themeDay', '2026-11-25T09:00:00'),
  }
  const present = async (
    activityId: number,
    nos: number[],
    status: 'onTime' | 'late' | 'leave' = 'onTime',
  ) => {
    for (const no of nos)
      await record(ctx.m(no), activityId, status, status === 'leave' ? 'leave' : 'checkin')
  }
  await present(a.yearEnd, [1002])
  await present(a.yearEnd, [1003], 'late')
  await present(a.newYear, [1002, 1003, 1004])
  await present(a.monthEnd, [1002, 1003])
  await present(a.monthEnd, [1004], 'leave')
  await present(a.november, [1002, 1003, 1004, 1005, 1006])
  await present(a.today, [1011, 1012])

  const question = (code: string, category: string) => approvedQuestion(db(), code, category)
  const q = { party: await question('R-1', '党章'), safety: await question('R-2', '安全') }
  const answers: [number, number, string, boolean][] = [
    [1002, q.party, '2025-12-31', true],
    [1003, q.party, '2026-01-01', true],
    [1003, q.safety, '2026-01-01', false],
    [1004, q.party, '2026-10-31', true],
    [1002, q.safety, '2026-11-01', true],
    [1005, q.party, '2026-11-01', false],
    [1002, q.party, '2026-11-24', true],
    [1006, q.safety, '2026-11-25', true],
    // Inside the stretches compared with: October 1–25, the week of 11-16, August 1–25 (and one after it).
    [1003, q.safety, '2026-10-05', true],
    [1004, q.party, '2026-10-20', false],
    [1005, q.party, '2026-11-17', true],
    [1006, q.safety, '2026-08-10', true],
    [1006, q.party, '2026-08-30', true],
  ]
  for (const [no, questionId, day, correct] of answers)
    await answer(ctx.m(no), u('ZC01'), questionId, day, correct)
  await answer(ctx.m(1011), u('JD01'), q.party, '2026-06-15', true)
  await answer(ctx.m(1007), u('ZC01'), q.party, '2026-11-02', true, 'challenge')

  const points: [number, number, string][] = [
    [1002, 5, '2025-12-31'],
    [1003, 3, '2026-01-01'],
    [1004, 4, '2026-10-31'],
    [1002, 6, '2026-11-01'],
    [1005, 2, '2026-11-25'],
    [1012, 7, '2026-03-03'],
    [1003, 2, '2026-10-05'],
    [1004, 1, '2026-10-20'],
    [1006, 4, '2026-08-30'],
    [1006, -3, '2026-11-02'],
  ]
  for (const [no, n, day] of points) await point(ctx.m(no), n, day)

  const coal: [string, string, number, number][] = [
    ['ZC01', '2025-12-31', 100, 1],
    ['ZC01', '2026-01-01', 200, 1],
    ['ZC01', '2026-10-05', 300, 1],
    ['ZC01', '2026-10-31', 400, 1],
    ['ZC01', '2026-11-01', 500, 1],
    ['ZC01', '2026-11-01', 550, 2],
    ['ZC01-1', '2026-11-17', 60, 1],
    ['ZC01', '2026-11-24', 700, 1],
    ['ZC01', '2026-11-25', 800, 1],
    ['JD01', '2026-06-15', 900, 1],
  ]
  for (const [unit, day, value, seq] of coal) await figure(u(unit), 'coal', day, value, seq)
  return { ...ctx, a, q }
}

const figure = (unitId: number, metric: string, day: string, value: number, seq: number) =>
  storeFigure(bot, unitId, metric, day, value, seq)
let sources = 0
const point = (memberId: number, points: number, day: string) =>
  insertPoints(db(), memberId, points, day, `s${++sources}`)
const record = (
  memberId: number,
  activityId: number,
  status: 'onTime' | 'late' | 'leave' | 'absent',
  kind: 'checkin' | 'leave' | 'correction',
) => insertCheckin(db(), activityId, memberId, status, kind, 0)
const answer = (
  memberId: number,
  unitId: number,
  questionId: number,
  day: string,
  correct: boolean,
  mode?: 'daily' | 'challenge',
) => insertAnswer(db(), memberId, unitId, questionId, day, correct, mode)

/** The summary report of a unit (a branch code, or DW for every branch) as the card would load it on `today`. */
async function report(code: string, kind: SummaryKind, today: string, rollup?: RollupMark) {
  const units = await loadUnits(db())
  const root = [...units.values()].find((u) => u.code === code)
  if (!root) throw new Error(code)
  const branches = root.kind === 'committee' ? [...units.values()].filter((u) => u.kind === 'branch') : [root]
  const ctx = { db: db(), timeZone: 'Asia/Shanghai', settings: await currentSettings(db()), today, rollup }
  return loadSummary(ctx, root, branches, units, summaryPeriod(kind, today))
}

const KINDS: SummaryKind[] = ['week', 'month', 'quarter', 'year']
/** Today, a month end, a month start, a year end, a year start: each splits months and days differently. */
const TODAYS = ['2026-11-25', '2026-10-31', '2026-11-01', '2025-12-31', '2026-01-01', '2026-06-30']

/** Every figure of every card (the organisation, a branch, a branch without members) through the rollup = raw. */
async function expectRollupEqualsRaw() {
  for (const code of ['DW', 'ZC01', 'KY01'])
    for (const kind of KINDS)
      for (const today of TODAYS) {
        const raw = await report(code, kind, today, NO_ROLLUP)
        const rolled = await report(code, kind, today)
        expect({ code, kind, today, ...rolled }).toEqual({ code, kind, today, ...raw })
        if (code === 'DW') {
          expect(productionOf(rolled.total)).toEqual(await currentFigures(rolled.period.current))
          expect(productionOf(rolled.totalPrevious)).toEqual(await currentFigures(rolled.period.previous))
        }
      }
}

type Facts = Awaited<ReturnType<typeof report>>['total']
const productionOf = (f: Facts) => f.production.map((p) => ({ metric: p.metric, sum: p.sum, count: p.count }))
/** The organisation's figures of a span added up day by day from production_current (what month rows replace). */
async function currentFigures(span: Span) {
  const rows = await db()
    .select({ metric: productionCurrent.metric, day: productionCurrent.day, value: productionCurrent.value })
    .from(productionCurrent)
  const inSpan = rows.filter((r) => r.day >= span.from && r.day <= span.to)
  if (inSpan.length === 0) return []
  return [{ metric: 'coal', sum: inSpan.reduce((t, r) => t + r.value, 0), count: inSpan.length }]
}

const deps = () => ({ ...tickDepsFor(bot.core), jobs: [summaryRollupJob] })
const build = async (local: string) => (await tick(deps(), at(local))).map((r) => `${r.slot} ${r.status}`)

async function snapshot() {
  const d = db()
  return {
    activities: await d.select().from(rollupActivities).orderBy(rollupActivities.activityId),
    quizDays: await d.select().from(rollupQuizDays),
    quizMonths: await d.select().from(rollupQuizMonths),
    memberDays: await d.select().from(rollupQuizMemberDays),
    memberMonths: await d.select().from(rollupQuizMemberMonths),
    pointsDays: await d.select().from(rollupPointsDays),
    pointsMonths: await d.select().from(rollupPointsMonths),
    pointsYears: await d.select().from(rollupPointsYears),
    memberYears: await d.select().from(rollupQuizMemberYears),
    productionDays: await d.select().from(rollupProductionDays),
  }
}

describe('汇总 rollup', () => {
  it('backfills every finished day on first start, and the card reads the same figures as from the raw rows', async () => {
    const f = await fixture()
    expect(await build('2026-11-25T10:00:00')).toEqual(['rollup@2026-11-25 queued'])
    const mark = await rollupMark(db())
    expect(mark.through).toBe('2026-11-24')
    expect(mark.throughEndMs).toBe(at('2026-11-25T00:00:00'))
    // Held up to yesterday: the first answer of the year before, not today's.
    const quizDays = (await snapshot()).quizDays.map(
      (r) => `${r.day} ${r.category} ${r.answers}/${r.correct}`,
    )
    expect(quizDays.sort()).toEqual([
      '2025-12-31 党章 1/1',
      '2026-01-01 党章 1/1',
      '2026-01-01 安全 1/0',
      '2026-06-15 党章 1/1',
      '2026-08-10 安全 1/1',
      '2026-08-30 党章 1/1',
      '2026-10-05 安全 1/1',
      '2026-10-20 党章 1/0',
      '2026-10-31 党章 1/1',
      '2026-11-01 党章 1/0',
      '2026-11-01 安全 1/1',
      '2026-11-17 党章 1/1',
      '2026-11-24 党章 1/1',
    ])
    const rolled = (await snapshot()).activities.map((r) => [r.activityId, r.present])
    expect(rolled).toEqual([
      [f.a.yearEnd, 2],
      [f.a.newYear, 3],
      [f.a.monthEnd, 2],
      [f.a.november, 5],
    ])
    expect((await snapshot()).memberMonths.filter((r) => r.month === '2026-11')).toHaveLength(2)
    await expectRollupEqualsRaw()

    // Hand-counted: ZC01's year (01-01 to today) and November.
    const year = (await report('ZC01', 'year', '2026-11-25')).current.get(f.u('ZC01'))
    expect(year?.attendance.reduce((s, r) => s + r.present, 0)).toBe(10)
    expect(year?.quiz).toEqual({ participants: 5, answers: 12, correct: 9 })
    expect(year?.points).toBe(19)
    const month = await report('ZC01', 'month', '2026-11-25')
    expect(month.current.get(f.u('ZC01'))?.quiz).toEqual({ participants: 3, answers: 5, correct: 4 })
    expect(month.current.get(f.u('ZC01'))?.points).toBe(5)
    // October 1–25, read from the running sums of 10-20.
    expect(month.totalPrevious.quiz).toEqual({ participants: 2, answers: 2, correct: 1 })
    expect(month.totalPrevious.points).toBe(3)
    expect(month.top.map((t) => [t.memberId, t.points])).toEqual([
      [f.m(1002), 6],
      [f.m(1005), 2],
      [f.m(1006), -3],
    ])
    const org = await report('DW', 'year', '2026-11-25')
    expect(org.current.get(f.u('KY01'))?.quiz).toEqual({ participants: 0, answers: 0, correct: 0 })
    expect(org.current.get(f.u('JD01'))?.quiz).toEqual({ participants: 1, answers: 1, correct: 1 })
    // The year before, up to 2025-11-25, has nothing; the whole of 2025 has the last night's figures.
    expect(org.totalPrevious.quiz).toEqual({ participants: 0, answers: 0, correct: 0 })
    const lastYear = await report('ZC01', 'year', '2025-12-31')
    expect(lastYear.current.get(f.u('ZC01'))?.quiz).toEqual({ participants: 1, answers: 1, correct: 1 })
    expect(lastYear.current.get(f.u('ZC01'))?.attendance).toEqual([
      { type: 'themeDay', activities: 1, expected: 10, present: 2 },
    ])
  })

  it('stays exact after a late correction, answer and point for past days, and takes them in at the next build', async () => {
    const f = await fixture()
    await build('2026-11-25T10:00:00')
    // After the build: the secretary corrects 10-31 (on leave → present) and 11-01 (present → absent), a member's
    // answer and a point land on 11-01.
    await record(f.m(1004), f.a.monthEnd, 'onTime', 'correction')
    await record(f.m(1002), f.a.november, 'absent', 'correction')
    await answer(f.m(1007), f.u('ZC01'), f.q.party, '2026-11-01', true)
    await point(f.m(1008), 9, '2026-11-01')
    const month = (await report('ZC01', 'month', '2026-11-25')).current.get(f.u('ZC01'))
    expect(month?.attendance).toEqual([{ type: 'assembly', activities: 1, expected: 10, present: 4 }])
    expect(month?.quiz).toEqual({ participants: 4, answers: 6, correct: 5 })
    expect(month?.points).toBe(14)
    const quarter = (await report('ZC01', 'quarter', '2026-11-25')).current.get(f.u('ZC01'))
    expect(quarter?.attendance.find((r) => r.type === 'themeDay')?.present).toBe(3)
    await expectRollupEqualsRaw()

    // A 扣分 for a rolled day, written after the build: 1002 leaves the year's top 5 the year rows hold, and 1005,
    // outside it, takes the place.
    const yearTop = async () =>
      (await report('DW', 'year', '2026-11-25')).top.map((t) => [t.memberId, t.points])
    expect(await yearTop()).toEqual([
      [f.m(1008), 9],
      [f.m(1012), 7],
      [f.m(1002), 6],
      [f.m(1003), 5],
      [f.m(1004), 5],
    ])
    await point(f.m(1002), -5, '2026-11-01')
    expect(await yearTop()).toEqual([
      [f.m(1008), 9],
      [f.m(1012), 7],
      [f.m(1003), 5],
      [f.m(1004), 5],
      [f.m(1005), 2],
    ])
    // A second report for a rolled day's coal figure (the month rows follow it at once).
    await figure(f.u('ZC01'), 'coal', '2026-10-05', 330, 2)
    await expectRollupEqualsRaw()

    expect(await build('2026-11-26T00:05:00')).toEqual(['rollup@2026-11-26 queued'])
    expect((await rollupMark(db())).through).toBe('2026-11-25')
    const rolled = new Map((await snapshot()).activities.map((r) => [r.activityId, r.present]))
    expect(rolled.get(f.a.monthEnd)).toBe(3)
    expect(rolled.get(f.a.november)).toBe(4)
    expect(rolled.get(f.a.today)).toBe(2)
    const points = (await snapshot()).pointsMonths.find(
      (r) => r.month === '2026-11' && r.memberId === f.m(1008),
    )
    expect(points?.points).toBe(9)
    await expectRollupEqualsRaw()
  })

  it('runs once a day with a fixed clock, catches up the days it missed, and a repeated build changes nothing', async () => {
    await fixture()
    expect(await build('2026-11-25T00:01:00')).toEqual(['rollup@2026-11-25 queued'])
    expect(await build('2026-11-25T00:01:00')).toEqual([])
    expect(await build('2026-11-25T23:59:00')).toEqual([])
    const built = await snapshot()
    const [state] = await db().select().from(rollupState)
    expect(state?.builtAt).toBe(at('2026-11-25T00:01:00'))
    // Stopped for three days: the first tick back takes in 11-25 to 11-27.
    expect(await build('2026-11-28T15:00:00')).toEqual(['rollup@2026-11-28 queued'])
    expect((await rollupMark(db())).through).toBe('2026-11-27')
    // The same build again, from the mark before it (a retried batch): the same rows.
    const before = await snapshot()
    const mark = await rollupMark(db())
    await bot.store.commit(
      rollupWrites(db(), { ...mark, through: '2026-11-24' }, '2026-11-27', mark.throughEndMs, 0),
    )
    expect(await snapshot()).toEqual(before)
    await bot.store.commit(rollupWrites(db(), mark, '2026-11-27', mark.throughEndMs, 0))
    expect(await snapshot()).toEqual(before)
    // The quiz of today (11-25) was live at the first build and is rolled up now.
    expect(before.quizDays.length).toBe(built.quizDays.length + 1)
    expect((await rollupMark(db())).throughEndMs).toBe(at('2026-11-28T00:00:00'))
  })

  it('reads everything live before the first build', async () => {
    await fixture()
    expect(await rollupMark(db())).toEqual(NO_ROLLUP)
    await expectRollupEqualsRaw()
  })
})
