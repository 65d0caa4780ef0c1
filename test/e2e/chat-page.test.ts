import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Bot, startBot } from '../support/bot'
import { actAs, type ChatPage, openChatPage, send } from '../support/chat-page'

/** The chat page of the local simulator, driven in a real headless Chromium against a real bot. */
const SCREENSHOT = '/tmp/chat-page.png'

let bot: Bot
let chat: ChatPage
let page: Page

beforeAll(async () => {
  bot = await startBot()
  chat = await openChatPage(bot.app, { waitForUser: 'u1001' })
  page = chat.page
})

afterAll(async () => {
  await chat?.close()
  bot?.close()
})

const transcript = () => page.locator('#transcript')

describe('the simulator chat page', () => {
  it('is titled and lists users with Chinese roles and the group chats', async () => {
    expect(await page.title()).toBe('融合助手 · 本地模拟器')
    expect(await page.locator('#user option[value="u1001"]').textContent()).toMatch(/王建国.*支部书记/)
    expect(await page.locator('#chat option[value="g-ZC01"]').textContent()).toMatch(/综采一队党支部.*ZC01/)
  })

  it('answers 帮助 and 积分规则 in a group chat with cards', async () => {
    await actAs(page, 'u1001', 'g-ZC01')
    await send(page, '帮助')
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
    await actAs(page, 'u1010', '__p2p')
    await expect.poll(() => transcript().textContent()).toMatch(/还没有消息/)
    await send(page, '绑定 1010')
    await transcript().getByText('已提交绑定申请').waitFor()

    await actAs(page, 'u1001', '__p2p')
    const request = page.locator('#outbox .card', { hasText: '绑定申请' }).first()
    await request.waitFor()
    expect(await request.locator('button').allTextContents()).toEqual(['确认', '拒绝'])

    await request.getByRole('button', { name: '确认' }).click()
    await transcript().getByText('已确认绑定申请').waitFor()
  })

  it('shows markup a user typed as text', async () => {
    await actAs(page, 'u1001', 'g-ZC01')
    const evil = '<img src=x onerror=alert(1)>'
    await send(page, evil)
    await transcript().locator('.msg.me .bubble', { hasText: evil }).waitFor()
    expect(await transcript().locator('img').count()).toBe(0)
    expect(await page.locator('img').count()).toBe(0)
    await page.screenshot({ path: SCREENSHOT })
  })

  it('shows an error line when a request fails, and keeps working', async () => {
    await actAs(page, 'bad id!', '__p2p')
    await send(page, '帮助')
    await expect.poll(() => page.locator('#error').textContent()).toMatch(/账号格式不对/)
    await actAs(page, 'u1001', 'g-ZC01')
    await page.route('**/dev/chat', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'invalid request', problems: ['text: too long'] }),
      }),
    )
    await send(page, '积分')
    await expect.poll(() => page.locator('#error').textContent()).toMatch(/400[\s\S]*text: too long/)
    await page.unroute('**/dev/chat')
    await send(page, '积分')
    await expect.poll(() => page.locator('#error').textContent()).toBe('')
  })
})
