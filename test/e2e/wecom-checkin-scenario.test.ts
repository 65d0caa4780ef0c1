import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { identities, members } from '../../src/db/schema'
import { type Bot, FIXED_NOW, startBot } from '../support/bot'
import { type FakeWecom, startFakeWecom } from '../support/fake-wecom'
import {
  AGENT_ID,
  BOT_AES_KEY,
  BOT_TOKEN,
  botTextMessage,
  CORP_ID,
  WECOM_AES_KEY,
  WECOM_TOKEN,
  wecomBotPost,
} from '../support/fake-wecom-callbacks'

/**
 * The shared scenario (checkin-scenario-telegram.test.ts) on WeCom: the same words typed in a group. A
 * self-built app hears no group message (DESIGN §6), so the group talks to the smart robot's callback and each
 * answer goes to that message's response_url, against a fake WeCom server on 127.0.0.1.
 */
const NOW_SEC = Math.floor(FIXED_NOW / 1000)
let fake: FakeWecom | undefined
let bot: Bot | undefined

afterEach(async () => {
  bot?.close()
  await fake?.close()
})

describe('the check-in scenario on WeCom', () => {
  it('binds a group, opens a check-in, members check in, the secretary sees who is missing', async () => {
    const w = await startFakeWecom({ corpId: CORP_ID, agentId: AGENT_ID })
    fake = w
    const b = await startBot({
      background: 'run',
      env: {
        // The test clock stands still, so per-chat send limits would never open again.
        OUTBOX_RATE_SCALE: '1000',
        WECOM_CORP_ID: CORP_ID,
        WECOM_AGENT_ID: String(AGENT_ID),
        WECOM_SECRET: w.secret,
        WECOM_TOKEN,
        WECOM_AES_KEY,
        WECOM_API_ROOT: w.url,
        WECOM_BOT_TOKEN: BOT_TOKEN,
        WECOM_BOT_AES_KEY: BOT_AES_KEY,
      },
    })
    bot = b
    for (const no of ['1001', '1002', '1003']) {
      const [m] = await b.store.db.select().from(members).where(eq(members.employeeNo, no))
      await b.store.db
        .insert(identities)
        .values({ platform: 'wecom', platformUserId: `u${no}`, memberId: m?.id ?? 0, boundAt: FIXED_NOW })
    }
    let n = 0
    const say = async (no: string, content: string) => {
      const code = `rc${++n}`
      const message = botTextMessage({
        msgId: `CAIQ16HMjQYY${n}`,
        from: `u${no}`,
        content,
        chatId: 'wrkSFfCgAAnew',
        responseUrl: `${w.url}/cgi-bin/aibot/response?response_code=${code}`,
      })
      const { path, body } = wecomBotPost(message, { timestampSec: NOW_SEC })
      expect((await b.app.request(path, { method: 'POST', body })).status).toBe(200)
      const deadline = Date.now() + 5_000
      while (!w.sent.some((m) => m.to === code)) {
        if (Date.now() > deadline) throw new Error('no answer came')
        await new Promise((r) => setTimeout(r, 20))
      }
      return w.sent
        .filter((m) => m.to === code)
        .map((m) => m.text)
        .join('\n')
    }

    expect(await say('1001', '绑定群 ZC01')).toMatch(/已绑定到综采一队党支部（ZC01）/)
    expect(await say('1001', '发起签到 主题党日')).toMatch(/发起签到：主题党日/)
    expect(await say('1002', '签到')).toMatch(/李卫东 签到成功：主题党日（10:00，准时）/)
    expect(await say('1003', '/checkin')).toMatch(/张永刚 签到成功：主题党日/)
    const attendance = await say('1001', '签到情况')
    expect(attendance).toMatch(/实到[:：] ?2/)
    expect(attendance).toMatch(/未签到[:：] ?王建国、刘志强、陈红梅/)
    expect(attendance).not.toMatch(/李卫东|张永刚/)
  })
})
