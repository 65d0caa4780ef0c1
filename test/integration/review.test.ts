import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  memberPosts,
  orgUnits,
  pointsLedger,
  questionPosts,
  questions,
  quizReviews,
  settings,
} from '../../src/db/schema'
import { DEFAULT_SETTINGS_DOC } from '../../src/domain/settings'
import { exportQuestions } from '../../src/import/questions-export'
import { importQuestions } from '../../src/import/questions-import'
import { parseCsv } from '../../src/import/read-table'
import { importRoster } from '../../src/import/roster-import'
import { type Bot, startBot } from '../support/bot'

const at = (iso: string) => Date.parse(iso)
const ME = 'u1002'
let bot: Bot

/** 45 single-choice questions keyed A: enough that no question repeats in a branch's sets over these days. */
async function loadBank(count = 45) {
  await bot.store.db.delete(questions)
  await bot.store.db.insert(questions).values(
    Array.from({ length: count }, (_, i) => ({
      code: `R-${i + 1}`,
      kind: 'single' as const,
      stem: `复习题${i + 1}`,
      options: JSON.stringify(['甲', '乙', '丙']),
      answer: 'A',
      explanation: `解析${i + 1}`,
      category: i % 2 ? '安全生产' : '党章党规',
      difficulty: 1,
      source: '测试出处',
      quote: '甲',
      status: 'approved' as const,
      createdAt: 0,
      createdBy: 'test',
    })),
  )
}

/** The numbered stems of my private quiz card, and whether it has the review block. */
async function myCard(userId = ME, chatId = userId) {
  const [answer] = await bot.say(userId, '答题', chatId)
  const text = answer?.text ?? ''
  return {
    stems: [...text.matchAll(/^\d+\. \[[^\]]+\] (.+)$/gm)].map((m) => m[1] as string),
    review: text.includes('📒 错题复习'),
  }
}

const onDay = (day: string) => bot.setNow(at(`${day}T10:00:00+08:00`))

beforeEach(async () => {
  bot = await startBot()
  await loadBank()
})
afterEach(() => bot.close())

describe('错题本: spaced review', () => {
  it('brings a wrong answer back 1, 3 and 7 days later until it is answered right twice, without points', async () => {
    const day0 = await myCard()
    expect(day0.stems).toHaveLength(5)
    expect(day0.review).toBe(false)
    const x = day0.stems[0] as string
    expect(await bot.read(ME, '答 1B 2A 3A 4A 5A')).toContain('1. ❌ 错误，正确答案：A。')
    expect(await bot.read(ME, '错题')).toContain(`1. ${x}（2026-11-25 · 2026-11-26 复习）\n正确答案：A. 甲`)
    // Not again the same day.
    expect((await myCard()).stems).toHaveLength(5)

    onDay('2026-11-26')
    const day1 = await myCard()
    expect(day1.stems).toHaveLength(6)
    expect(day1.review).toBe(true)
    expect(day1.stems[5]).toBe(x)
    expect(day1.stems.slice(0, 5)).not.toContain(x)
    // Wrong again in review: still in the book, next after 3 days.
    expect(await bot.read(ME, '答 6C')).toBe(`6. ❌ 错误，正确答案：A。解析${x.slice(3)}（出处：测试出处）`)
    expect(await bot.read(ME, '错题')).toContain(`${x}（2026-11-25 · 2026-11-29 复习）`)
    // Answered today: the numbering holds and a second answer is refused.
    expect((await myCard()).stems[5]).toBe(x)
    expect(await bot.read(ME, '答 6A')).toBe('6. 已作答过（您的答案 C，❌ 错误），每题只计一次。')

    for (const day of ['2026-11-27', '2026-11-28']) {
      onDay(day)
      expect((await myCard()).stems).toHaveLength(5)
    }
    onDay('2026-11-29')
    expect((await myCard()).stems[5]).toBe(x)
    expect(await bot.read(ME, '答 6A')).toBe('6. ✅ 正确')
    expect(await bot.read(ME, '错题')).toContain(`${x}（2026-11-25 · 2026-12-06 复习）`)

    onDay('2026-12-05')
    expect((await myCard()).stems).toHaveLength(5)
    onDay('2026-12-06')
    expect((await myCard()).stems[5]).toBe(x)
    expect(await bot.read(ME, '答 6A')).toBe('6. ✅ 正确\n6. 已两次答对，这道题移出错题本。')
    expect(await bot.read(ME, '错题')).toBe('您目前没有待复习的错题，继续保持！')
    onDay('2026-12-07')
    expect((await myCard()).stems).toHaveLength(5)

    // Review answers earned nothing: the only quiz points are day 0's four right answers.
    const quizPoints = await bot.store.db
      .select({ points: pointsLedger.points })
      .from(pointsLedger)
      .where(and(eq(pointsLedger.rule, 'quiz')))
    expect(quizPoints.map((r) => r.points)).toEqual([1, 1, 1, 1])
  })

  it('keeps review questions out of the group card and caps them at quiz.reviewPerDay', async () => {
    await bot.store.db.insert(settings).values({
      version: 2,
      doc: JSON.stringify({
        ...DEFAULT_SETTINGS_DOC,
        quiz: { ...DEFAULT_SETTINGS_DOC.quiz, reviewPerDay: 2 },
      }),
      createdAt: 0,
      createdBy: 'test',
    })
    await myCard()
    await bot.read(ME, '答 1B 2B 3B 4A 5A')
    const rows = await bot.store.db.select().from(quizReviews).where(eq(quizReviews.dueDay, '2026-11-26'))
    expect(rows).toHaveLength(3)
    onDay('2026-11-26')
    const mine = await myCard()
    expect(mine.stems).toHaveLength(7)
    expect((await myCard(ME, 'g-ZC01')).stems).toHaveLength(5)
    // Another member of the branch has no mistakes: no review block.
    expect((await myCard('u1003')).review).toBe(false)
  })

  it('answers a review question by button on the private card', async () => {
    await myCard()
    await bot.read(ME, '答 1B 2A 3A 4A 5A')
    onDay('2026-11-26')
    const { stems } = await myCard()
    expect(stems).toHaveLength(6)
    const [zc01] = await bot.store.db.select().from(orgUnits).where(eq(orgUnits.code, 'ZC01'))
    const value = `${zc01?.id}|2026-11-26|6|A`
    expect(await bot.click(ME, 'quiz.answer', value)).toBe('✅ 回答正确！解析已私信给您。')
    expect(await bot.click(ME, 'quiz.answer', value)).toBe(
      '6. 已作答过（您的答案 A，✅ 正确），每题只计一次。',
    )
    const [entry] = await bot.store.db.select().from(quizReviews)
    expect(entry).toMatchObject({ stage: 1, rights: 1, dueDay: '2026-11-29', doneDay: null })
  })
})

