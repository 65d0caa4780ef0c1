import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type Parsed, parseFeishu } from '../../adapters/feishu/parse'

// Fixtures are the official docs' examples (source in each file's `_source`, which the parser ignores).
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/feishu/${name}.json`, import.meta.url), 'utf8'))

const BOT = 'ou_b0t5c1e9a8b7f6e5d4c3b2a1f0e9d8c7'
const AT = 1_782_900_000_000

/** A schema 2.0 receive event with the given text content and mentions, for the cases no doc example shows. */
function textEvent(text: string, mentions: object[] = [], overrides: Record<string, unknown> = {}) {
  const body = fixture('text-p2p')
  const event = body.event as { message: Record<string, unknown> }
  Object.assign(event.message, {
    chat_type: 'group',
    content: JSON.stringify({ text }),
    mentions,
    ...overrides,
  })
  return body
}
const parse = (body: Record<string, unknown>) => parseFeishu(body, BOT, AT)
const skipped = (reason: string) => ({ kind: 'ignored', reason })
const v2 = (type: string) => ({ schema: '2.0', header: { event_id: 'ev_1', event_type: type }, event: {} })
const message = (p: Parsed) => {
  if (p.kind !== 'message') throw new Error(`expected a message, got ${JSON.stringify(p)}`)
  return p.incoming
}

describe('parseFeishu on the documented payloads', () => {
  it('answers url_verification with its challenge', () => {
    expect(parse(fixture('url-verification'))).toEqual({ kind: 'challenge', challenge: 'ajls384kdjx98XX' })
  })

  it('strips its own @mention in a group and resolves the other one', () => {
    expect(parse(fixture('text-group-mentions'))).toEqual({
      kind: 'message',
      incoming: {
        platform: 'feishu',
        eventId: '5e3702a84e847582be8db7fb73283c02',
        messageId: 'om_5ce6d572455d361153b7cb51da133945',
        chatId: 'oc_5ce6d572455d361153b7xx51da133945',
        chatType: 'group',
        userId: 'ou_84aad35d084aa403a838cf73ee18467',
        text: '新任务 整改通风设施 @Tom 截止 2026-07-31',
        mentionsBot: true,
        mentions: [{ userId: 'ou_7d8a6e6df7621556ce0d21922b676706ccs', name: 'Tom' }],
        receivedAt: AT,
      },
    })
  })

  it('keeps the bot as an ordinary mention while its own open_id is unknown', () => {
    const incoming = message(parseFeishu(fixture('text-group-mentions'), undefined, AT))
    expect(incoming.text).toBe('@融合助手 新任务 整改通风设施 @Tom 截止 2026-07-31')
    expect(incoming.mentionsBot).toBe(false)
    expect(incoming.mentions).toEqual([
      { userId: BOT, name: '融合助手' },
      { userId: 'ou_7d8a6e6df7621556ce0d21922b676706ccs', name: 'Tom' },
    ])
  })

  it('reads a private text message', () => {
    expect(parse(fixture('text-p2p'))).toEqual({
      kind: 'message',
      incoming: {
        platform: 'feishu',
        eventId: '6f4813b95f958693cf9ec8fc84394d13',
        messageId: 'om_dc13264520392913993dd051dba21dcf',
        chatId: 'oc_84983ff6516d731e5b5f68d4ea2e1da5',
        chatType: 'p2p',
        userId: 'ou_84aad35d084aa403a838cf73ee18467',
        text: '签到 8421',
        mentionsBot: false,
        mentions: [],
        receivedAt: AT,
      },
    })
  })

  it('reads a rich-text post as its title and the words of text, link and @ elements, its images once each', () => {
    expect(parse(fixture('post'))).toEqual({
      kind: 'message',
      incoming: {
        platform: 'feishu',
        eventId: '7a1c2b3d4e5f60718293a4b5c6d7e8f9',
        messageId: 'om_a81fa00ee467b1084ffd80b197b58f4b',
        chatId: 'oc_5ce6d572455d361153b7xx51da133945',
        chatType: 'group',
        userId: 'ou_84aad35d084aa403a838cf73ee18467',
        text: '我是一个标题\n第一行 :超链接@Tom\n第二行:文本测试',
        mentionsBot: false,
        mentions: [{ userId: 'ou_7d8a6e6df7621556ce0d21922b676706ccs', name: 'Tom' }],
        attachments: [
          {
            kind: 'image',
            ref: 'om_a81fa00ee467b1084ffd80b197b58f4b/img_47354fbc-a159-40ed-86ab-2ad0f1acb42g',
          },
        ],
        receivedAt: AT,
      },
    })
  })

  it('reads an image as an attachment fetched by message id and image key', () => {
    expect(parse(fixture('image'))).toEqual({
      kind: 'message',
      incoming: {
        platform: 'feishu',
        eventId: '8b2d3c4e5f6071829304a5b6c7d8e9f0',
        messageId: 'om_340057d660022bf141eb470859c6114c',
        chatId: 'oc_5ce6d572455d361153b7xx51da133945',
        chatType: 'group',
        userId: 'ou_84aad35d084aa403a838cf73ee18467',
        text: '',
        mentionsBot: false,
        attachments: [
          {
            kind: 'image',
            ref: 'om_340057d660022bf141eb470859c6114c/img_4adb3cc3-902b-4187-b0f1-842f67fd017g',
          },
        ],
        receivedAt: AT,
      },
    })
  })

  it('reads a file with its name, and the images of a post beside its text', () => {
    expect(message(parse(fixture('file')))).toMatchObject({
      chatType: 'p2p',
      text: '',
      attachments: [
        {
          kind: 'file',
          ref: 'om_file0d660022bf141eb470859c6114c/file_v3_00a1b2c3-d4e5-4f60-8a9b-0c1d2e3f4a5g',
          name: '名册.csv',
        },
      ],
    })
    expect(message(parse(fixture('post-image')))).toMatchObject({
      text: '现场照片',
      attachments: [{ kind: 'image', ref: 'om_post0d660022bf141eb470859c6114c/img_v3_post-0001' }],
    })
  })

  it('reports a sticker as unsupported, and a file without its key as malformed', () => {
    const sticker = textEvent('', [], { message_type: 'sticker', content: '{"file_key":"x"}' })
    expect(parse(sticker)).toMatchObject({ kind: 'unsupported', msgType: 'sticker' })
    expect(parse(textEvent('', [], { message_type: 'file', content: '{"file_name":"a.csv"}' }))).toEqual(
      skipped('malformed file content'),
    )
  })

  it("ignores the bot's own message", () => {
    expect(parse(fixture('bot-own-message'))).toEqual(skipped('not sent by a person (sender_type app)'))
  })

  it('reports being added to a group with its name', () => {
    expect(parse(fixture('bot-added'))).toEqual({
      kind: 'botAdded',
      eventId: '5e3702a84e847582be8db7fb73283c02',
      chatId: 'oc_413871888e0d5492e25b173f0812efb7',
      chatName: '群名称测试',
    })
  })

  it('turns a button click into a card action, taken as in a group', () => {
    expect(parse(fixture('card-action'))).toEqual({
      kind: 'action',
      action: {
        platform: 'feishu',
        eventId: 'f7984f25108f8137722bb63c*****',
        messageId: 'om_574d639e4a44e4dd646eaf628e2*****',
        chatId: 'oc_e4d2605ca917e695f54f11aaf56*****',
        chatType: 'group',
        userId: 'ou_3c14f3a59eaf2825dbe25359f15*****',
        action: 'quiz.answer',
        value: '1A',
        receivedAt: AT,
      },
    })
  })

  it('ignores a schema 1.0 event', () => {
    expect(parse(fixture('schema-1'))).toEqual(skipped('schema 1.0 event'))
  })
})

describe('parseFeishu on mentions and edge cases', () => {
  it('writes @_all as 「@所有人」 text, never a mention, with or without its mentions entry', () => {
    const listed = textEvent('@_all 今晚七点开会', [{ key: '@_all', id: { user_id: 'all' }, name: '所有人' }])
    expect(message(parse(listed))).toMatchObject({ text: '@所有人 今晚七点开会', mentions: [] })
    expect(message(parse(textEvent('@_all 今晚七点开会'))).text).toBe('@所有人 今晚七点开会')
  })

  it('does not confuse @_user_1 with @_user_10', () => {
    const mentions = [
      { key: '@_user_1', id: { open_id: 'ou_one' }, name: '张一' },
      { key: '@_user_10', id: { open_id: 'ou_ten' }, name: '张十' },
    ]
    expect(message(parse(textEvent('@_user_10 和 @_user_1', mentions))).text).toBe('@张十 和 @张一')
  })

  it('removes the bot mention from the middle of a sentence without leaving two spaces', () => {
    const mentions = [{ key: '@_user_1', id: { open_id: BOT }, name: '融合助手' }]
    expect(message(parse(textEvent('请 @_user_1 签到', mentions))).text).toBe('请 签到')
  })

  it('reads a post in the localized { zh_cn: { title, content } } shape', () => {
    const content = JSON.stringify({ zh_cn: { title: '', content: [[{ tag: 'text', text: '积分' }]] } })
    const body = textEvent('', [], { message_type: 'post', content })
    expect(message(parse(body)).text).toBe('积分')
  })

  it('ignores messages of other bots', () => {
    const body = fixture('text-p2p')
    ;(body.event as { sender: Record<string, unknown> }).sender.sender_type = 'bot'
    expect(parse(body)).toEqual(skipped('not sent by a person (sender_type bot)'))
  })

  it('reads a card value sent as a JSON string and ignores buttons that are not ours', () => {
    const body = fixture('card-action')
    const action = (body.event as { action: Record<string, unknown> }).action
    action.value = JSON.stringify({ action: 'task.done', value: '42' })
    expect(parse(body)).toMatchObject({
      kind: 'action',
      action: { action: 'task.done', value: '42' },
    })
    action.value = { key: 'value' }
    expect(parse(body)).toEqual(skipped('card action without our { action, value }'))
  })

  it.each([
    ['im.message.message_read_v1', 'read receipt'],
    ['im.chat.member.bot.deleted_v1', 'bot removed from the chat'],
    ['im.message.recalled_v1', 'message recalled'],
    ['im.message.reaction.created_v1', 'unhandled event type im.message.reaction.created_v1'],
  ])('ignores %s', (type, reason) => {
    expect(parse(v2(type))).toEqual(skipped(reason))
  })

  it('ignores malformed known events instead of throwing', () => {
    expect(parse(v2('im.message.receive_v1'))).toEqual(skipped('malformed im.message.receive_v1'))
    const badContent = textEvent('', [], { content: 'not json' })
    expect(parse(badContent)).toEqual(skipped('malformed text content'))
    const noHeader = { schema: '2.0', event: {} }
    expect(parse(noHeader).kind).toBe('ignored')
    expect(parse(v2('im.chat.member.bot.added_v1'))).toEqual(skipped('malformed im.chat.member.bot.added_v1'))
  })
})
