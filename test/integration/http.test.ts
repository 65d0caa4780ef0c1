import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { count } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { receive } from '../../src/core'
import { inbox, members, outbox } from '../../src/db/schema'
import { accept } from '../../src/inbox/accept'
import { type Bot, startBot } from '../support/bot'

const bots: Bot[] = []
async function bot(opts?: Parameters<typeof startBot>[0]) {
  const b = await startBot(opts)
  bots.push(b)
  return b
}
afterEach(() => {
  for (const b of bots.splice(0)) b.close()
})
const tmpFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ronghe-')), 'bot.db')

describe('HTTP endpoints', () => {
  it('GET /healthz answers ok', async () => {
    const res = await (await bot()).app.request('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
  })

  it('GET /readyz reports the migrated database and the outbox depth', async () => {
    const b = await bot()
    await b.read('u1001', '帮助')
    const res = await b.app.request('/readyz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      ok: true,
      database: 'migrated',
      settingsVersions: 1,
      outbox: { pending: 0, dead: 0 },
      calendar: {
        years: {
          2026: { source: 'shipped', status: 'confirmed' },
          2027: { source: 'provisional', status: 'unconfirmed' },
        },
        warnings: [],
      },
    })
  })

  it('POST /dev/chat answers with text and the card', async () => {
    const b = await bot()
    const res = await b.post('/dev/chat', { chatId: 'g-ZC01', userId: 'u1001', text: '积分规则' })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { replies: { kind: string; text: string; card: { title: string } }[] }
    expect(body.replies).toHaveLength(1)
    expect(body.replies[0]?.kind).toBe('card')
    expect(body.replies[0]?.card.title).toBe('积分规则（第 1 版）')
    expect(body.replies[0]?.text.split('\n')[0]).toBe('【积分规则（第 1 版）】')
  })

  it('POST /dev/chat refuses malformed JSON and missing fields with 400, writing nothing', async () => {
    const b = await bot()
    const bad = await b.app.request('/dev/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"chatId":',
    })
    expect(bad.status).toBe(400)
    const missing = await b.post('/dev/chat', { chatId: 'g-ZC01', text: '帮助' })
    expect(missing.status).toBe(400)
    expect(((await missing.json()) as { problems: string[] }).problems.join()).toMatch(/userId/)
    const [row] = await b.store.db.select({ n: count() }).from(inbox)
    expect(row?.n).toBe(0)
  })

  it('refuses a body over 1 MiB with 413', async () => {
    const b = await bot()
    const res = await b.post('/dev/chat', {
      chatId: 'g-ZC01',
      userId: 'u1001',
      text: 'x'.repeat(1024 * 1024 + 10),
    })
    expect(res.status).toBe(413)
  })

  it('GET /dev/directory lists demo users with roles and the bound chats', async () => {
    const res = await (await bot()).app.request('/dev/directory')
    const dir = (await res.json()) as {
      users: { userId: string; name: string; roles: string[]; branchCode: string }[]
      chats: { chatId: string; branchCode: string }[]
    }
    expect(dir.users.find((u) => u.userId === 'u1001')).toEqual({
      userId: 'u1001',
      employeeNo: '1001',
      name: '王建国',
      roles: ['member', 'secretary'],
      branchCode: 'ZC01',
    })
    expect(dir.users.filter((u) => u.roles.includes('leader')).map((u) => u.userId)).toEqual([
      'u1032',
      'u1033',
    ])
    expect(dir.chats.map((c) => c.chatId)).toEqual(['g-DW', 'g-JD01', 'g-JG01', 'g-TF01', 'g-ZC01'])
  })

  it('keeps the simulator off when a platform is configured and DEV_CHAT is not 1', async () => {
    const b = await bot({ env: { TELEGRAM_BOT_TOKEN: '123:abc' } })
    expect((await b.app.request('/dev/directory')).status).toBe(404)
    expect((await b.app.request('/')).status).toBe(404)
  })
})

describe('once and only once', () => {
  it('a repeated event gets no second reply', async () => {
    const b = await bot()
    const event = {
      platform: 'console' as const,
      eventId: 'ev-1',
      messageId: 'm-1',
      chatId: 'u1009',
      chatType: 'p2p' as const,
      userId: 'u1009',
      text: '绑定 1009',
      mentionsBot: false,
      receivedAt: Date.now(),
    }
    expect((await receive(b.core, event)).duplicate).toBe(false)
    expect((await receive(b.core, event)).duplicate).toBe(true)
    expect((await receive(b.core, { ...event, eventId: 'ev-2' })).duplicate).toBe(true)
    const [row] = await b.store.db.select({ n: count() }).from(outbox)
    expect(row?.n).toBe(1)
  })
})

describe('restarts', () => {
  it('starts on an empty database file, creating and migrating it', async () => {
    const file = tmpFile()
    const b = await bot({ file, seed: false })
    expect(fs.existsSync(file)).toBe(true)
    expect(await b.read('u1', '帮助')).toMatch(/您尚未绑定花名册/)
  })

  it('keeps data across a restart and seeds the demo only once', async () => {
    const file = tmpFile()
    const first = await bot({ file })
    await first.read('u1009', '绑定 1009')
    first.close()
    const second = await bot({ file })
    expect(await second.read('u1009', '积分')).toMatch(/周秀英 的积分/)
    const [row] = await second.store.db.select({ n: count() }).from(members)
    expect(row?.n).toBe(40)
  })

  it('processes an event accepted before a crash, once', async () => {
    const file = tmpFile()
    const first = await bot({ file })
    // The process died after the inbox write and before processing.
    await accept(first.store.db, {
      platform: 'console',
      eventId: 'ev-crash',
      messageId: 'm-crash',
      chatId: 'u1009',
      chatType: 'p2p',
      userId: 'u1009',
      text: '绑定 1009',
      mentionsBot: false,
      receivedAt: Date.now(),
    })
    first.close()
    const second = await bot({ file })
    const { recover } = await import('../../src/core')
    expect(await recover(second.core)).toBe(1)
    expect(await recover(second.core)).toBe(0)
    const rows = await second.store.db.select().from(outbox)
    expect(rows.map((r) => JSON.parse(r.reply).text)).toEqual([
      '绑定成功：周秀英（工号 1009，综采一队党支部）。发送「帮助」查看您可以使用的命令。',
    ])
  })
})
