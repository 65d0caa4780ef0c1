import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { identities, members } from '../../src/db/schema'
import { type Bot, FIXED_NOW, startBot } from '../support/bot'
import { dingtalkHeaders, type FakeDingtalk, robotMessage, startFakeDingtalk } from '../support/fake-dingtalk'

/**
 * The shared scenario (checkin-scenario-telegram.test.ts) on DingTalk: the same words, @-ing the robot in a
 * new group, over the HTTP callback and the robot API of a fake DingTalk on 127.0.0.1.
 */
let fake: FakeDingtalk | undefined
let bot: Bot | undefined

afterEach(async () => {
  bot?.close()
  await fake?.close()
})

async function answersAfter(d: FakeDingtalk, before: number) {
  const deadline = Date.now() + 5_000
  while (d.sent.length === before) {
    if (Date.now() > deadline) throw new Error('no answer came')
    await new Promise((r) => setTimeout(r, 20))
  }
  await new Promise((r) => setTimeout(r, 150))
  return d.sent.slice(before)
}

describe('the check-in scenario on DingTalk', () => {
  it('binds a group, opens a check-in, members check in, the secretary sees who is missing', async () => {
    const d = await startFakeDingtalk()
    fake = d
    const b = await startBot({
      background: 'run',
      env: {
        // The test clock stands still, so per-chat send limits would never open again.
        OUTBOX_RATE_SCALE: '1000',
        DINGTALK_CLIENT_ID: d.clientId,
        DINGTALK_CLIENT_SECRET: d.clientSecret,
        DINGTALK_API_ROOT: d.url,
      },
    })
    bot = b
    for (const no of ['1001', '1002', '1003']) {
      const [m] = await b.store.db.select().from(members).where(eq(members.employeeNo, no))
      await b.store.db
        .insert(identities)
        .values({ platform: 'dingtalk', platformUserId: no, memberId: m?.id ?? 0, boundAt: FIXED_NOW })
    }
    let n = 0
    const say = async (no: string, content: string) => {
      const before = d.sent.length
      const message = robotMessage({
        msgId: `msgScenario${++n}`,
        staffId: no,
        content,
        group: 'cidNewGroup==',
        robotCode: d.robotCode,
        createAt: FIXED_NOW,
      })
      const res = await b.app.request('/webhooks/dingtalk', {
        method: 'POST',
        headers: dingtalkHeaders(FIXED_NOW, d.clientSecret),
        body: JSON.stringify(message),
      })
      expect(res.status).toBe(200)
      return (await answersAfter(d, before)).map((m) => m.text).join('\n')
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
