import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cardToText } from '../../src/cards/card'
import { receive, receiveDeferred } from '../../src/core'
import { outbox } from '../../src/db/schema'
import type { Reply } from '../../src/messages'
import { type Bot, startBot } from '../support/bot'

let bot: Bot
beforeEach(async () => {
  bot = await startBot()
})
afterEach(() => bot.close())

const queued = async () =>
  (await bot.store.db.select().from(outbox)).map((r) => {
    const reply = JSON.parse(r.reply) as Reply
    return { to: r.targetId, text: reply.kind === 'card' ? cardToText(reply.card) : reply.text }
  })

const picture = (chatId: string, chatType: 'group' | 'p2p', mentionsBot: boolean) => ({
  platform: 'console' as const,
  eventId: `ev-${chatId}-${mentionsBot}`,
  messageId: `m-${chatId}-${mentionsBot}`,
  chatId,
  chatType,
  userId: 'u1002',
  text: '',
  mentionsBot,
  unsupported: 'image',
  receivedAt: 0,
})

describe('what is not a command', () => {
  it('greets a chat it joins once, saying how to bind it', async () => {
    const joined = {
      platform: 'console' as const,
      eventId: 'join-1',
      kind: 'botAdded' as const,
      chatId: 'g-new',
      receivedAt: 0,
    }
    await receive(bot.core, joined)
    await receive(bot.core, joined)
    expect(await queued()).toEqual([
      {
        to: 'g-new',
        text: expect.stringMatching(
          /^【融合助手已加入本群】\n[\s\S]*请支部书记在本群发送「绑定群 <支部编码>」/,
        ),
      },
    ])
  })

  it('tells a bound group which branch it belongs to', async () => {
    await receive(bot.core, {
      platform: 'console',
      eventId: 'join-2',
      kind: 'botAdded',
      chatId: 'g-ZC01',
      receivedAt: 0,
    })
    expect((await queued())[0]?.text).toMatch(/本群已绑定到综采一队党支部/)
  })

  it('answers a picture with a hint in private and when addressed, and ignores it in group chatter', async () => {
    await receive(bot.core, picture('u1002', 'p2p', false))
    await receive(bot.core, picture('g-ZC01', 'group', true))
    await receive(bot.core, picture('g-ZC01', 'group', false))
    const hint = '我目前只能读懂文字消息。发送「帮助」查看可用命令。'
    expect(await queued()).toEqual([
      { to: 'u1002', text: hint },
      { to: 'g-ZC01', text: hint },
    ])
  })

  it('accepts first and answers later when deferred, in arrival order', async () => {
    const say = (n: number) =>
      receiveDeferred(bot.core, {
        platform: 'console',
        eventId: `d-${n}`,
        messageId: `dm-${n}`,
        chatId: 'u1002',
        chatType: 'p2p',
        userId: 'u1002',
        text: n === 1 ? '积分规则' : '语言 en',
        mentionsBot: false,
        receivedAt: 0,
      })
    expect(await say(1)).toEqual({ duplicate: false })
    expect(await say(2)).toEqual({ duplicate: false })
    expect(await say(1)).toEqual({ duplicate: true })
    expect(await queued()).toEqual([])
    await bot.runBackground()
    expect((await queued()).map((q) => q.text.split('\n')[0])).toEqual([
      '【积分规则（第 1 版）】',
      'OK, I will talk to you in English from now on.',
    ])
  })

  it('commits events that arrive together in one transaction, still telling each repeat apart', async () => {
    const event = (n: number) => ({
      platform: 'console' as const,
      eventId: `g-${n}`,
      messageId: `gm-${n}`,
      chatId: 'u1002',
      chatType: 'p2p' as const,
      userId: 'u1002',
      text: '积分规则',
      mentionsBot: false,
      receivedAt: 0,
    })
    const arrivals = [1, 2, 3, 2, 4, 1, 5].map((n) => receiveDeferred(bot.core, event(n)))
    expect((await Promise.all(arrivals)).map((a) => a.duplicate)).toEqual([
      false,
      false,
      false,
      true,
      false,
      true,
      false,
    ])
    await bot.runBackground()
    expect(await queued()).toHaveLength(5)
  })
})
