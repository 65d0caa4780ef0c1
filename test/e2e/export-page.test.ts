import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Bot, startBot } from '../support/bot'
import { actAs, type ChatPage, openChatPage, send } from '../support/chat-page'

/** The simulator page's file replies (the 汇总 export), in a real headless Chromium against a real bot. */

let bot: Bot
let chat: ChatPage
let page: Page

beforeAll(async () => {
  bot = await startBot()
  chat = await openChatPage(bot.app, { waitForUser: 'u1001', acceptDownloads: true })
  page = chat.page
})

afterAll(async () => {
  await chat?.close()
  bot?.close()
})

const transcript = () => page.locator('#transcript')

describe('a file the bot sends, on the simulator page', () => {
  it('shows the export as a link that downloads the XLSX of the card’s figures', async () => {
    await actAs(page, 'u1001', 'g-ZC01')
    await send(page, '汇总')
    const card = transcript().locator('.card', { hasText: '汇总 · 综采一队党支部' })
    await card.waitFor()
    await card.locator('button', { hasText: '导出表格' }).click()
    const link = transcript().locator('a.file-link')
    await link.waitFor()
    expect(await link.textContent()).toBe('⬇ 汇总_综采一队党支部_2026-11-01_2026-11-25.xlsx')
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
    expect(download.suggestedFilename()).toBe('汇总_综采一队党支部_2026-11-01_2026-11-25.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer)
    expect(wb.worksheets[0]?.name).toBe('总览')
    expect(wb.worksheets[0]?.getRow(2).values).toEqual([undefined, '指标', '本期', '上一同期', '变化'])
  })
})
