import { count, eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { telegramApi } from '../../adapters/telegram/client'
import { registerCommands } from '../../adapters/telegram/commands'
import { buildCommandIndex } from '../../src/commands/table'
import { chats, identities, inbox, members, orgUnits, outbox } from '../../src/db/schema'
import { type Bot, FIXED_NOW, startBot } from '../support/bot'
import { type FakeTelegram, startFakeTelegram, type TgSent } from '../support/fake-telegram'
import { type Served, serveOnLoopback } from '../support/serve-app'
import {
  anonymousAdminUpdate,
  BOT,
  callbackUpdate,
  membershipUpdate,
  messageUpdate,
  person,
  WEBHOOK_SECRET,
} from '../support/telegram-updates'
import { until } from '../support/until'

// The bot over real HTTP; grammY's Api client sends to a fake Bot API on 127.0.0.1.
let fake: FakeTelegram
let bot: Bot
let server: Served
let base: string

const GROUP = -1001234567890
const WANG = person(1001, '建国', 'wangjg') // 王建国, ZC01's secretary
const LI = person(1002, '卫东') // 李卫东, a member, no username
const WU = person(1010, '立新') // 吴立新, not bound yet

beforeAll(async () => {
  fake = await startFakeTelegram()
})
afterAll(() => fake.close())

beforeEach(async () => {
  fake.calls.length = 0
  fake.sent.length = 0
  bot = await startBot({
    background: 'run',
    env: {
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      // The test clock stands still, so a limit of one message a second into a chat would never open again.
      OUTBOX_RATE_SCALE: '1000',
    },
  })
  const db = bot.store.db
  const zc01 = (await db.select().from(orgUnits).where(eq(orgUnits.code, 'ZC01')))[0]
  for (const who of [WANG, LI]) {
    const m = (
      await db
        .select()
        .from(members)
        .where(eq(members.employeeNo, String(who.id)))
    )[0]
    await db.insert(identities).values({
      platform: 'telegram',
      platformUserId: String(who.id),
      memberId: m?.id ?? 0,
      boundAt: FIXED_NOW,
    })
  }
  await db
    .insert(chats)
    .values({ platform: 'telegram', chatId: String(GROUP), unitId: zc01?.id ?? 0, boundAt: FIXED_NOW })
  server = await serveOnLoopback(bot.app.fetch)
  base = server.base
})
afterEach(async () => {
  await server.close()
  bot.close()
})

function post(update: object | string, secret: string | null = WEBHOOK_SECRET) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (secret !== null) headers['x-telegram-bot-api-secret-token'] = secret
  const body = typeof update === 'string' ? update : JSON.stringify(update)
  return fetch(`${base}/webhooks/telegram`, { method: 'POST', headers, body })
}

const settle = () => new Promise((r) => setTimeout(r, 300))
const inboxRows = async () => (await bot.store.db.select({ n: count() }).from(inbox))[0]?.n
const firstSent = () => until(() => fake.sent[0], 'a message at the fake Bot API')
const replyOf = (m: TgSent) => m.body.reply_parameters as { message_id: number } | undefined

