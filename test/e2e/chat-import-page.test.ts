import { readFileSync } from 'node:fs'
import { count } from 'drizzle-orm'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { members, roleAssignments } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'
import { type ChatPage, openChatPage } from '../support/chat-page'

/** Importing a roster through the simulator page's 📎 upload, in a real headless Chromium against a real bot. */
const ROSTER = readFileSync(new URL('../fixtures/roster/good.csv', import.meta.url))

let bot: Bot
let chat: ChatPage
let page: Page

beforeAll(async () => {
  bot = await startBot()
  chat = await openChatPage(bot.app, { waitForUser: 'u1034' })
  page = chat.page
})

afterAll(async () => {
  await chat?.close()
  bot?.close()
})

const counts = async () => [
  (await bot.store.db.select({ n: count() }).from(members))[0]?.n,
  (await bot.store.db.select({ n: count() }).from(roleAssignments))[0]?.n,
]

describe('importing a roster from the simulator page', () => {
  it('uploads the file with 导入 名册, shows the row report and the confirm button, writes only on the tap', async () => {
    await page.selectOption('#user', 'u1034')
    await page.selectOption('#chat', '__p2p')
    await page.fill('#text', '导入 名册')
    await page.setInputFiles('#file', { name: '名册.csv', mimeType: 'text/csv', buffer: ROSTER })

    const transcript = page.locator('#transcript')
    const preview = transcript.locator('.card', { hasText: '确认导入名册' }).last()
    await preview.waitFor()
    expect(await preview.textContent()).toContain('文件「名册.csv」共 7 行，检查通过')
    expect(await preview.textContent()).toContain('新增 5 人，更新 1 人，未变 1 人，删除 0 人')
    const confirm = preview.getByRole('button', { name: '确认导入' })
    await confirm.waitFor()
    // The demo's 40 members and 9 roles: nothing written before the tap.
    expect(await counts()).toEqual([40, 9])

    await confirm.click()
    await expect.poll(counts).toEqual([45, 14])
    await transcript.getByText('名册已导入', { exact: false }).first().waitFor()
  })
})
