import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { challengeRuns, members, outbox, pointsLedger, questions, quizAnswers } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

const at = (iso: string) => Date.parse(iso)
const G = 'g-ZC01'
let bot: Bot

/** A small bank typed by hand: stem → the key a member who knows it would send. */
const BANK = [
  {
    code: 'T-1',
    kind: 'single',
    stem: '预备党员的预备期为多长时间？',
    options: ['半年', '一年', '两年', '三年'],
    answer: 'B',
    category: '党章党规',
  },
  {
    code: 'T-2',
    kind: 'multiple',
    stem: '下列哪些属于党的纪律处分？',
    options: ['警告', '严重警告', '记过', '开除党籍'],
    answer: 'ABD',
    category: '党章党规',
  },
  {
    code: 'T-3',
    kind: 'judge',
    stem: '入井人员必须随身携带自救器、标识卡和矿灯。',
    options: [],
    answer: 'T',
    category: '安全生产',
  },
  {
    code: 'T-4',
    kind: 'single',
    stem: '我国安全生产工作的方针是什么？',
    options: ['安全第一、预防为主、综合治理', '效益优先', '先生产后安全', '以罚代管'],
    answer: 'A',
    category: '安全生产',
  },
  {
    code: 'T-5',
    kind: 'judge',
    stem: '党的全国代表大会每三年举行一次。',
    options: [],
    answer: 'F',
    category: '党章党规',
  },
  {
    code: 'T-6',
    kind: 'single',
    stem: '中国共产党成立于哪一年？',
    options: ['1911年', '1919年', '1921年', '1949年'],
    answer: 'C',
    category: '党史',
  },
] as const
const KEY = new Map<string, string>(
  BANK.map((q) => [q.stem, q.kind === 'judge' ? (q.answer === 'T' ? '对' : '错') : q.answer]),
)
const WRONG = new Map<string, string>(
  BANK.map((q) => [
    q.stem,
    q.kind === 'judge' ? (q.answer === 'T' ? '错' : '对') : q.answer === 'A' ? 'B' : 'A',
  ]),
)

async function loadBank(approved = true) {
  await bot.store.db.delete(questions)
  await bot.store.db.insert(questions).values(
    BANK.map((q) => ({
      ...q,
      options: JSON.stringify(q.options),
      explanation: `解析：${q.stem}`,
      difficulty: 1,
      source: '测试出处',
      quote: q.stem,
      status: approved ? ('approved' as const) : ('pending' as const),
      createdAt: 0,
      createdBy: 'test',
    })),
  )
}

/** The stems of the quiz card in the order shown (plain text: `1. [单选] 题干`). */
async function shownStems(userId: string, chatId = G): Promise<string[]> {
  const [answer] = await bot.say(userId, '答题', chatId)
  return [...(answer?.text ?? '').matchAll(/^\d+\. \[[^\]]+\] (.+)$/gm)].map((m) => m[1] as string)
}

const answersFor = (stems: string[], table: Map<string, string>) =>
  stems.map((s, i) => `${i + 1}${table.get(s)}`).join(' ')

const privateTo = async (userId: string) => {
  const rows = await bot.store.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.targetKind, 'user'), eq(outbox.targetId, userId)))
  return rows.map((r) => (JSON.parse(r.reply) as { text?: string }).text ?? '')
}

beforeEach(async () => {
  bot = await startBot()
  await loadBank()
})
afterEach(() => bot.close())

