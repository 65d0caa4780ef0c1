import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { identities, members } from '../../src/db/schema'
import { type Bot, FIXED_NOW, startBot } from '../support/bot'
import { startFakeFeishu } from '../support/fake-feishu'
import { startFakeTelegram } from '../support/fake-telegram'
import { ENCRYPT_KEY, signedEvent, textMessage, VERIFICATION_TOKEN } from '../support/feishu-events'
import { messageUpdate, person, WEBHOOK_SECRET } from '../support/telegram-updates'

/**
 * Issue 4's "done when": one scenario, the same words typed on every platform. The secretary (1001) binds a new
 * group to ZC01 and opens a check-in, two members (1002, 1003) check in, and the secretary asks who is missing.
 * On Feishu and Telegram it runs over their webhooks and real clients against fake platform APIs.
 */
type Chat = { say: (employeeNo: string, text: string) => Promise<string>; close: () => Promise<void> }

const PEOPLE = ['1001', '1002', '1003']
// The test clock stands still, so per-chat send limits would never open again.
const FAST = { OUTBOX_RATE_SCALE: '1000' }

async function bindAccounts(bot: Bot, platform: string, idOf: (no: string) => string) {
  for (const no of PEOPLE) {
    const [m] = await bot.store.db.select().from(members).where(eq(members.employeeNo, no))
    await bot.store.db
      .insert(identities)
      .values({ platform, platformUserId: idOf(no), memberId: m?.id ?? 0, boundAt: FIXED_NOW })
  }
}

/** Waits for the answers one message brings, then a moment for any that follow it. */
async function answersAfter<T>(seen: () => T[], before: number): Promise<T[]> {
  const deadline = Date.now() + 5_000
  while (seen().length === before) {
    if (Date.now() > deadline) throw new Error('no answer came')
    await new Promise((r) => setTimeout(r, 20))
  }
  await new Promise((r) => setTimeout(r, 150))
  return seen().slice(before)
}

const platforms: { name: string; open: () => Promise<Chat> }[] = [
  {
    name: 'the simulator',
    async open() {
      const bot = await startBot({ env: FAST })
      return { say: (no, text) => bot.read(`u${no}`, text, 'g-new'), close: async () => bot.close() }
    },
  },
  {
    name: 'Feishu',
    async open() {
      const fake = await startFakeFeishu()
      const bot = await startBot({
        background: 'run',
        env: {
          ...FAST,
          FEISHU_APP_ID: fake.appId,
          FEISHU_APP_SECRET: fake.appSecret,
          FEISHU_DOMAIN: fake.url,
          FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
          FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
        },
      })
      await bindAccounts(bot, 'feishu', (no) => `ou_${no}`)
      return {
        async say(no, text) {
          const before = fake.messages.length
          const event = textMessage({ text, chatId: 'oc_new', chatType: 'group', openId: `ou_${no}` })
          const { body, headers } = signedEvent(event, { timestampSec: Math.floor(FIXED_NOW / 1000) })
          expect((await bot.app.request('/webhooks/feishu', { method: 'POST', headers, body })).status).toBe(
            200,
          )
          return (await answersAfter(() => fake.messages, before))
            .map((m) => JSON.stringify(m.content))
            .join('\n')
        },
        close: async () => {
          bot.close()
          await fake.close()
        },
      }
    },
  },
  {
    name: 'Telegram',
    async open() {
      const fake = await startFakeTelegram()
      const bot = await startBot({
        background: 'run',
        env: {
          ...FAST,
          TELEGRAM_BOT_TOKEN: fake.token,
          TELEGRAM_API_ROOT: fake.url,
          TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
        },
      })
      await bindAccounts(bot, 'telegram', (no) => no)
      return {
        async say(no, text) {
          const before = fake.sent.length
          const update = messageUpdate({ chatId: -100999, from: person(Number(no), `成员${no}`), text })
          const res = await bot.app.request('/webhooks/telegram', {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-telegram-bot-api-secret-token': WEBHOOK_SECRET,
            },
            body: JSON.stringify(update),
          })
          expect(res.status).toBe(200)
          return (await answersAfter(() => fake.sent, before)).map((m) => m.text).join('\n')
        },
        close: async () => {
          bot.close()
          await fake.close()
        },
      }
    },
  },
]

let chat: Chat | undefined
afterEach(async () => {
  await chat?.close()
  chat = undefined
})

describe.each(platforms)('the check-in scenario on $name', ({ open }) => {
  it('binds a group, opens a check-in, members check in, the secretary sees who is missing', async () => {
    chat = await open()
    expect(await chat.say('1001', '绑定群 ZC01')).toMatch(/已绑定到综采一队党支部（ZC01）/)
    expect(await chat.say('1001', '发起签到 主题党日')).toMatch(/发起签到：主题党日/)
    expect(await chat.say('1002', '签到')).toMatch(/李卫东 签到成功：主题党日（10:00，准时）/)
    expect(await chat.say('1003', '/checkin')).toMatch(/张永刚 签到成功：主题党日/)
    const attendance = await chat.say('1001', '签到情况')
    expect(attendance).toMatch(/实到\**[:：] ?2/)
    expect(attendance).toMatch(/未签到\**[:：] ?王建国、刘志强、陈红梅/)
    expect(attendance).not.toMatch(/李卫东|张永刚/)
  })
})
