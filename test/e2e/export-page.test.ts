import { existsSync, readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import ExcelJS from 'exceljs'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Bot, startBot } from '../support/bot'

/** The simulator page's file replies (the 汇总 export), in a real headless Chromium against a real bot. */
const CHROMIUM = '/usr/bin/chromium'

let bot: Bot
let server: ServerType
let browser: Browser
let page: Page
let base = ''

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: this test needs a real Chromium. ` +
        'Run `apt-get update && apt-get install -y --no-install-recommends chromium`, then run the test again.',
    )
  bot = await startBot()
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: bot.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(info.port),
    )
  })
  base = `http://127.0.0.1:${port}`
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  page = await browser.newPage({
    viewport: { width: 1200, height: 820 },
    locale: 'zh-CN',
    acceptDownloads: true,
  })
  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`)
  })
  await page.goto(base)
  // The pickers are filled from /dev/directory.
  await page.waitForSelector('#user option[value="u1001"]', { state: 'attached' })
})

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  bot?.close()
})

async function actAs(userId: string, chat: string) {
  const known = await page.locator(`#user option[value="${userId}"]`).count()
  if (known) await page.selectOption('#user', userId)
  else {
    await page.selectOption('#user', '__other')
    await page.fill('#other-user', userId)
  }
  await page.selectOption('#chat', chat)
}

async function send(text: string) {
  await page.fill('#text', text)
  await page.press('#text', 'Enter')
}

const transcript = () => page.locator('#transcript')

describe('a file the bot sends, on the simulator page', () => {
  it('shows the export as a link that downloads the XLSX of the card’s figures', async () => {
    await actAs('u1001', 'g-ZC01')
    await send('汇总')
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
