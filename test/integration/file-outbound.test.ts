import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FeishuClient } from '../../adapters/feishu/client'
import { feishuOutbound } from '../../adapters/feishu/outbound'
import { telegramApi } from '../../adapters/telegram/client'
import { telegramOutbound } from '../../adapters/telegram/outbound'
import { type NodeStore, openNodeStore } from '../../src/db/node-store'
import { outbox } from '../../src/db/schema'
import { fileReply, type Platform, type Reply } from '../../src/messages'
import { Dispatcher } from '../../src/outbox/dispatcher'
import { type Envelope, enqueue } from '../../src/outbox/enqueue'
import { toBase64 } from '../../src/outbox/file-bytes'
import type { Outbound, OutboundMessage } from '../../src/outbox/outbound'
import { type FakeFeishu, startFakeFeishu } from '../support/fake-feishu'
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram'

let store: NodeStore
beforeEach(() => {
  store = openNodeStore(':memory:')
})
afterEach(() => store.close())

const BYTES = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5])
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const exportReply = (bytes = BYTES) =>
  fileReply(
    { name: '汇总_综采一队党支部_2026-11-01_2026-11-25.xlsx', mime: XLSX, dataBase64: toBase64(bytes) },
    '汇总表格 · 综采一队党支部',
  )

/** The real dispatcher over real SQLite with one platform's outbound; time is virtual. */
function setup(platform: Platform, out: Outbound) {
  let now = Date.parse('2026-11-25T10:00:00+08:00')
  const dispatcher = new Dispatcher({
    db: store.db,
    outbounds: new Map([[platform, out]]),
    now: () => now,
    sleep: async (ms) => {
      now += ms
    },
    rateScale: 1,
    log: () => {},
  })
  const queue = (...envelopes: Envelope[]) =>
    store.commit(enqueue(store.db, platform, `test:${randomUUID()}`, envelopes, now, randomUUID))
  return {
    dispatcher,
    queue,
    advance: (ms: number) => {
      now += ms
    },
    rows: () => store.db.select().from(outbox),
  }
}

const toChat = (id: string, reply: Reply, replyTo?: string): Envelope => ({
  to: { kind: 'chat', id },
  reply,
  locale: 'zh-CN',
  replyTo,
})

describe('a file through Feishu', () => {
  let fake: FakeFeishu
  beforeEach(async () => {
    fake = await startFakeFeishu()
  })
  afterEach(() => fake.close())
  const client = () =>
    new FeishuClient({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.url, timeoutMs: 5_000 })

  it('uploads it as xls and sends a file message with its file_key to the chat', async () => {
    const { dispatcher, queue, rows } = setup('feishu', feishuOutbound(client()))
    await queue(toChat('oc_zc01', exportReply()))
    expect(await dispatcher.drain()).toEqual({ sent: 1, retried: 0, dead: 0 })
    expect(fake.uploads).toHaveLength(1)
    const [up] = fake.uploads
    expect(up?.fileType).toBe('xls')
    expect(up?.fileName).toBe('汇总_综采一队党支部_2026-11-01_2026-11-25.xlsx')
    expect([...(up?.bytes ?? [])]).toEqual([...BYTES])
    expect(fake.messages).toHaveLength(1)
    expect(fake.messages[0]).toMatchObject({
      receiveIdType: 'chat_id',
      receiveId: 'oc_zc01',
      msgType: 'file',
      content: { file_key: up?.fileKey },
      uuid: (await rows())[0]?.id,
    })
  })

  it('answers a group command under it, and posts it once when the same row is sent again', async () => {
    const out = feishuOutbound(client())
    const msg: OutboundMessage = {
      id: 'row-1',
      target: { kind: 'chat', id: 'oc_zc01' },
      replyTo: 'om_command',
      reply: exportReply(),
      locale: 'zh-CN',
      attempt: 1,
    }
    // A dispatcher that died after sending, before marking the row sent, sends it again on restart.
    const first = await out.send(msg)
    const again = await out.send({ ...msg, attempt: 2 })
    expect(fake.uploads).toHaveLength(2)
    expect(fake.messages).toHaveLength(1)
    expect(fake.messages[0]).toMatchObject({ replyTo: 'om_command', msgType: 'file', uuid: 'row-1' })
    expect(again).toEqual(first)
  })

  it('retries an upload that failed, then sends the file once', async () => {
    const { dispatcher, queue, advance } = setup('feishu', feishuOutbound(client()))
    await queue(toChat('oc_zc01', exportReply()))
    fake.failNext(1, { status: 503, msg: 'Service Unavailable' })
    expect(await dispatcher.drain()).toEqual({ sent: 0, retried: 1, dead: 0 })
    expect(fake.messages).toHaveLength(0)
    advance(60_000)
    expect(await dispatcher.drain()).toEqual({ sent: 1, retried: 0, dead: 0 })
    expect(fake.uploads).toHaveLength(1)
    expect(fake.messages).toHaveLength(1)
  })
})

