import { rollupWrites } from '../../src/db/production-writes'
import {
  activities,
  branchAssessments,
  checkins,
  members,
  orgUnits,
  pointsLedger,
  productionFigures,
  questions,
  quizAnswers,
  studyItems,
  studyRecords,
  tasks,
} from '../../src/db/schema'
import type { Db } from '../../src/db/store'
import type { Bot } from './bot'

const at = (local: string) => Date.parse(`${local}+08:00`)

/**
 * The small organisation of summary.test.ts, for tests of what is built from the same figures (the export).
 * A small organisation with hand-counted figures. November (to the 25th) against October 1–25:
 * ZC01 (10 members): 主题党日 11-10 with 3 present (a correction to absent and one from leave to present),
 * 党课 11-01 00:30 with 5 present; 党员大会 10-25 with 8 present (previous); 主题党日 10-31 23:30 with 2 present
 * (in neither month span, in the quarter). JD01: 主题党日 11-15 with 9 present. KY01: a branch without members.
 */
/** An approved true/false question of a category, for quiz figures; its id. */
export async function approvedQuestion(db: Db, code: string, category: string): Promise<number> {
  const [row] = await db
    .insert(questions)
    .values({
      code,
      kind: 'judge',
      stem: code,
      options: '[]',
      answer: 'T',
      explanation: '',
      category,
      source: 's',
      quote: 'q',
      status: 'approved',
      createdAt: 0,
      createdBy: 'test',
    })
    .returning({ id: questions.id })
  return row?.id as number
}

/** Row writers both summary fixtures use (this file's and summary-rollup.test.ts's), by database id. */
export async function insertActivity(
  db: Db,
  unitId: number,
  type: 'themeDay' | 'lecture' | 'assembly',
  opens: string,
): Promise<number> {
  const [row] = await db
    .insert(activities)
    .values({
      unitId,
      type,
      title: type,
      opensAt: at(opens),
      closesAt: at(opens) + 1_800_000,
      lateUntil: at(opens) + 2_700_000,
      settingsVersion: 1,
      createdAt: at(opens),
    })
    .returning({ id: activities.id })
  return row?.id as number
}

export const insertCheckin = (
  db: Db,
  activityId: number,
  memberId: number,
  status: 'onTime' | 'late' | 'leave' | 'absent',
  kind: 'checkin' | 'leave' | 'correction',
  when: number,
) =>
  db.insert(checkins).values({
    activityId,
    memberId,
    status,
    kind,
    recordedBy: memberId,
    platform: 'console',
    chatId: 'g',
    at: when,
  })

/** A daily (or challenge) answer, given at noon of its day. */
export const insertAnswer = (
  db: Db,
  memberId: number,
  unitId: number,
  questionId: number,
  day: string,
  correct: boolean,
  mode: 'daily' | 'challenge' = 'daily',
) =>
  db.insert(quizAnswers).values({
    memberId,
    unitId,
    questionId,
    day,
    mode,
    given: 'T',
    correct,
    at: at(`${day}T12:00:00`),
    platform: 'console',
    chatId: 'g',
  })

/** Points by hand (rule `manual`), one source each. */
export const insertPoints = (db: Db, memberId: number, points: number, day: string, source: string) =>
  db.insert(pointsLedger).values({
    memberId,
    points,
    rule: 'manual',
    reason: 'test',
    source,
    day,
    settingsVersion: 1,
    createdAt: 0,
  })

/** A figure as 报产 stores it: the history row with production_current and production_months in one commit. */
export const storeFigure = (
  bot: Bot,
  unitId: number,
  metric: string,
  day: string,
  value: number,
  seq: number,
) =>
  bot.store.commit([
    bot.store.db.insert(productionFigures).values({ unitId, metric, day, value, seq, source: 'chat', at: 0 }),
    ...rollupWrites(bot.store.db, 1),
  ])