describe('答题 and 答', () => {
  it('shows the branch its set as a card that reveals no answer', async () => {
    const [answer] = await bot.say('u1002', '答题', G)
    expect(answer?.text.split('\n')[0]).toBe('【今日答题 · 综采一队党支部 · 2026-11-25（共 5 题）】')
    expect(answer?.text).not.toMatch(/正确答案|解析/)
    const stems = await shownStems('u1002')
    expect(stems).toHaveLength(5)
    expect(new Set(stems).size).toBe(5)
    // The same set for everyone in the branch, in the same order.
    expect(await shownStems('u1003')).toEqual(stems)
  })

  it('judges a full set typed in the group, answers privately, and gives the score and rank', async () => {
    const stems = await shownStems('u1002')
    expect(await bot.read('u1002', `答 ${answersFor(stems, KEY)}`, G)).toBe(
      '已收到 李卫东 的 5 个答案，结果已私信发送。',
    )
    const [result] = await privateTo('u1002')
    expect(result).toBe(
      [
        '1. ✅ 正确',
        '2. ✅ 正确',
        '3. ✅ 正确',
        '4. ✅ 正确',
        '5. ✅ 正确',
        '积分 +5',
        '🎉 今日 5 题已全部作答：答对 5 题，支部今日排名第 1/1。',
      ].join('\n'),
    )
    const points = await bot.store.db.select().from(pointsLedger)
    expect(points.map((p) => p.points)).toEqual([1, 1, 1, 1, 1])
    // A repeat in the group tells the group nothing about the key either.
    expect(await bot.read('u1002', '答 1A', G)).toBe('已收到 李卫东 的 1 个答案，结果已私信发送。')
  })

  it('explains a wrong answer with the key and the source, and scores each question once', async () => {
    const stems = await shownStems('u1002')
    const first = stems[0] as string
    const said = await bot.read('u1002', `答 1${WRONG.get(first)}`, 'u1002')
    const key = KEY.get(first) as string
    expect(said).toBe(`1. ❌ 错误，正确答案：${key}。解析：${first}（出处：测试出处）`)
    expect(await bot.read('u1002', `答 1${key}`, 'u1002')).toBe(
      `1. 已作答过（您的答案 ${WRONG.get(first)?.replace('对', 'T').replace('错', 'F')}，❌ 错误），每题只计一次。`,
    )
  })

  it('tells what is wrong with a malformed answer and changes nothing', async () => {
    const stems = await shownStems('u1002')
    const judgeAt = stems.findIndex((s) => BANK.find((q) => q.stem === s)?.kind === 'judge') + 1
    const singleAt = stems.findIndex((s) => BANK.find((q) => q.stem === s)?.kind === 'single') + 1
    // Letters without a number answer the one open question; with five open the bot asks for the number.
    expect(await bot.read('u1002', '答 abc', 'u1002')).toBe(
      '今天还有 5 道题未答，请在答案前写题号，例如：1A（多题一起：1A 2C 3对）。',
    )
    expect(await bot.read('u1002', '答 9A', 'u1002')).toBe('9. 今天只有 5 道题，没有第 9 题。')
    expect(await bot.read('u1002', `答 ${judgeAt}A`, 'u1002')).toBe(
      `${judgeAt}. 「A」不是判断题的答案：请用 对/错（或 √/×、T/F）。`,
    )
    expect(await bot.read('u1002', `答 ${singleAt}AB`, 'u1002')).toBe(
      `${singleAt}. 「AB」选了多个：本题是单选题，只能选一个。`,
    )
    expect(await bot.read('u1002', `答 ${singleAt}Z`, 'u1002')).toMatch(/「Z」不在选项中：本题选项为 ABCD/)
    expect(await bot.read('u1002', '答', 'u1002')).toMatch(/缺少必填内容[\s\S]*用法：答 <题号><选项>/)
    expect(await bot.store.db.select().from(quizAnswers)).toEqual([])
  })

  it('accepts the forms people type: full-width, glued, any case and order, √ and ×', async () => {
    const stems = await shownStems('u1002')
    const typed = stems
      .map((s, i) => {
        const key = KEY.get(s) as string
        const form = key === '对' ? '√' : key === '错' ? '×' : [...key].reverse().join('').toLowerCase()
        return `${String.fromCharCode(0xff11 + i)}${form}`
      })
      .join('，')
    expect(await bot.read('u1002', `答 ${typed}`, 'u1002')).toMatch(
      /^1\. ✅ 正确\n2\. ✅ 正确\n3\. ✅ 正确\n4\. ✅ 正确\n5\. ✅ 正确/,
    )
  })

  it('keeps one scored answer when the same member answers twice at once', async () => {
    const stems = await shownStems('u1002')
    const one = `答 1${KEY.get(stems[0] as string)}`
    await Promise.all([
      bot.read('u1002', one, 'u1002'),
      bot.read('u1002', one, 'u1002'),
      bot.read('u1002', one, 'u1002'),
    ])
    const [me] = await bot.store.db.select().from(members).where(eq(members.employeeNo, '1002'))
    expect(
      await bot.store.db
        .select()
        .from(quizAnswers)
        .where(eq(quizAnswers.memberId, me?.id ?? 0)),
    ).toHaveLength(1)
    expect(await bot.store.db.select().from(pointsLedger)).toHaveLength(1)
  })

  it('answers a button click with a toast and the explanation privately, once', async () => {
    const stems = await shownStems('u1002')
    const [unit] = await bot.store.db
      .select({ branchId: members.branchId })
      .from(members)
      .where(eq(members.employeeNo, '1002'))
    const n = stems.findIndex((s) => BANK.find((q) => q.stem === s)?.kind === 'single') + 1
    const key = KEY.get(stems[n - 1] as string)
    const value = `${unit?.branchId}|2026-11-25|${n}|${key}`
    expect(await bot.click('u1002', 'quiz.answer', value, G)).toBe('✅ 回答正确！解析已私信给您。')
    expect(await privateTo('u1002')).toEqual([`${n}. ✅ 正确\n积分 +1`])
    expect(await bot.click('u1002', 'quiz.answer', value, G)).toMatch(/已作答过/)
    expect(await bot.click('u1002', 'quiz.answer', `${unit?.branchId}|2026-11-24|${n}|A`, G)).toBe(
      '这张题卡已过期，请发送「答题」获取今天的题目。',
    )
    expect(await bot.click('u1011', 'quiz.answer', value, G)).toBe(
      '这是其他支部的题卡，请发送「答题」获取您支部今天的题目。',
    )
  })

  it('rotates: the next day brings the question the branch has not had yet', async () => {
    const today = await shownStems('u1002')
    bot.setNow(at('2026-11-26T10:00:00+08:00'))
    const tomorrow = await shownStems('u1002')
    const unseen = BANK.map((q) => q.stem).find((s) => !today.includes(s))
    expect(tomorrow).toContain(unseen)
  })

  it('says so when no question is approved yet', async () => {
    await loadBank(false)
    expect(await bot.read('u1002', '答题', G)).toBe(
      '题库中还没有审核通过的题目，暂时不能答题。请党务管理员导入并审核题库。',
    )
  })
})