describe('Telegram webhook, end to end', () => {
  it('answers a private /rules with an HTML card in the private chat', async () => {
    const res = await post(messageUpdate({ chatId: LI.id, from: LI, text: '/rules' }))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({})
    const sent = await firstSent()
    expect(sent.chatId).toBe('1002')
    expect(sent.body.parse_mode).toBe('HTML')
    expect(sent.html).toContain('<b>积分规则（第 1 版）</b>')
    expect(replyOf(sent)).toBeUndefined()
  })

  it('takes /start as 帮助', async () => {
    await post(messageUpdate({ chatId: WU.id, from: WU, text: '/start' }))
    expect((await firstSent()).text).toContain('可用命令')
  })

  it('answers /rules@ronghe_bot in a group, quoting the command', async () => {
    await post(messageUpdate({ chatId: GROUP, from: LI, text: '/rules@ronghe_bot', messageId: 42 }))
    const sent = await firstSent()
    expect(sent.chatId).toBe(String(GROUP))
    expect(replyOf(sent)).toEqual({ message_id: 42, allow_sending_without_reply: true })
    expect(sent.body.message_thread_id).toBeUndefined()
  })

  it('answers a bare Chinese command and an @mention in a group, and ignores chatter', async () => {
    await post(messageUpdate({ chatId: GROUP, from: LI, text: '今天下午三点开会' }))
    await post(messageUpdate({ chatId: GROUP, from: LI, text: '积分规则', messageId: 7 }))
    await post(messageUpdate({ chatId: GROUP, from: LI, text: '@ronghe_bot 帮助', messageId: 8 }))
    await until(() => (fake.sent.length >= 2 ? true : undefined), 'two answers')
    await settle()
    expect(fake.sent.map((m) => replyOf(m)?.message_id).sort()).toEqual([7, 8])
  })

  it('leaves a command addressed to another bot alone', async () => {
    await post(messageUpdate({ chatId: GROUP, from: LI, text: '/rules@other_bot' }))
    await settle()
    expect(fake.sent).toHaveLength(0)
    expect(await inboxRows()).toBe(0)
  })

  it('answers in the same forum topic', async () => {
    await post(messageUpdate({ chatId: GROUP, from: LI, text: '/rules', messageId: 90, thread: 77 }))
    const sent = await firstSent()
    expect(sent.body.message_thread_id).toBe(77)
    expect(replyOf(sent)?.message_id).toBe(90)
  })

  it('reads a photo caption as text', async () => {
    await post(messageUpdate({ chatId: LI.id, from: LI, caption: '积分规则' }))
    expect((await firstSent()).text).toContain('积分规则（第 1 版）')
  })

  it('hints that it reads only words when a sticker comes privately, and ignores one in a group', async () => {
    const sticker = {
      sticker: { file_id: 'CAAC', file_unique_id: 'AgAD', width: 512, height: 512, emoji: '👍' },
    }
    await post(messageUpdate({ chatId: GROUP, from: LI, extra: sticker }))
    await post(messageUpdate({ chatId: LI.id, from: LI, extra: sticker }))
    const sent = await firstSent()
    await settle()
    expect(fake.sent).toHaveLength(1)
    expect(sent).toMatchObject({ chatId: '1002', text: '我目前只能读懂文字消息。发送「帮助」查看可用命令。' })
  })

  it('takes one update delivered five times, also at once, as one', async () => {
    const update = messageUpdate({ chatId: LI.id, from: LI, text: '积分规则' })
    const answers = await Promise.all([post(update), post(update), post(update)])
    answers.push(await post(update), await post(update))
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    await firstSent()
    await settle()
    expect(fake.sent).toHaveLength(1)
    expect(await inboxRows()).toBe(1)
  })

  it('takes the same message under a new update_id as the same message', async () => {
    const first = messageUpdate({ chatId: LI.id, from: LI, text: '积分规则', messageId: 3 })
    await post(first)
    await post({ ...first, update_id: first.update_id + 1 })
    await firstSent()
    await settle()
    expect(fake.sent).toHaveLength(1)
  })

  it.each([
    ['a wrong secret header', 'not-the-secret'],
    ['a missing secret header', null],
  ])('refuses %s with 401 and changes nothing', async (_what, secret) => {
    const res = await post(messageUpdate({ chatId: LI.id, from: LI, text: '积分规则' }), secret)
    expect(res.status).toBe(401)
    await settle()
    expect(await inboxRows()).toBe(0)
    expect(fake.sent).toHaveLength(0)
  })

  it('answers 400 to malformed JSON and to a body that is no update, 413 to an oversized one', async () => {
    expect((await post('{"update_id":')).status).toBe(400)
    expect((await post({ message: { text: 'hi' } })).status).toBe(400)
    expect((await post(JSON.stringify({ update_id: 1, pad: 'x'.repeat(1024 * 1024) }))).status).toBe(413)
    await settle()
    expect(await inboxRows()).toBe(0)
  })

  it('acknowledges a malformed message and an unknown update kind, and does nothing', async () => {
    expect((await post({ update_id: 9, message: { message_id: 'x' } })).status).toBe(200)
    expect((await post({ update_id: 10, poll: { id: '1', question: '?' } })).status).toBe(200)
    await settle()
    expect(await inboxRows()).toBe(0)
  })

  it("ignores the bot's own messages, other bots and edited messages", async () => {
    const self = { ...person(BOT.id, '融合助手', BOT.username), is_bot: true }
    await post(messageUpdate({ chatId: GROUP, from: self, text: '/rules' }))
    await post(
      messageUpdate({
        chatId: GROUP,
        from: { ...person(555, 'Other', 'other_bot'), is_bot: true },
        text: '/rules',
      }),
    )
    await post(messageUpdate({ chatId: LI.id, from: LI, text: '/rules', kind: 'edited_message' }))
    await settle()
    expect(await inboxRows()).toBe(0)
    expect(fake.sent).toHaveLength(0)
  })

  it('asks an anonymous admin to post as themselves, and ignores their chatter', async () => {
    await post(anonymousAdminUpdate(GROUP, '闲聊一句'))
    await post(anonymousAdminUpdate(GROUP, '/rules'))
    const sent = await firstSent()
    await settle()
    expect(fake.sent).toHaveLength(1)
    expect(sent.text).toBe('请以个人身份（而非匿名管理员）发送命令，我才能确认您的身份。')
  })

  it('greets a group once when added, and says nothing when removed', async () => {
    await post(membershipUpdate({ chatId: -100777, by: WANG, before: 'left', after: 'member' }))
    const sent = await firstSent()
    expect(sent.chatId).toBe('-100777')
    expect(sent.text).toContain('融合助手已加入本群')
    expect(sent.text).toContain('绑定群')
    await post(membershipUpdate({ chatId: -100777, by: WANG, before: 'member', after: 'administrator' }))
    await post(membershipUpdate({ chatId: -100777, by: WANG, before: 'administrator', after: 'kicked' }))
    await settle()
    expect(fake.sent).toHaveLength(1)
  })

  it('escapes user text: no markup, mention or link gets through', async () => {
    await post(
      messageUpdate({ chatId: WU.id, from: WU, text: '<b>x</b>&amp;@everyone@wangjg_http://evil.example' }),
    )
    const sent = await firstSent()
    expect(sent.html).not.toContain('<b>x</b>')
    expect(sent.text).toContain('<b>x</b>&amp;')
    expect(sent.text).not.toMatch(/@everyone|@wangjg|:\/\/|evil\.example/)
  })

  it('approves a bind from the inline button: toast, updated card, one effect for a repeated click', async () => {
    await post(messageUpdate({ chatId: WU.id, from: WU, text: '绑定 1010' }))
    const request = await until(
      () => fake.sent.find((m) => m.chatId === '1001'),
      'the request to the secretary',
    )
    const keyboard = (
      request.body.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }
    ).inline_keyboard
    const approve = keyboard.flat().find((b) => b.text === '确认')
    expect(approve?.callback_data).toMatch(/^bind\.approve\|\d+$/)
    const click = callbackUpdate({
      from: WANG,
      chatId: WANG.id,
      messageId: request.messageId,
      data: approve?.callback_data ?? '',
    })
    expect((await post(click)).status).toBe(200)
    await post(click)
    const answered = await until(() => fake.callsOf('answerCallbackQuery')[0], 'the toast')
    expect(answered.body.callback_query_id).toBe(click.callback_query.id)
    expect(String(answered.body.text)).toContain('吴立新')
    const edit = await until(() => fake.callsOf('editMessageText')[0], 'the updated card')
    expect(edit.body).toMatchObject({ chat_id: '1001', message_id: request.messageId, parse_mode: 'HTML' })
    await until(
      () => fake.sent.find((m) => m.chatId === '1010' && m.text.includes('绑定')),
      'the news to 吴立新',
    )
    await settle()
    expect(fake.callsOf('answerCallbackQuery')).toHaveLength(1)
    const bound = await bot.store.db.select().from(identities).where(eq(identities.platformUserId, '1010'))
    expect(bound).toHaveLength(1)
  })

  it('answers a click on a button that is not ours, so the spinner stops', async () => {
    await post(callbackUpdate({ from: LI, chatId: LI.id, messageId: 1, data: 'garbage' }))
    await until(() => fake.callsOf('answerCallbackQuery')[0], 'the empty answer')
    expect(await inboxRows()).toBe(0)
  })

  it('registers the command menu: English names, Chinese descriptions, and an English one for en clients', async () => {
    await registerCommands(
      telegramApi({ token: fake.token, apiRoot: fake.url }),
      buildCommandIndex(),
      'zh-CN',
    )
    const calls = fake.callsOf('setMyCommands')
    expect(calls.map((c) => c.body.language_code)).toEqual([undefined, 'zh', 'en'])
    const zh = calls[0]?.body.commands as { command: string; description: string }[]
    for (const c of zh) expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/)
    expect(zh).toContainEqual({ command: 'help', description: '帮助：查看可用命令，或某个命令的用法' })
    expect(zh).toContainEqual({ command: 'bind', description: '绑定：把聊天账号绑定到花名册' })
    // Commands still being built stay out of the menu.
    const unbuilt = buildCommandIndex().defs.filter((d) => !d.run)
    for (const d of unbuilt) expect(zh.map((c) => c.command)).not.toContain(d.aliases[0])
    const en = calls[2]?.body.commands as { command: string; description: string }[]
    expect(en.find((c) => c.command === 'help')?.description).not.toMatch(/[\u4e00-\u9fff]/)
  })

  it('reports a dead letter in /readyz after a refusal', async () => {
    fake.failNext(1, { status: 403, description: 'Forbidden: bot was blocked by the user' })
    await post(messageUpdate({ chatId: LI.id, from: LI, text: '积分规则' }))
    const deadline = Date.now() + 5_000
    let rows = await bot.store.db.select().from(outbox)
    while (rows[0]?.status !== 'dead' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20))
      rows = await bot.store.db.select().from(outbox)
    }
    expect(rows[0]).toMatchObject({ status: 'dead', attempts: 1 })
    expect(rows[0]?.lastError).toMatch(/403.*blocked by the user; the person blocked the bot/)
    const ready = (await (await fetch(`${base}/readyz`)).json()) as { outbox: { dead: number } }
    expect(ready.outbox.dead).toBe(1)
  })
})
