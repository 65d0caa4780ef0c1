import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Bot, startBot } from '../support/bot'

/** The chat page of the local simulator, driven in a real headless Chromium against a real bot. */
const CHROMIUM = '/usr/bin/chromium'
const SCREENSHOT = '/tmp/chat-page.png'

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
  page = await browser.newPage({ viewport: { width: 1200, height: 820 }, locale: 'zh-CN' })
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

describe('the simulator chat page', () => {
  it('is titled and lists users with Chinese roles and the group chats', async () => {
    expect(await page.title()).toBe('融合助手 · 本地模拟器')
    expect(await page.locator('#user option[value="u1001"]').textContent()).toMatch(/王建国.*支部书记/)
    expect(await page.locator('#chat option[value="g-ZC01"]').textContent()).toMatch(/综采一队党支部.*ZC01/)
  })

  it('answers 帮助 and 积分规则 in a group chat with cards', async () => {
    await actAs('u1001', 'g-ZC01')
    await send('帮助')
    const help = transcript().locator('.card', { hasText: '融合助手 · 可用命令' })
    await help.waitFor()
    await expect.poll(() => help.locator('tr', { hasText: '积分' }).count()).toBeGreaterThan(0)
    expect(await help.locator('td', { hasText: /^积分$/ }).count()).toBe(1)

    await page.locator('.chip', { hasText: /^积分规则$/ }).click()
    const rules = transcript().locator('.card', { hasText: '积分规则' }).last()
    await rules.locator('table').waitFor()
    expect(await rules.locator('th').allTextContents()).toEqual(['事项', '分值', '每日上限'])
  })

  it('lets an unbound account ask to bind, and the secretary confirm from the push panel', async () => {
    await actAs('u1010', '__p2p')
    await expect.poll(() => transcript().textContent()).toMatch(/还没有消息/)
    await send('绑定 1010')
    await transcript().getByText('已提交绑定申请').waitFor()

    await actAs('u1001', '__p2p')
    const request = page.locator('#outbox .card', { hasText: '绑定申请' }).first()
    await request.waitFor()
    expect(await request.locator('button').allTextContents()).toEqual(['确认', '拒绝'])

    await request.getByRole('button', { name: '确认' }).click()
    await transcript().getByText('已确认绑定申请').waitFor()
  })

  it('shows markup a user typed as text', async () => {
    await actAs('u1001', 'g-ZC01')
    const evil = '<img src=x onerror=alert(1)>'
    await send(evil)
    await transcript().locator('.msg.me .bubble', { hasText: evil }).waitFor()
    expect(await transcript().locator('img').count()).toBe(0)
    expect(await page.locator('img').count()).toBe(0)
    await page.screenshot({ path: SCREENSHOT })
  })

  it('shows an error line when a request fails, and keeps working', async () => {
    await actAs('bad id!', '__p2p')
    await send('帮助')
    await expect.poll(() => page.locator('#error').textContent()).toMatch(/账号格式不对/)
    await actAs('u1001', 'g-ZC01')
    await page.route('**/dev/chat', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'invalid request', problems: ['text: too long'] }),
      }),
    )
    await send('积分')
    await expect.poll(() => page.locator('#error').textContent()).toMatch(/400[\s\S]*text: too long/)
    await page.unroute('**/dev/chat')
    await send('积分')
    await expect.poll(() => page.locator('#error').textContent()).toBe('')
  })
})
