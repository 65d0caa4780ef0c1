import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import worker from '../../src/worker'
import { textMessage } from '../support/feishu-payloads'
import { bindFeishu, postEvent, sentMessages, settle, until } from './support'

/** 09:00 in Shanghai, the pending-binds slot, long after any request these tests create. */
const NINE_AM = Date.parse('2099-03-02T09:00:00+08:00')

async function cron(scheduledTime: number) {
  const ctx = createExecutionContext()
  await worker.scheduled(createScheduledController({ scheduledTime, cron: '* * * * *' }), env, ctx)
  await waitOnExecutionContext(ctx)
}

const reminders = async () =>
  (await sentMessages()).filter((m) => m.receiveId === 'ou_1001' && m.msgType === 'text')

// 王建国 (1001) is ZC01's secretary with a Feishu account; 吴立新 (1010) asks to bind from his own.
beforeAll(() => bindFeishu('ou_1001', '1001'))

describe('Cron Triggers on Workers', () => {
  it('sends a due reminder once, however often the tick runs', async () => {
    const ask = textMessage({
      text: '绑定 1010',
      chatId: 'oc_p2p_1010',
      chatType: 'p2p',
      openId: 'ou_1010',
      eventId: 'ev_bind_1010',
      messageId: 'om_bind_1010',
    })
    expect((await postEvent(ask)).status).toBe(200)
    await until((m) => m.find((x) => x.receiveId === 'ou_1001'), 'the request card to the secretary')
    expect(await reminders()).toHaveLength(0)

    await cron(NINE_AM)
    await cron(NINE_AM)
    await cron(NINE_AM + 60_000)
    await settle()
    const sent = await reminders()
    expect(sent).toHaveLength(1)
    const text = String((sent[0]?.content as { text?: string } | undefined)?.text)
    expect(text).toContain('您有 1 条绑定申请等待审核')
    expect(text).toContain('（工号 1010）')
  })
})
