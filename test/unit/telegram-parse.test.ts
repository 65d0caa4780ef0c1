import { describe, expect, it } from 'vitest'
import { parseTelegram } from '../../adapters/telegram/parse'
import {
  anonymousAdminUpdate,
  BOT,
  callbackUpdate,
  membershipUpdate,
  messageUpdate,
  person,
} from '../support/telegram-updates'

const AT = 1_795_572_000_000
const LI = person(1002, '卫东', 'liwd')
const GROUP = -1001234567890
const parse = (update: unknown, bot: { id: number; username?: string } = BOT) =>
  parseTelegram(update, bot, AT)

const incoming = (update: unknown) => {
  const parsed = parse(update)
  if (parsed.kind !== 'message') throw new Error(`expected a message, got ${JSON.stringify(parsed)}`)
  return parsed.incoming
}

describe('parsing Telegram updates', () => {
  it('normalizes a private text message', () => {
    expect(
      incoming(messageUpdate({ chatId: 1002, from: LI, text: '积分', updateId: 5, messageId: 9 })),
    ).toEqual({
      platform: 'telegram',
      eventId: '5',
      messageId: '1002:9',
      chatId: '1002',
      chatType: 'p2p',
      userId: '1002',
      userName: '卫东',
      text: '积分',
      mentionsBot: false,
      receivedAt: AT,
    })
  })

  it('strips /cmd@ourbot and the bot @mention, and marks the mention', () => {
    expect(incoming(messageUpdate({ chatId: GROUP, from: LI, text: '/checkin@Ronghe_Bot 8421' })).text).toBe(
      '/checkin 8421',
    )
    const mentioned = incoming(messageUpdate({ chatId: GROUP, from: LI, text: '@ronghe_bot 签到' }))
    expect(mentioned).toMatchObject({ text: '签到', mentionsBot: true, chatType: 'group' })
  })

  it('leaves /cmd@otherbot to that bot', () => {
    expect(parse(messageUpdate({ chatId: GROUP, from: LI, text: '/checkin@other_bot' }))).toEqual({
      kind: 'ignored',
      reason: 'a command for another bot',
    })
  })

  it('cannot tell an @mention of the bot before getMe has answered, and still reads the command', () => {
    const early = parse(messageUpdate({ chatId: GROUP, from: LI, text: '/rules@ronghe_bot' }), { id: BOT.id })
    expect(early).toMatchObject({ kind: 'message', incoming: { text: '/rules@ronghe_bot' } })
  })

  it('turns a text_mention of a person into @name with their id, and of the bot into an address', () => {
    const update = messageUpdate({
      chatId: GROUP,
      from: LI,
      text: '积分 王 建国 谢谢 融合助手',
      extra: {
        entities: [
          {
            type: 'text_mention',
            offset: 3,
            length: 4,
            user: { id: 1001, is_bot: false, first_name: '王', last_name: '建国' },
          },
          {
            type: 'text_mention',
            offset: 11,
            length: 4,
            user: { id: BOT.id, is_bot: true, first_name: '融合助手' },
          },
        ],
      },
    })
    expect(incoming(update)).toMatchObject({
      text: '积分 @王建国 谢谢',
      mentionsBot: true,
      mentions: [{ userId: '1001', name: '王建国' }],
    })
  })

  it('counts entity offsets in UTF-16 units, as Telegram does (an emoji before the mention)', () => {
    const update = messageUpdate({ chatId: GROUP, from: LI, text: '👍 @ronghe_bot 帮助' })
    expect(incoming(update)).toMatchObject({ text: '👍 帮助', mentionsBot: true })
  })

  it('takes a reply to the bot as addressed to it, but not the implicit reply inside a forum topic', () => {
    const reply = messageUpdate({
      chatId: GROUP,
      from: LI,
      text: '好的',
      extra: {
        reply_to_message: { message_id: 3, from: { id: BOT.id, is_bot: true, first_name: '融合助手' } },
      },
    })
    expect(incoming(reply).mentionsBot).toBe(true)
    const inTopic = messageUpdate({ chatId: GROUP, from: LI, text: '好的', thread: 77, messageId: 80 })
    expect(incoming(inTopic)).toMatchObject({ mentionsBot: false, threadRef: `${GROUP}:80:77` })
  })

  it('reads a caption as text, and a sticker as content it can only hint at', () => {
    expect(incoming(messageUpdate({ chatId: 1002, from: LI, caption: '签到' })).text).toBe('签到')
    const sticker = messageUpdate({
      chatId: 1002,
      from: LI,
      extra: { sticker: { file_id: 'x', emoji: '👍' } },
    })
    expect(incoming(sticker)).toMatchObject({ text: '', unsupported: 'sticker' })
  })

  it('reads a document with its caption as text, and a photo by its largest size', () => {
    const document = {
      file_id: 'BQACAgIAAxkBAAIB',
      file_unique_id: 'u1',
      file_name: '名册.csv',
      file_size: 2048,
    }
    // The helper gives every caption a photo; a document's caption comes without one.
    const extra = { photo: undefined, document }
    const withCaption = messageUpdate({ chatId: 1002, from: LI, caption: '导入 名册', extra })
    expect(incoming(withCaption)).toMatchObject({
      text: '导入 名册',
      attachments: [{ kind: 'file', ref: 'BQACAgIAAxkBAAIB', name: '名册.csv', size: 2048 }],
    })
    const photo = [
      { file_id: 'small', file_unique_id: 's', width: 90, height: 60 },
      { file_id: 'large', file_unique_id: 'l', width: 1280, height: 853 },
      { file_id: 'medium', file_unique_id: 'm', width: 320, height: 213 },
    ]
    const alone = incoming(messageUpdate({ chatId: 1002, from: LI, extra: { photo } }))
    expect(alone).toMatchObject({ text: '', attachments: [{ kind: 'image', ref: 'large' }] })
    expect(alone.unsupported).toBeUndefined()
    expect(incoming(messageUpdate({ chatId: 1002, from: LI, text: '积分' })).attachments).toBeUndefined()
  })

  it('ignores service messages, edits, other bots, channel posts and unknown kinds', () => {
    const joined = messageUpdate({ chatId: GROUP, from: LI, extra: { new_chat_members: [LI] } })
    expect(parse(joined)).toEqual({ kind: 'ignored', reason: 'service message' })
    const edited = messageUpdate({ chatId: 1002, from: LI, text: '积分', kind: 'edited_message' })
    expect(parse(edited)).toEqual({ kind: 'ignored', reason: 'edited message' })
    const robot = messageUpdate({
      chatId: GROUP,
      from: { ...person(9, 'x', 'x_bot'), is_bot: true },
      text: '/rules',
    })
    expect(parse(robot)).toEqual({ kind: 'ignored', reason: 'not sent by a person (from.is_bot)' })
    expect(parse({ update_id: 1, channel_post: {} })).toEqual({
      kind: 'ignored',
      reason: 'unhandled update kind channel_post',
    })
    expect(parse({ update_id: 1, message: { chat: 'x' } })).toEqual({
      kind: 'ignored',
      reason: 'malformed message',
    })
    expect(parse({ message: {} }).kind).toBe('ignored')
  })

  it("marks the group's anonymous admin, whose command is not run", () => {
    expect(incoming(anonymousAdminUpdate(GROUP, '/rules'))).toMatchObject({
      anonymous: true,
      userId: '1087968824',
    })
  })

  it('turns a button click into a card action with the clicked message', () => {
    const update = callbackUpdate({
      from: LI,
      chatId: 1002,
      messageId: 12,
      data: 'bind.approve|3',
      updateId: 77,
    })
    expect(parse(update)).toEqual({
      kind: 'action',
      callbackQueryId: 'cq77',
      action: {
        platform: 'telegram',
        eventId: '77',
        messageId: '1002:12',
        chatId: '1002',
        chatType: 'p2p',
        userId: '1002',
        action: 'bind.approve',
        value: '3',
        receivedAt: AT,
      },
    })
    const inTopic = callbackUpdate({ from: LI, chatId: GROUP, messageId: 12, data: 'a|b', thread: 5 })
    expect(parse(inTopic)).toMatchObject({ action: { chatType: 'group', threadRef: `${GROUP}:12:5` } })
    expect(parse(callbackUpdate({ from: LI, chatId: 1002, messageId: 1, data: 'nobar' })).kind).toBe(
      'staleClick',
    )
  })

  it('greets only when the bot joins a group', () => {
    const by = person(1001, '建国')
    expect(parse(membershipUpdate({ chatId: GROUP, by, before: 'left', after: 'member' }))).toMatchObject({
      kind: 'botAdded',
      event: { platform: 'telegram', kind: 'botAdded', chatId: String(GROUP) },
    })
    expect(
      parse(membershipUpdate({ chatId: GROUP, by, before: 'kicked', after: 'administrator' })).kind,
    ).toBe('botAdded')
    for (const [before, after] of [
      ['member', 'left'],
      ['member', 'kicked'],
      ['member', 'administrator'],
    ] as const)
      expect(parse(membershipUpdate({ chatId: GROUP, by, before, after })).kind).toBe('ignored')
    // In a private chat it means the person blocked or unblocked the bot.
    expect(parse(membershipUpdate({ chatId: 1001, by, before: 'kicked', after: 'member' })).kind).toBe(
      'ignored',
    )
    expect(
      parse(membershipUpdate({ chatId: GROUP, by, before: 'left', after: 'member', botId: 5 })).kind,
    ).toBe('ignored')
  })
})
