import fs from 'node:fs'
import { count, eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { identities, members, questions as questions_, roleAssignments } from '../../src/db/schema'
import { type Bot, FIXED_NOW, startBot } from '../support/bot'
import { type FakeFeishu, startFakeFeishu } from '../support/fake-feishu'
import { type FakeTelegram, startFakeTelegram } from '../support/fake-telegram'
import {
  cardClick,
  ENCRYPT_KEY,
  signedEvent,
  textMessage,
  VERIFICATION_TOKEN,
} from '../support/feishu-events'
import { callbackUpdate, messageUpdate, person } from '../support/telegram-updates'

const fixture = (p: string) => fs.readFileSync(new URL(`../fixtures/${p}`, import.meta.url))
const GOOD = fixture('roster/good.csv')
const BAD = fixture('roster/bad.csv')

let bot: Bot
beforeEach(async () => {
  bot = await startBot()
})
afterEach(() => bot.close())

const memberCount = async () => (await bot.store.db.select({ n: count() }).from(members))[0]?.n
const roleCount = async () => (await bot.store.db.select({ n: count() }).from(roleAssignments))[0]?.n

type Attachment = { kind: string; ref: string; name?: string; size?: number }
type Sent = {
  kind: string
  text: string
  card?: { sections: { kind: string; buttons?: { action: string; value: string }[] }[] }
}

async function upload(bytes: Uint8Array, name: string, type = 'text/csv'): Promise<Attachment> {
  const form = new FormData()
  form.append('file', new File([new Uint8Array(bytes)], name, { type }))
  const res = await bot.app.request('/dev/upload', { method: 'POST', body: form })
  expect(res.status).toBe(200)
  return ((await res.json()) as { attachment: Attachment }).attachment
}

async function send(userId: string, text: string, attachments: Attachment[] = []): Promise<Sent[]> {
  const res = await bot.post('/dev/chat', { chatId: userId, userId, text, attachments })
  expect(res.status).toBe(200)
  return ((await res.json()) as { replies: Sent[] }).replies
}

const buttonsOf = (reply: Sent | undefined) =>
  reply?.card?.sections.flatMap((s) => s.buttons ?? []).map((b) => `${b.action}=${b.value}`) ?? []

describe('importing a roster by sending a file in the simulator', () => {
  it('shows what will change, writes nothing before the confirm, then all rows once', async () => {
    const file = await upload(GOOD, '名册.csv')
    expect(file).toMatchObject({ kind: 'file', name: '名册.csv', size: GOOD.length })
    const [preview] = await send('u1034', '导入 名册', [file])
    expect(preview?.text).toContain('【确认导入名册】')
    expect(preview?.text).toContain('文件「名册.csv」共 7 行，检查通过')
    expect(preview?.text).toContain(
      '新增 5 人，更新 1 人，未变 1 人，删除 0 人（文件中没有的 38 名成员保持原样）',
    )
    const key = String(Date.parse('2026-11-25T10:00:00+08:00'))
    expect(buttonsOf(preview)).toEqual([`import.confirm=${key}`, `import.cancel=${key}`])
    // Nothing written before the confirm: the demo's 40 members and 9 roles.
    expect([await memberCount(), await roleCount()]).toEqual([40, 9])

    const done = await bot.clickRaw('u1034', 'import.confirm', key)
    expect(done.toast).toEqual({
      kind: 'success',
      text: '✅ 名册已导入：新增 5 人，更新 1 人，未变 1 人，删除 0 人（文件中没有的 38 名成员保持原样）',
    })
    expect(done.card?.title).toBe('名册已导入')
    expect([await memberCount(), await roleCount()]).toEqual([45, 14])

    // A second tap writes nothing more.
    expect(await bot.click('u1034', 'import.confirm', key)).toBe('这次导入已经完成，不会重复写入。')
    expect(await bot.click('u1034', 'import.cancel', key)).toBe('这次导入已经完成，不会重复写入。')
    expect([await memberCount(), await roleCount()]).toEqual([45, 14])
  })

  it('applies two confirms arriving together once', async () => {
    await send('u1034', '导入 名册', [await upload(GOOD, 'roster.csv')])
    const key = String(Date.parse('2026-11-25T10:00:00+08:00'))
    const answers = await Promise.all([
      bot.click('u1034', 'import.confirm', key),
      bot.click('u1034', 'import.confirm', key),
    ])
    expect(answers.sort()).toEqual([
      '✅ 名册已导入：新增 5 人，更新 1 人，未变 1 人，删除 0 人（文件中没有的 38 名成员保持原样）',
      '这次导入已经完成，不会重复写入。',
    ])
    expect([await memberCount(), await roleCount()]).toEqual([45, 14])
  })

  it('writes nothing when the data changed between the card and the confirm', async () => {
    await send('u1034', '导入 名册', [await upload(GOOD, 'a.csv')])
    bot.setNow(Date.parse('2026-11-25T10:01:00+08:00'))
    await send('u1034', '导入 名册', [await upload(GOOD, 'b.csv')])
    expect(
      await bot.click('u1034', 'import.confirm', String(Date.parse('2026-11-25T10:01:00+08:00'))),
    ).toContain('✅ 名册已导入')
    const stale = await bot.clickRaw(
      'u1034',
      'import.confirm',
      String(Date.parse('2026-11-25T10:00:00+08:00')),
    )
    expect(stale.replies.map((r) => r.text)).toEqual([
      '确认前数据有了变化，卡片上的统计已不准确，没有写入任何内容。现在的结果：新增 0 人，更新 0 人，未变 7 人，删除 0 人（文件中没有的 38 名成员保持原样）。请重新发送文件，再确认一次。',
    ])
    expect([await memberCount(), await roleCount()]).toEqual([45, 14])
  })

  it('answers a bad file row by row and writes nothing; the corrected file may follow alone', async () => {
    const [report] = await send('u1034', '导入 名册', [await upload(BAD, 'bad.csv')])
    expect(report?.text.split('\n')).toEqual([
      '名册未导入，文件「bad.csv」中有问题，没有写入任何内容。改正后直接把文件再发给我即可：',
      '第 2 行 · 工号：工号「10a!」无效：应为 2–20 位字母或数字',
      '第 4 行 · 工号：工号「3001」与第 3 行重复：每个工号只能出现一次',
      '第 5 行 · 支部编码：支部编码「XX99」不存在：应为已有支部的编码，如 ZC01、JD01、TF01',
      '第 6 行 · 党小组编码：党小组「JD01-1」不属于支部 ZC01：应为 ZC01-1、ZC01-2 之一或留空',
      '第 7 行 · 角色：角色「组长」无效：可选 书记、领导、管理员、调度员、纪检（或 secretary、leader、admin、dispatcher、inspector），指定单位写作 领导:ZC01',
      '第 8 行 · 姓名：姓名为空：每行都要填成员姓名',
      '名册未导入：6 行共 6 处问题，没有写入任何内容。请改正后重新导入整个文件。',
    ])
    expect([await memberCount(), await roleCount()]).toEqual([40, 9])
    bot.setNow(Date.parse('2026-11-25T10:03:00+08:00'))
    const [preview] = await send('u1034', '', [await upload(GOOD, 'good.csv')])
    expect(preview?.text).toContain('【确认导入名册】')
    expect([await memberCount(), await roleCount()]).toEqual([40, 9])
  })

  it('waits for the file after the command, a few minutes only', async () => {
    expect((await send('u1034', '导入 名册'))[0]?.text).toBe(
      '请在 10 分钟内发送名册文件（CSV（UTF-8）或 XLSX）。也可以把「导入 名册」写在文件的说明里一起发送。',
    )
    bot.setNow(Date.parse('2026-11-25T10:05:00+08:00'))
    const [preview] = await send('u1034', '', [await upload(GOOD, 'good.csv')])
    // The buttons name the import by the command's time.
    expect(buttonsOf(preview)).toEqual([
      `import.confirm=${Date.parse('2026-11-25T10:00:00+08:00')}`,
      `import.cancel=${Date.parse('2026-11-25T10:00:00+08:00')}`,
    ])
    await send('u1034', '导入 题库')
    bot.setNow(Date.parse('2026-11-25T10:16:00+08:00'))
    const [late] = await send('u1034', '', [await upload(GOOD, 'good.csv')])
    expect(late?.text).toContain('收到了文件或图片，但没有说要做什么')
  })

  it('cancels: nothing written, and the confirm then does nothing', async () => {
    await send('u1034', '导入 名册', [await upload(GOOD, 'good.csv')])
    const key = String(Date.parse('2026-11-25T10:00:00+08:00'))
    expect(await bot.click('u1034', 'import.cancel', key)).toBe('已取消导入，没有写入任何内容。')
    expect(await bot.click('u1034', 'import.confirm', key)).toBe(
      '这次导入已取消或已过期，没有写入任何内容。请重新发送「导入」命令和文件。',
    )
    expect([await memberCount(), await roleCount()]).toEqual([40, 9])
    // A confirm card is good for 30 minutes.
    bot.setNow(Date.parse('2026-11-25T11:00:00+08:00'))
    await send('u1034', '导入 名册', [await upload(GOOD, 'good.csv')])
    bot.setNow(Date.parse('2026-11-25T11:31:00+08:00'))
    const late = String(Date.parse('2026-11-25T11:00:00+08:00'))
    expect(await bot.click('u1034', 'import.confirm', late)).toBe(
      '这次导入已取消或已过期，没有写入任何内容。请重新发送「导入」命令和文件。',
    )
    expect([await memberCount(), await roleCount()]).toEqual([40, 9])
  })

  it('refuses a non-admin, a group chat, a picture and an unknown file type', async () => {
    const file = await upload(GOOD, 'good.csv')
    expect((await send('u1001', '导入 名册', [file]))[0]?.text).toContain('管理员')
    expect((await send('u1001', '', [file]))[0]?.text).toContain('收到了文件或图片，但没有说要做什么')
    const group = await bot.post('/dev/chat', {
      chatId: 'g-DW',
      userId: 'u1034',
      text: '导入 名册',
      attachments: [file],
    })
    expect(((await group.json()) as { replies: Sent[] }).replies[0]?.text).toContain('私聊')
    const photo = await upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'photo.png', 'image/png')
    expect(photo.kind).toBe('image')
    expect((await send('u1034', '导入 名册', [photo]))[0]?.text).toBe(
      '收到的是图片，不是表格文件：请把 CSV 或 XLSX 文件以「文件」方式发送。',
    )
    const doc = await upload(GOOD, 'roster.docx', 'application/octet-stream')
    expect((await send('u1034', '导入 名册', [doc]))[0]?.text).toContain(
      '名册未导入：不支持的文件类型「.docx」',
    )
    // Someone else's confirm finds nothing of theirs.
    await send('u1034', '导入 名册', [file])
    const key = String(Date.parse('2026-11-25T10:00:00+08:00'))
    expect(await bot.click('u1001', 'import.confirm', key)).toBe('只有党务管理员可以确认导入。')
    expect([await memberCount(), await roleCount()]).toEqual([40, 9])
  })

  it('reads an XLSX file, and imports a question bank as pending', async () => {
    const { default: ExcelJS } = await import('exceljs')
    const wb = new ExcelJS.Workbook()
    const sheet = wb.addWorksheet('名册')
    for (const line of GOOD.toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n'))
      sheet.addRow(
        line.match(/("[^"]*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')) ?? [],
      )
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer())
    const [preview] = await send('u1034', '导入 名册', [
      await upload(xlsx, '名册.xlsx', 'application/vnd.ms-excel'),
    ])
    expect(preview?.text).toContain('新增 5 人，更新 1 人，未变 1 人，删除 0 人')

    bot.setNow(Date.parse('2026-11-25T10:01:00+08:00'))
    const bank = fixture('questions/good.csv')
    const [questions] = await send('u1034', '/import questions', [await upload(bank, 'bank.csv')])
    expect(questions?.text).toContain('新增 5 题，更新 0 题，未变 0 题，删除 0 题')
    const key = String(Date.parse('2026-11-25T10:01:00+08:00'))
    expect(await bot.click('u1034', 'import.confirm', key)).toContain('✅ 题库已导入')
    const pending = await bot.store.db
      .select({ n: count() })
      .from(questions_)
      .where(eq(questions_.status, 'pending'))
    expect(pending[0]?.n).toBe(5)
  })

  it('refuses an upload over 5 MiB', async () => {
    const form = new FormData()
    form.append('file', new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'big.csv'))
    const res = await bot.app.request('/dev/upload', { method: 'POST', body: form })
    expect(res.status).toBe(413)
  })
})

