import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { type Browser, chromium, type Page } from 'playwright-core'

/** The simulator's chat page in a real headless Chromium, served by a bot's Hono app on a loopback port. */
const CHROMIUM = '/usr/bin/chromium'

export interface ChatPage {
  page: Page
  /** Saves a full-page screenshot when asked (the page is the best evidence when a step fails), then closes. */
  close(screenshot?: string): Promise<void>
}

export interface ChatPageOptions {
  /** A user the pickers must list before the page counts as loaded (they are filled from /dev/directory). */
  waitForUser: string
  viewport?: { width: number; height: number }
  timezoneId?: string
  acceptDownloads?: boolean
}

export async function openChatPage(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  options: ChatPageOptions,
): Promise<ChatPage> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: this test needs a real Chromium. ` +
        'Run `apt-get update && apt-get install -y --no-install-recommends chromium`, then run the test again.',
    )
  let server: ServerType | undefined
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(info.port),
    )
  })
  let browser: Browser | undefined
  const close = async (screenshot?: string) => {
    if (screenshot) await page?.screenshot({ path: screenshot, fullPage: true }).catch(() => {})
    await browser?.close()
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  }
  let page: Page | undefined
  try {
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
      viewport: options.viewport ?? { width: 1200, height: 820 },
      locale: 'zh-CN',
      timezoneId: options.timezoneId,
      acceptDownloads: options.acceptDownloads ?? false,
    })
    page.on('dialog', (d) => {
      throw new Error(`unexpected dialog: ${d.message()}`)
    })
    await page.goto(`http://127.0.0.1:${port}`)
    await page.waitForSelector(`#user option[value="${options.waitForUser}"]`, { state: 'attached' })
    return { page, close }
  } catch (error) {
    await close()
    throw error
  }
}

/** Picks the sender and the chat; a user the directory does not list is typed into the 其他 field. */
export async function actAs(page: Page, userId: string, chat: string) {
  const known = await page.locator(`#user option[value="${userId}"]`).count()
  if (known) await page.selectOption('#user', userId)
  else {
    await page.selectOption('#user', '__other')
    await page.fill('#other-user', userId)
  }
  await page.selectOption('#chat', chat)
}

export async function send(page: Page, text: string) {
  await page.fill('#text', text)
  await page.press('#text', 'Enter')
}
