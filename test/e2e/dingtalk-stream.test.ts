import { count } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { DingtalkClient } from '../../adapters/dingtalk/client'
import { robotFrameListener } from '../../adapters/dingtalk/stream'
import { inbox } from '../../src/db/schema'
import { type Bot, FIXED_NOW, startBot } from '../support/bot'
import { type FakeDingtalk, robotMessage, startFakeDingtalk } from '../support/fake-dingtalk'

/**
 * Stream mode's frame handling (the SDK's connection itself talks to api.dingtalk.com's fixed gateway URL, so it
 * is not started here): a robot frame as the SDK hands it over (`DWClientDownStream`, its `data` the same JSON as
 * the HTTP callback) goes into the inbox and is answered through the fake robot API, then acknowledged.
 */
let fake: FakeDingtalk | undefined
let bot: Bot | undefined
afterEach(async () => {
  bot?.close()
  await fake?.close()
})

const frame = (messageId: string, data: unknown) => ({
  specVersion: '1.0',
  type: 'CALLBACK',
  headers: {
    appId: 'app',
    connectionId: 'conn',
    contentType: 'application/json',
    messageId,
    time: String(FIXED_NOW),
    topic: '/v1.0/im/bot/messages/get',
  },
  data: typeof data === 'string' ? data : JSON.stringify(data),
})

describe('DingTalk Stream mode', () => {
  it('takes a frame into the inbox, acknowledges it, dedupes a resent one, and leaves a broken one unacknowledged', async () => {
    const d = await startFakeDingtalk()
    fake = d
    const b = await startBot({
      background: 'run',
      env: {
        DINGTALK_CLIENT_ID: d.clientId,
        DINGTALK_CLIENT_SECRET: d.clientSecret,
        DINGTALK_API_ROOT: d.url,
        DINGTALK_MODE: 'stream',
      },
    })
    bot = b
    const client = new DingtalkClient({
      clientId: d.clientId,
      clientSecret: d.clientSecret,
      robotCode: d.robotCode,
      apiRoot: d.url,
    })
    const acks: string[] = []
    const listen = robotFrameListener({ core: b.core, client }, (id) => acks.push(id))
    const message = robotMessage({
      msgId: 'msgStream1',
      staffId: '1010',
      content: '积分规则',
      robotCode: d.robotCode,
      createAt: FIXED_NOW,
    })
    await listen(frame('f1', message))
    await listen(frame('f2', message))
    await listen(frame('f3', '{not json'))
    expect(acks).toEqual(['f1', 'f2'])
    expect((await b.store.db.select({ n: count() }).from(inbox))[0]?.n).toBe(1)
    const deadline = Date.now() + 5_000
    while (!d.sent.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    expect(d.sent[0]).toMatchObject({ api: 'user', to: '1010' })
  })
})
