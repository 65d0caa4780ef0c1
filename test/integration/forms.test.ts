import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { orgUnits, pointsLedger, questions, quizAnswers, quizReviews, quizSets } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

const G = 'g-ZC01'
let bot: Bot

/** Today's set of 综采一队, fixed: 1 single (key A), 2 multiple (key BC), 3 true/false (key 对). */
const SET = [
  { code: 'F-1', kind: 'single', options: ['甲', '乙', '丙', '丁'], answer: 'A' },
  { code: 'F-2', kind: 'multiple', options: ['甲', '乙', '丙', '丁'], answer: 'BC' },
  { code: 'F-3', kind: 'judge', options: [], answer: 'T' },
] as const

beforeAll(async () => {
  bot = await startBot()
  const db = bot.store.db
  await db.delete(questions)
  const ids = []
  for (const q of SET) {
    const [row] = await db
      .insert(questions)
      .values({
        ...q,
        stem: `题${q.code}`,
        options: JSON.stringify(q.options),
        explanation: '解析',
        category: '安全生产',
        source: '出处',
        quote: '原文',
        status: 'approved',
        createdAt: 0,
        createdBy: 'test',
      })
      .returning({ id: questions.id })
    ids.push(row?.id)
  }
  const [zc01] = await db.select().from(orgUnits).where(eq(orgUnits.code, 'ZC01'))
  await db.insert(quizSets).values({
    unitId: zc01?.id as number,
    day: '2026-11-25',
    questionIds: JSON.stringify(ids),
    settingsVersion: 1,
    createdAt: 0,
  })
  // Task 1: 李卫东 (u1002) is its assignee.
  await bot.read('u1001', '新任务 风门检修 @李卫东 截止 下周五', G)
})
afterAll(() => bot.close())
beforeEach(async () => {
  await bot.store.db.delete(quizAnswers)
  await bot.store.db.delete(quizReviews)
  await bot.store.db.delete(pointsLedger)
})

/** What 李卫东 (u1002) types, where (his private chat unless `chat`), after answering `before`, and reads back. */
type Row = { text: string; chat?: string; before?: string; says: string }

const ROWS: Row[] = [
  {
    text: '1A2BC3对',
    says: '1. ✅ 正确\n2. ✅ 正确\n3. ✅ 正确\n积分 +3\n🎉 今日 3 题已全部作答：答对 3 题，支部今日排名第 1/1。',
  },
  {
    text: '1A 2BC 3√',
    says: '1. ✅ 正确\n2. ✅ 正确\n3. ✅ 正确\n积分 +3\n🎉 今日 3 题已全部作答：答对 3 题，支部今日排名第 1/1。',
  },
  {
    text: '１Ａ２ＢＣ３×',
    says: '1. ✅ 正确\n2. ✅ 正确\n3. ❌ 错误，正确答案：对。解析（出处：出处）\n积分 +2\n🎉 今日 3 题已全部作答：答对 2 题，支部今日排名第 1/1。',
  },
  {
    text: '1a 2cb 3T',
    says: '1. ✅ 正确\n2. ✅ 正确\n3. ✅ 正确\n积分 +3\n🎉 今日 3 题已全部作答：答对 3 题，支部今日排名第 1/1。',
  },
  { text: '答1A', says: '1. ✅ 正确\n积分 +1' },
  {
    text: '答 1.A, 2、CB；3对',
    says: '1. ✅ 正确\n2. ✅ 正确\n3. ✅ 正确\n积分 +3\n🎉 今日 3 题已全部作答：答对 3 题，支部今日排名第 1/1。',
  },
  { text: '/answer 1A', says: '1. ✅ 正确\n积分 +1' },
  { text: '3 错', says: '3. ❌ 错误，正确答案：对。解析（出处：出处）' },
  {
    text: 'A',
    before: '2BC 3对',
    says: '1. ✅ 正确\n积分 +1\n🎉 今日 3 题已全部作答：答对 3 题，支部今日排名第 1/1。',
  },
  {
    text: '对',
    before: '1A 2BC',
    says: '3. ✅ 正确\n积分 +1\n🎉 今日 3 题已全部作答：答对 3 题，支部今日排名第 1/1。',
  },
  {
    text: '×',
    before: '1A 2BC',
    says: '3. ❌ 错误，正确答案：对。解析（出处：出处）\n🎉 今日 3 题已全部作答：答对 2 题，支部今日排名第 1/1。',
  },
  {
    text: 'ｂｃ',
    before: '1A 3对',
    says: '2. ✅ 正确\n积分 +1\n🎉 今日 3 题已全部作答：答对 3 题，支部今日排名第 1/1。',
  },
  { text: '1A', chat: G, says: '已收到 李卫东 的 1 个答案，结果已私信发送。' },
  { text: '1 50%', says: '已更新任务 #1「风门检修」进度：50%' },
  { text: '1 60% 已检修两处', says: '已更新任务 #1「风门检修」进度：60%' },
  { text: '1 完成', says: '✅ 已报告任务 #1「风门检修」完成，等待支部书记确认。' },
  { text: '到', says: '「签到」请在支部群中使用。' },
  // Malformed, or not meant for the bot.
  { text: 'A', says: '今天还有 3 道题未答，请在答案前写题号，例如：1A（多题一起：1A 2C 3对）。' },
  { text: '4A', says: '4. 今天只有 3 道题，没有第 4 题。' },
  { text: '1E', says: '1. 「E」不在选项中：本题选项为 ABCD。' },
  { text: '1AB', says: '1. 「AB」选了多个：本题是单选题，只能选一个。' },
  { text: '3A', says: '3. 「A」不是判断题的答案：请用 对/错（或 √/×、T/F）。' },
  { text: '1A 2?', says: '没看懂「2?」。答案格式为 题号+选项，例如：答 1A 2BC 3对' },
  { text: '答', says: '参数有误：缺少必填内容\n用法：答 <题号><选项> ...\n示例：答 1A 2BC 3对' },
  { text: '答 好的', says: '没看懂「好的」。答案格式为 题号+选项，例如：答 1A 2BC 3对' },
  { text: '对', chat: G, says: '' },
  { text: 'A', chat: G, says: '' },
  { text: '1A 2?', chat: G, says: '' },
  { text: '1A', before: '1A', says: '1. 已作答过（您的答案 A，✅ 正确），每题只计一次。' },
  {
    text: '对',
    before: '1A 2BC 3对',
    says: '今天的题您都已作答。发送「答题」查看今天的题目，或「错题」查看错题本。',
  },
  {
    text: '1 150%',
    says: '参数有误：进度应为 0 到 100 的整数\n用法：任务 | 任务 <编号> [进度 <0-100> [说明] | 数值 <当前值> | 完成 [说明] | 建议 <内容> | 确认 | 退回 <原因> | 采纳 <建议编号> | 取消 <原因>]\n示例：任务 12 进度 60 已完成巷道清理',
  },
  { text: '99 完成', says: '没有编号为 99 的任务。' },
  { text: '1 50', says: '没有「1」这个命令。发送「帮助」查看可用命令。' },
  { text: '1 完成了', says: '没有「1」这个命令。发送「帮助」查看可用命令。' },
  { text: '到到', says: '没有「到到」这个命令，您是不是想用「签到」？发送「帮助 签到」查看用法。' },
]

describe('minimal typing: answer and update forms through the router', () => {
  it.each(ROWS)('$text', async ({ text, chat, before, says }) => {
    if (before) await bot.read('u1002', `答 ${before}`)
    expect(await bot.read('u1002', text, chat)).toBe(says)
  })
})
