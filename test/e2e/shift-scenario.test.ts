import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actAs, type ChatPage, openChatPage, send } from '../support/chat-page'
import { type SimBot, startSimBot } from '../support/sim-bot'

/**
 * Issue 16's "Done when", in a real headless Chromium on the simulator page: a newcomer imports a shift rotation,
 * asks for a 补签 that the secretary confirms, and steps the page's clock through three days while an overdue task
 * climbs the ladder; its nudge and the midday quiz nudge wait out a night-shift miner's rest. The simulated time starts at 2026-11-25
 * 10:00 (Shanghai) and moves only with the page's buttons.
 */
const SCREENSHOT = '/tmp/shift-scenario.png'
const ROTATION = '党小组编码,轮班,起始日期\nZC01-1,早 早 中 中 夜 夜 休 休,2026-11-23\n'

let sim: SimBot
let chat: ChatPage
let page: Page

beforeAll(async () => {
  sim = await startSimBot()
  chat = await openChatPage(sim.app, {
    waitForUser: 'u1001',
    viewport: { width: 1280, height: 900 },
    // The browser's own zone differs from the bot's: the page must show times in Asia/Shanghai regardless.
    timezoneId: 'UTC',
  })
  page = chat.page
}, 60_000)

afterAll(async () => {
  await chat?.close(SCREENSHOT)
  sim?.close()
})

const transcript = () => page.locator('#transcript')
const outbox = () => page.locator('#outbox')
const clockNow = () => page.locator('#clock-now')

/** Clicks a clock button and waits for the page to show the new time. */
async function clockButton(label: string, expected: string) {
  await page.locator('#clock .btn', { hasText: label }).click()
  await expect.poll(() => clockNow().textContent()).toContain(expected)
}

describe('shift work in the simulator, step by step', () => {
  it('shows the simulated time in Shanghai with the clock buttons', async () => {
    await expect.poll(() => clockNow().textContent()).toBe('2026-11-25 周三 10:00（Asia/Shanghai）')
    for (const label of ['+1 小时', '+8 小时', '+1 天', '到明早 07:30', '回到现在'])
      expect(await page.locator('#clock .btn', { hasText: label }).count()).toBe(1)
  })

  it('lets the admin import a shift rotation from a file and a miner see his week', async () => {
    await actAs(page, 'u1034', '__p2p')
    await page.fill('#text', '导入 班次')
    await page.setInputFiles('#file', {
      name: '轮班.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(ROTATION, 'utf8'),
    })
    const confirm = transcript().locator('.btn', { hasText: '确认导入' })
    await confirm.waitFor()
    await confirm.click()
    await expect.poll(() => transcript().textContent()).toMatch(/已导入|导入完成/)

    await actAs(page, 'u1003', '__p2p')
    await send(page, '班次')
    // 11-23 早 11-24 早 11-25 中 11-26 中 11-27 夜 11-28 夜 11-29 休 …
    await expect.poll(() => transcript().textContent()).toMatch(/11-27.*夜/)
  })

  it('takes a 补签 with a reason after the check-in closed, and the secretary confirms it with the button', async () => {
    await actAs(page, 'u1001', 'g-ZC01')
    await send(page, '发起签到 班前会')
    await expect.poll(() => transcript().textContent()).toContain('班前会')
    await clockButton('+1 小时', '2026-11-25 周三 11:00')

    await actAs(page, 'u1003', 'g-ZC01')
    await send(page, '补签 井下作业没有信号，升井后补签')
    await expect.poll(() => transcript().textContent()).toContain('已提交补签申请')

    await actAs(page, 'u1001', '__p2p')
    const button = outbox().locator('.btn', { hasText: '确认' }).first()
    await button.waitFor()
    await button.click()
    await expect.poll(() => transcript().textContent()).toContain('的补签「班前会」，积分 +1')
    await actAs(page, 'u1003', '__p2p')
    await expect.poll(() => outbox().textContent()).toContain('您的补签「班前会」已由')
  })

  it('holds the quiz and task nudges while the night-shift miner rests, then climbs the ladder over three days', async () => {
    await actAs(page, 'u1001', 'g-ZC01')
    await send(page, '新任务 整理班组安全台账 @1003 截止 11-26')
    await expect.poll(() => transcript().textContent()).toContain('整理班组安全台账')

    await clockButton('到明早 07:30', '2026-11-26 周四 07:30')
    await clockButton('+1 天', '2026-11-27 周五 07:30')
    await clockButton('+1 小时', '08:30')
    await clockButton('+1 小时', '09:30')
    // Day 0 of the ladder: the nudge is queued, held until u1003's rest after the night shift (00–08) ends at 16:00.
    await actAs(page, 'u1003', '__p2p')
    const nudge = outbox().locator('.push', { hasText: '【催办】' })
    await expect.poll(() => nudge.locator('.meta').textContent()).toContain('待发送，11/27 16:00 发出')
    await expect.poll(() => page.locator('#ladder').textContent()).toContain('任务逾期 #1 · 第 1 步 催办提醒')

    // The quiz went to the branch group at 08:00; at 12:00 those who have not answered are nudged privately, and
    // the miner's nudge waits for the end of his rest too.
    await clockButton('+1 小时', '10:30')
    await clockButton('+1 小时', '11:30')
    await clockButton('+1 小时', '12:30')
    const quiz = outbox().locator('.push', { hasText: '【答题提醒】' })
    await expect.poll(() => quiz.locator('.meta').textContent()).toContain('待发送，11/27 16:00 发出')

    await clockButton('+8 小时', '20:30')
    await expect.poll(() => nudge.locator('.meta').textContent()).toContain('已送达')
    await expect.poll(() => quiz.locator('.meta').textContent()).toContain('已送达')

    // Day 1: 加急 on that nudge waits for the rest after the 11-28 night shift, then the simulator has none.
    await clockButton('到明早 07:30', '2026-11-28 周六 07:30')
    await clockButton('+8 小时', '15:30')
    await expect.poll(() => page.locator('#ladder').textContent()).toContain('第 2 步 加急 · 等待发送')
    await clockButton('+1 小时', '16:30')
    await expect
      .poll(() => page.locator('#ladder').textContent(), { timeout: 10_000 })
      .toContain('第 2 步 加急 · 已跳过（no 加急 on console）')

    // Day 2: the card on the responsible leader's desk.
    await clockButton('+1 天', '2026-11-29 周日 16:30')
    await expect.poll(() => page.locator('#ladder').textContent()).toContain('第 3 步 领导卡片 · 已发出')
    await actAs(page, 'u1032', '__p2p')
    const card = outbox().locator('.push', { hasText: '逐级催办' })
    await expect.poll(() => card.textContent()).toContain('整理班组安全台账')
    expect(await card.locator('.meta').textContent()).toContain('已送达')
  })
})