describe('挑战答题', () => {
  const currentStem = async () => {
    const [run] = await bot.store.db.select().from(challengeRuns).where(eq(challengeRuns.status, 'active'))
    const asked = JSON.parse(run?.asked ?? '[]') as number[]
    const [q] = await bot.store.db
      .select()
      .from(questions)
      .where(eq(questions.id, asked.at(-1) ?? 0))
    return q?.stem as string
  }

  it('asks one question after another until a wrong answer, and keeps the best streak', async () => {
    expect(await bot.read('u1002', '挑战答题', G)).toBe('「挑战答题」请在与我的私聊中使用。')
    expect(await bot.read('u1002', '挑战答题', 'u1002')).toMatch(
      /^挑战开始！答错或超时即结束。您的最好成绩：连对 0 题。每题限时 60 秒。\n【挑战答题 · 第 1 题（已连对 0 题）】/,
    )
    expect(await bot.read('u1002', `答 ${KEY.get(await currentStem())}`, 'u1002')).toMatch(
      /^✅ 正确\n已连对 1 题，积分 \+1。下一题：\n【挑战答题 · 第 2 题（已连对 1 题）】/,
    )
    bot.setNow(at('2026-11-25T10:00:30+08:00'))
    expect(await bot.read('u1002', `答 ${WRONG.get(await currentStem())}`, 'u1002')).toMatch(
      /^1?❌ 错误[\s\S]*本轮挑战结束：连对 1 题，最好成绩 1 题。/,
    )
    expect(await bot.read('u1002', '答 A', 'u1002')).toMatch(/^今天还有 \d 道题未答|^\d+\. /)
  })

  it('ends a run that was not answered within the time limit', async () => {
    await bot.read('u1002', '挑战答题', 'u1002')
    bot.setNow(at('2026-11-25T10:01:01+08:00'))
    expect(await bot.read('u1002', `答 ${KEY.get(await currentStem())}`, 'u1002')).toBe(
      '⏰ 超过 60 秒未作答，本轮挑战结束：连对 0 题。发送「挑战答题」再来一轮。',
    )
  })
})