/** Binds a demo member's account on a platform, as 绑定 would have. */
async function bindAccount(platform: string, userId: string, employeeNo: string) {
  const db = bot.store.db
  const m = (await db.select().from(members).where(eq(members.employeeNo, employeeNo)))[0]
  await db
    .insert(identities)
    .values({ platform, platformUserId: userId, memberId: m?.id ?? 0, boundAt: FIXED_NOW })
}

describe('importing by sending a file on Feishu (fake Open API serving the file)', () => {
  let fake: FakeFeishu
  beforeAll(async () => {
    fake = await startFakeFeishu()
  })
  afterAll(() => fake.close())
  beforeEach(async () => {
    bot.close()
    fake.messages.length = 0
    bot = await startBot({
      env: {
        FEISHU_APP_ID: fake.appId,
        FEISHU_APP_SECRET: fake.appSecret,
        FEISHU_DOMAIN: fake.url,
        FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
        FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      },
    })
    await bindAccount('feishu', 'ou_1034', '1034')
    await bindAccount('feishu', 'ou_1001', '1001')
  })

  const post = async (event: object) => {
    const { body, headers } = signedEvent(event, { timestampSec: Math.floor(FIXED_NOW / 1000) })
    const res = await bot.app.request('/webhooks/feishu', { method: 'POST', headers, body })
    expect(res.status).toBe(200)
    await bot.runBackground()
    return res
  }
  /** A file message: Feishu sends a file without words, so the command goes first. */
  const fileMessage = (openId: string, messageId: string, fileKey: string, fileName: string) => {
    const event = textMessage({ text: '', chatId: `oc_p2p_${openId}`, chatType: 'p2p', openId, messageId })
    Object.assign(event.event.message, {
      message_type: 'file',
      content: JSON.stringify({ file_key: fileKey, file_name: fileName }),
    })
    return event
  }
  const lastText = () => JSON.stringify(fake.messages.at(-1)?.content)

  it('downloads the file through the message-resource API and imports on confirm', async () => {
    fake.resources.set('om_file_1/file_v3_good', { type: 'file', bytes: GOOD })
    await post(
      textMessage({ text: '导入 名册', chatId: 'oc_p2p_ou_1034', chatType: 'p2p', openId: 'ou_1034' }),
    )
    expect(lastText()).toContain('请在 10 分钟内发送名册文件')
    await post(fileMessage('ou_1034', 'om_file_1', 'file_v3_good', '名册.csv'))
    expect(fake.requests).toContain('GET /open-apis/im/v1/messages/om_file_1/resources/file_v3_good')
    expect(lastText()).toContain('新增 5 人，更新 1 人，未变 1 人，删除 0 人')
    expect([await memberCount(), await roleCount()]).toEqual([40, 9])
    const click = (eventId: string) =>
      post(
        cardClick({
          openId: 'ou_1034',
          chatId: 'oc_p2p_ou_1034',
          messageId: 'om_card',
          action: 'import.confirm',
          value: String(FIXED_NOW),
          eventId,
        }),
      )
    const answer = (await (await click('ev_confirm_1')).json()) as { toast?: { content: string } }
    expect(answer.toast?.content).toContain('✅ 名册已导入')
    const again = (await (await click('ev_confirm_2')).json()) as { toast?: { content: string } }
    expect(again.toast?.content).toBe('这次导入已经完成，不会重复写入。')
    expect([await memberCount(), await roleCount()]).toEqual([45, 14])
  })

  it('reports a bad file row by row, and hints at a file nobody asked for', async () => {
    fake.resources.set('om_file_2/file_v3_bad', { type: 'file', bytes: BAD })
    await post(
      textMessage({ text: '导入 名册', chatId: 'oc_p2p_ou_1034', chatType: 'p2p', openId: 'ou_1034' }),
    )
    await post(fileMessage('ou_1034', 'om_file_2', 'file_v3_bad', 'bad.csv'))
    expect(lastText()).toContain('第 5 行 · 支部编码：支部编码「XX99」不存在')
    await post(fileMessage('ou_1001', 'om_file_3', 'file_v3_bad', 'bad.csv'))
    expect(lastText()).toContain('收到了文件或图片，但没有说要做什么')
    expect(fake.requests).not.toContain('GET /open-apis/im/v1/messages/om_file_3/resources/file_v3_bad')
    expect([await memberCount(), await roleCount()]).toEqual([40, 9])
  })
})