export async function summaryFixture(bot: Bot) {
  const db = bot.store.db
  const ids = new Map(
    (await db.select({ id: members.id, no: members.employeeNo }).from(members)).map((m) => [m.no, m.id]),
  )
  const m = (no: number) => ids.get(String(no)) as number
  const units = new Map((await db.select().from(orgUnits)).map((u) => [u.code, u.id]))
  const u = (code: string) => units.get(code) as number
  await db.insert(orgUnits).values({ code: 'KY01', name: '开拓队党支部', kind: 'branch', parentId: u('DW') })
  const activity = (unit: string, type: 'themeDay' | 'lecture' | 'assembly', opens: string) =>
    insertActivity(db, u(unit), type, opens)
  const record = (
    activityId: number,
    no: number,
    status: 'onTime' | 'late' | 'leave' | 'absent',
    kind: 'checkin' | 'leave' | 'correction',
    when: number,
  ) => insertCheckin(db, activityId, m(no), status, kind, when)
  const a1 = await activity('ZC01', 'themeDay', '2026-11-10T09:00:00')
  const t1 = at('2026-11-10T09:05:00')
  await record(a1, 1002, 'onTime', 'checkin', t1)
  await record(a1, 1003, 'late', 'checkin', t1)
  await record(a1, 1004, 'leave', 'leave', t1)
  await record(a1, 1005, 'onTime', 'checkin', t1)
  await record(a1, 1005, 'absent', 'correction', t1 + 1000)
  await record(a1, 1007, 'leave', 'leave', t1)
  await record(a1, 1007, 'onTime', 'correction', t1 + 1000)
  const a2 = await activity('ZC01', 'lecture', '2026-11-01T00:30:00')
  for (const no of [1002, 1003, 1004, 1005, 1006])
    await record(a2, no, 'onTime', 'checkin', at('2026-11-01T00:35:00'))
  const a3 = await activity('ZC01', 'assembly', '2026-10-25T20:00:00')
  for (const no of [1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009])
    await record(a3, no, 'onTime', 'checkin', at('2026-10-25T20:05:00'))
  const a4 = await activity('ZC01', 'themeDay', '2026-10-31T23:30:00')
  for (const no of [1002, 1003]) await record(a4, no, 'onTime', 'checkin', at('2026-10-31T23:35:00'))
  const a5 = await activity('JD01', 'themeDay', '2026-11-15T09:00:00')
  for (let no = 1011; no <= 1019; no++) await record(a5, no, 'onTime', 'checkin', at('2026-11-15T09:05:00'))

  const question = (code: string, category: string) => approvedQuestion(db, code, category)
  const q1 = await question('T-1', '党章')
  const q2 = await question('T-2', '安全')
  const answer = (
    no: number,
    questionId: number,
    day: string,
    correct: boolean,
    mode?: 'daily' | 'challenge',
  ) => insertAnswer(db, m(no), u('ZC01'), questionId, day, correct, mode)
  await answer(1002, q1, '2026-11-02', true)
  await answer(1002, q2, '2026-11-02', false)
  await answer(1003, q1, '2026-11-02', true)
  await answer(1004, q2, '2026-11-25', true)
  await answer(1005, q1, '2026-10-31', true)
  await answer(1002, q1, '2026-10-05', false)
  await answer(1006, q1, '2026-11-03', true, 'challenge')

  const task = (
    id: number,
    type: 'target' | 'fix' | 'pioneer' | 'topic',
    dueDay: string,
    status: 'open' | 'progress' | 'submitted' | 'confirmed' | 'cancelled',
    extra: Partial<typeof tasks.$inferInsert> = {},
  ) =>
    db.insert(tasks).values({
      id,
      type,
      title: `任务${id}`,
      branchId: u('ZC01'),
      createdBy: m(1001),
      dueDay,
      status,
      rev: 1,
      platform: 'console',
      settingsVersion: 1,
      createdAt: at('2026-10-01T08:00:00'),
      updatedAt: 0,
      ...extra,
    })
  await task(1, 'topic', '2026-11-10', 'confirmed', { submittedDay: '2026-11-09' })
  await task(2, 'pioneer', '2026-11-12', 'confirmed', { submittedDay: '2026-11-15' })
  await task(3, 'fix', '2026-11-20', 'open')
  await task(4, 'target', '2026-11-30', 'progress', {
    metricName: '原煤',
    metricUnit: '吨',
    metricTarget: 100,
    metricCurrent: 40,
  })
  await task(5, 'fix', '2026-12-05', 'submitted', { submittedDay: '2026-11-24' })
  await task(6, 'target', '2026-11-25', 'open', { percent: 30 })
  await task(7, 'topic', '2026-11-11', 'cancelled')
  await task(8, 'topic', '2026-10-20', 'confirmed', { submittedDay: '2026-10-19' })

  const figure = (unit: string, metric: string, day: string, value: number, seq = 1) =>
    storeFigure(bot, u(unit), metric, day, value, seq)
  await figure('ZC01', 'coal', '2026-11-02', 3000)
  await figure('ZC01', 'coal', '2026-11-02', 3300, 2)
  await figure('ZC01-1', 'coal', '2026-11-03', 1200)
  await figure('ZC01', 'coal', '2026-10-31', 5000)
  await figure('ZC01', 'violations', '2026-11-05', 1)

  const points = (no: number, n: number, day: string, source: string) =>
    insertPoints(db, m(no), n, day, source)
  await points(1002, 10, '2026-11-03', 'a')
  await points(1003, 5, '2026-11-25', 'b')
  await points(1002, 3, '2026-11-01', 'c')
  await points(1004, 7, '2026-10-10', 'd')
  await points(1005, 2, '2026-10-31', 'e')
  await points(1012, 20, '2026-11-04', 'f')

  const item = async (unit: string, published: string) => {
    const [row] = await db
      .insert(studyItems)
      .values({ unitId: u(unit), title: 'study', publishedBy: m(1001), publishedAt: at(published) })
      .returning({ id: studyItems.id })
    return row?.id as number
  }
  const s1 = await item('ZC01', '2026-11-05T09:00:00')
  const s2 = await item('DW', '2026-11-06T09:00:00')
  const s3 = await item('ZC01', '2026-10-20T09:00:00')
  for (const [itemId, no] of [
    [s1, 1002],
    [s1, 1003],
    [s2, 1002],
    [s3, 1004],
  ] as const)
    await db.insert(studyRecords).values({ itemId, memberId: m(no), at: at('2026-11-07T09:00:00') })

  await db
    .insert(branchAssessments)
    .values({ branchId: u('JD01'), year: 2026, review: '较好', business: '优秀', at: 0 })
}