describe('post categories', () => {
  it('draws a branch set from general questions and those of its members posts only', async () => {
    await bot.store.db.delete(questions)
    await bot.store.db.insert(questions).values(
      ['采煤', '采煤', '掘进', '掘进', '机电', '机电', null, null].map((post, i) => ({
        code: `P-${i + 1}`,
        kind: 'judge' as const,
        stem: `${post ?? '通用'}题${i + 1}`,
        options: '[]',
        answer: 'T',
        explanation: '',
        category: '安全生产',
        difficulty: 1,
        source: '测试出处',
        quote: '',
        status: 'approved' as const,
        createdAt: 0,
        createdBy: 'test',
      })),
    )
    await bot.store.db.insert(questionPosts).values([
      { code: 'P-1', post: '采煤' },
      { code: 'P-2', post: '采煤' },
      { code: 'P-3', post: '掘进' },
      { code: 'P-4', post: '掘进' },
      { code: 'P-5', post: '机电' },
      { code: 'P-6', post: '机电' },
    ])
    // 综采一队 (ZC01) members work at the coal face; 机电队 (JD01) members are electricians.
    await bot.store.db.insert(memberPosts).values([
      { employeeNo: '1002', post: '采煤' },
      { employeeNo: '1003', post: '采煤' },
    ])
    const zc = (await myCard(ME, 'g-ZC01')).stems.sort()
    expect(zc).toEqual(['通用题7', '通用题8', '采煤题1', '采煤题2'])
  })
})

describe('post columns in the imports', () => {
  const csv = (lines: string[]) => parseCsv(new TextEncoder().encode(`${lines.join('\n')}\n`))

  it('reads 岗位 in the question file, keeps it beside the question and writes it back in the export', async () => {
    await bot.store.db.delete(questions)
    const head = '编码,题型,分类,岗位,题干,选项A,选项B,答案,解析,出处,原文'
    const file = [
      head,
      'AQ-1,判断,安全生产,采煤,采煤工作面必须及时支护。,,,对,,《煤矿安全规程》,采煤工作面必须及时支护',
      'AQ-2,判断,安全生产,,入井必须携带自救器。,,,对,,《煤矿安全规程》,入井必须携带自救器',
    ]
    const report = await importQuestions(bot.store, csv(file), { now: 0 })
    expect(report.ok).toBe(true)
    expect(await bot.store.db.select().from(questionPosts)).toEqual([{ code: 'AQ-1', post: '采煤' }])
    expect((await exportQuestions(bot.store)).csv.split('\r\n')[0]).toBe(
      '\uFEFF编码,题型,分类,岗位,难度,题干,选项A,选项B,选项C,选项D,答案,解析,出处,原文',
    )
    // Moving the question to another post changes the post only; clearing it makes it general.
    const moved = await importQuestions(
      bot.store,
      csv([head, file[1]?.replace(',采煤,', ',掘进,') ?? '', file[2] ?? '']),
      { now: 0 },
    )
    expect(moved.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 })
    expect(await bot.store.db.select().from(questionPosts)).toEqual([{ code: 'AQ-1', post: '掘进' }])
    const bad = await importQuestions(
      bot.store,
      csv([head, file[1]?.replace(',采煤,', ',采煤掘进机电通风运输地面,') ?? '']),
      { now: 0 },
    )
    expect(bad.problems.map((p) => `${p.row} ${p.column}`)).toEqual(['2 岗位'])
  })

  it('reads 岗位 in the roster, for new and existing members, in the same batch', async () => {
    const head = '工号,姓名,支部编码,岗位'
    const report = await importRoster(
      bot.store,
      csv([head, '1002,李卫东,ZC01,采煤', '2001,新党员,ZC01,机电']),
      {},
    )
    expect(report.ok).toBe(true)
    const posts = await bot.store.db.select().from(memberPosts).orderBy(memberPosts.employeeNo)
    expect(posts).toEqual([
      { employeeNo: '1002', post: '采煤' },
      { employeeNo: '2001', post: '机电' },
    ])
    await importRoster(bot.store, csv([head, '1002,李卫东,ZC01,', '2001,新党员,ZC01,机电']), {})
    expect(await bot.store.db.select().from(memberPosts)).toEqual([{ employeeNo: '2001', post: '机电' }])
  })
})