describe('importing by sending a document on Telegram (fake Bot API serving the file)', () => {
  let fake: FakeTelegram
  const ADMIN = person(1034, '管理员')
  const SECRETARY = person(1001, '建国')
  beforeAll(async () => {
    fake = await startFakeTelegram()
  })
  afterAll(() => fake.close())
  beforeEach(async () => {
    bot.close()
    fake.calls.length = 0
    fake.sent.length = 0
    bot = await startBot({
      env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, OUTBOX_RATE_SCALE: '1000' },
    })
    await bindAccount('telegram', '1034', '1034')
    await bindAccount('telegram', '1001', '1001')
  })

  const post = async (update: object) => {
    const res = await bot.app.request('/webhooks/telegram', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(update),
    })
    expect(res.status).toBe(200)
    await bot.runBackground()
  }
  const document = (fileId: string, name: string, size: number) => ({
    photo: undefined,
    document: { file_id: fileId, file_unique_id: `u${fileId}`, file_name: name, file_size: size },
  })

  it('fetches the captioned document with getFile and imports on confirm, once', async () => {
    fake.files.set('BQ-good', GOOD)
    const update = messageUpdate({
      chatId: 1034,
      from: ADMIN,
      caption: '导入 名册',
      extra: document('BQ-good', '名册.csv', GOOD.length),
    })
    await post(update)
    expect(fake.callsOf('getFile').map((c) => c.body.file_id)).toEqual(['BQ-good'])
    const preview = fake.sent.at(-1)
    expect(preview?.text).toContain('新增 5 人，更新 1 人，未变 1 人，删除 0 人')
    const buttons = (
      (preview as { body: Record<string, unknown> }).body.reply_markup as {
        inline_keyboard: { callback_data: string }[][]
      }
    ).inline_keyboard.flat()
    const confirm = buttons[0]?.callback_data as string
    expect([await memberCount(), await roleCount()]).toEqual([40, 9])
    await post(
      callbackUpdate({ from: ADMIN, chatId: 1034, messageId: preview?.messageId ?? 0, data: confirm }),
    )
    await post(
      callbackUpdate({ from: ADMIN, chatId: 1034, messageId: preview?.messageId ?? 0, data: confirm }),
    )
    const toasts = fake.callsOf('answerCallbackQuery').map((c) => c.body.text)
    expect(toasts[0]).toContain('✅ 名册已导入')
    expect(toasts[1]).toBe('这次导入已经完成，不会重复写入。')
    expect([await memberCount(), await roleCount()]).toEqual([45, 14])
  })

  it('refuses a file over 5 MiB before downloading it, a bad file by its rows, and a non-admin', async () => {
    await post(
      messageUpdate({
        chatId: 1034,
        from: ADMIN,
        caption: '导入 名册',
        extra: document('BQ-big', 'big.csv', 6 * 1024 * 1024),
      }),
    )
    expect(fake.sent.at(-1)?.text).toBe('文件有 6.0 MiB，超过 5.0 MiB 的上限：请拆成几个文件分别导入。')
    expect(fake.callsOf('getFile')).toEqual([])
    fake.files.set('BQ-bad', BAD)
    await post(
      messageUpdate({
        chatId: 1034,
        from: ADMIN,
        caption: '导入 名册',
        extra: document('BQ-bad', 'bad.csv', BAD.length),
      }),
    )
    expect(fake.sent.at(-1)?.text).toContain('第 2 行 · 工号：工号「10a!」无效')
    await post(
      messageUpdate({
        chatId: 1001,
        from: SECRETARY,
        caption: '导入 名册',
        extra: document('BQ-bad', 'bad.csv', BAD.length),
      }),
    )
    expect(fake.sent.at(-1)?.text).toContain('管理员')
    expect(fake.callsOf('getFile')).toHaveLength(1)
    expect([await memberCount(), await roleCount()]).toEqual([40, 9])
  })
})