describe('a file through Telegram', () => {
  let fake: FakeTelegram
  beforeEach(async () => {
    fake = await startFakeTelegram()
  })
  afterEach(() => fake.close())

  it('sends it with sendDocument, its text as the caption, quoting the command in its topic', async () => {
    const api = telegramApi({ token: fake.token, apiRoot: fake.url })
    const { dispatcher, queue } = setup('telegram', telegramOutbound(api))
    await queue(toChat('-1001234', exportReply(), '-1001234:77:5'))
    expect(await dispatcher.drain()).toEqual({ sent: 1, retried: 0, dead: 0 })
    expect(fake.documents).toHaveLength(1)
    const [doc] = fake.documents
    expect(doc).toMatchObject({
      chatId: '-1001234',
      filename: '汇总_综采一队党支部_2026-11-01_2026-11-25.xlsx',
      caption: '汇总表格 · 综采一队党支部',
    })
    expect([...(doc?.bytes ?? [])]).toEqual([...BYTES])
    const call = fake.callsOf('sendDocument')[0]?.body
    expect(call?.reply_parameters).toEqual({ message_id: 77, allow_sending_without_reply: true })
    expect(call?.message_thread_id).toBe('5')
    expect(fake.sent).toHaveLength(0)
  })
})

describe('a platform that cannot send files', () => {
  it('gets the file’s text and where to get the sheet instead', async () => {
    const sent: OutboundMessage[] = []
    const textOnly: Outbound = {
      platform: 'dingtalk',
      limits: { perSecond: 100 },
      async send(m) {
        sent.push(m)
        return undefined
      },
    }
    const { dispatcher, queue } = setup('dingtalk', textOnly)
    await queue(toChat('cid-1', exportReply()))
    await dispatcher.drain()
    expect(sent.map((m) => m.reply)).toEqual([
      {
        kind: 'text',
        text: '汇总表格 · 综采一队党支部\n本平台暂不能接收文件：请在飞书、Telegram 或模拟器中发送同一命令（汇总 … 导出）获取表格。',
      },
    ])
  })
})

describe('a file over the outbox limit', () => {
  it('is queued as a text saying so, not as a row too large to store', async () => {
    const { queue, rows } = setup('console', {
      platform: 'console',
      limits: { perSecond: 100 },
      send: async () => undefined,
    })
    await queue(toChat('g-DW', exportReply(new Uint8Array(1.5 * 1024 * 1024))))
    const [row] = await rows()
    expect(JSON.parse(row?.reply ?? '')).toEqual({
      kind: 'text',
      text: '表格「汇总_综采一队党支部_2026-11-01_2026-11-25.xlsx」有 1.5 MB，超过聊天中可发送的 1 MB。请缩小范围再导出，例如：汇总 ZC01 本月 导出',
    })
  })
})