describe('答题情况, 错题 and the branch ranking', () => {
  it('shows the secretary who has not answered and accuracy by category, weakest first', async () => {
    const stems = await shownStems('u1002')
    await bot.read('u1002', `答 ${answersFor(stems, KEY)}`, 'u1002')
    await bot.read('u1003', `答 ${answersFor(stems, WRONG)}`, 'u1003')
    const [answer] = await bot.say('u1001', '答题情况', G)
    const lines = (answer?.text ?? '').split('\n')
    expect(lines.slice(0, 5)).toEqual([
      '【答题情况 · 综采一队党支部 · 今天】',
      '党员: 10',
      '参与: 2',
      '参与率: 20%',
      '正确率: 50%',
    ])
    expect(lines[5]).toBe('类别 | 作答 | 正确率')
    expect(lines.filter((l) => / \| \d+ \| 50%$/.test(l)).length).toBeGreaterThan(0)
    expect(answer?.text).toMatch(/尚未答题：王建国、张永刚|尚未答题：王建国、刘志强/)
    expect(await bot.read('u1002', '答题情况', G)).toBe('抱歉，「答题情况」只有支部书记或党委领导可以使用。')
    expect(await bot.read('u1032', '答题情况 本周', 'u1032')).toMatch(
      /^【答题情况 · 示范煤矿党委 · 本周】[\s\S]*支部 \| 党员 \| 参与 \| 参与率\n综采一队党支部 \| 10 \| 2 \| 20%/,
    )
  })

  it('lists my wrong answers in the 错题本 with the day each comes back', async () => {
    expect(await bot.read('u1002', '错题', 'u1002')).toBe('您目前没有待复习的错题，继续保持！')
    const stems = await shownStems('u1002')
    await bot.read('u1002', `答 1${WRONG.get(stems[0] as string)}`, 'u1002')
    const said = await bot.read('u1002', '错题', 'u1002')
    expect(said.split('\n')[0]).toBe('【我的错题（1 道待复习）】')
    expect(said).toContain(`1. ${stems[0]}（2026-11-25 · 2026-11-26 复习）`)
  })

  it('ranks branches by points per member', async () => {
    const stems = await shownStems('u1002')
    await bot.read('u1002', `答 ${answersFor(stems, KEY)}`, 'u1002')
    const [, branches] = await bot.say('u1002', '排行', G)
    expect(branches?.text.split('\n').slice(0, 3)).toEqual([
      '【示范煤矿党委 各支部人均积分排行】',
      '名次 | 支部 | 党员 | 总积分 | 人均',
      '1 | 综采一队党支部 ★ | 10 | 5 | 0.5',
    ])
  })
})

describe('the morning quiz push', () => {
  it('sends each bound branch group its card once at the calendar time, drawing the sets in the same step', async () => {
    const { tick } = await import('../../scheduler/tick')
    const { tickDepsFor } = await import('../../scheduler/deps')
    const deps = tickDepsFor(bot.core)
    const groupCards = async () =>
      (
        await bot.store.db.select().from(outbox).where(eq(outbox.source, 'job:quiz-push:2026-11-26:console'))
      ).map((r) => `${r.targetId} ${(JSON.parse(r.reply) as { card: { title: string } }).card.title}`)
    await tick(deps, at('2026-11-26T07:59:00+08:00'))
    expect(await groupCards()).toEqual([])
    await tick(deps, at('2026-11-26T08:00:00+08:00'))
    await tick(deps, at('2026-11-26T08:01:00+08:00'))
    expect((await groupCards()).sort()).toEqual([
      'g-JD01 今日答题 · 机电队党支部 · 2026-11-26（共 5 题）',
      'g-JG01 今日答题 · 机关党支部 · 2026-11-26（共 5 题）',
      'g-TF01 今日答题 · 通风安全队党支部 · 2026-11-26（共 5 题）',
      'g-ZC01 今日答题 · 综采一队党支部 · 2026-11-26（共 5 题）',
    ])
    bot.setNow(at('2026-11-26T09:00:00+08:00'))
    const [pushed] = await bot.store.db.select().from(outbox).where(eq(outbox.targetId, 'g-ZC01'))
    const [asked] = await bot.say('u1002', '答题', G)
    expect(asked?.card).toEqual((JSON.parse(pushed?.reply ?? '{}') as { card: unknown }).card)
  })
})
