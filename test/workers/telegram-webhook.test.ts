import { env, exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { messageUpdate, person, WEBHOOK_SECRET } from '../support/telegram-updates'
import { inboxRows, settle } from './support'

// The Node end-to-end Telegram scenario (test/e2e/telegram-webhook.test.ts) on workerd with D1: an update in,
// the answer sent through grammY to the fake Bot API (test/support/fake-telegram.ts) on 127.0.0.1.
type Sent = { chatId: string; text: string; body: Record<string, unknown> }
type Call = { method: string; body: Record<string, unknown> }

async function recorded(): Promise<{ calls: Call[]; sent: Sent[] }> {
  const res = await fetch(`${env.TELEGRAM_API_ROOT}/__calls`)
  return ((await res.json()) as { result: { calls: Call[]; sent: Sent[] } }).result
}

async function until<T>(pick: (r: { calls: Call[]; sent: Sent[] }) => T | undefined, what: string) {
  const deadline = Date.now() + 10_000
  for (;;) {
    const found = pick(await recorded())
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

const post = (update: object, secret = WEBHOOK_SECRET) =>
  exports.default.fetch('https://bot.example/webhooks/telegram', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: JSON.stringify(update),
  })

const LI = person(2002, '卫东')

// 李卫东's Telegram account bound to roster member 1002 (the demo roster the Worker seeds).
beforeAll(async () => {
  await exports.default.fetch('https://bot.example/healthz')
  await env.DB.prepare(
    `INSERT OR IGNORE INTO identities (platform, platform_user_id, member_id, bound_at)
     SELECT 'telegram', ?, id, ? FROM members WHERE employee_no = ?`,
  )
    .bind(String(LI.id), Date.now(), '1002')
    .run()
})

describe('Telegram webhook on Workers', () => {
  it('answers an update through the fake Bot API, once however often it is delivered', async () => {
    const update = messageUpdate({ chatId: LI.id, from: LI, text: '/rules', updateId: 880001 })
    const answers = [await post(update), await post(update)]
    expect(answers.map((r) => r.status)).toEqual([200, 200])
    const sent = await until((r) => r.sent.find((m) => m.chatId === '2002'), 'the answer')
    expect(sent.body.parse_mode).toBe('HTML')
    expect(sent.text).toContain('积分规则（第 1 版）')
    await settle()
    expect((await recorded()).sent.filter((m) => m.chatId === '2002')).toHaveLength(1)
    expect(await inboxRows('880001')).toBe(1)
  })

  it('registers the command menu once the isolate serves its first request', async () => {
    const menu = await until((r) => r.calls.find((c) => c.method === 'setMyCommands'), 'setMyCommands')
    expect(menu.body.commands).toContainEqual({
      command: 'help',
      description: '帮助：查看可用命令，或某个命令的用法',
    })
  })

  it('refuses a wrong secret with 401 and changes nothing', async () => {
    const update = messageUpdate({ chatId: LI.id, from: LI, text: '/rules', updateId: 880002 })
    expect((await post(update, 'forged')).status).toBe(401)
    await settle()
    expect(await inboxRows('880002')).toBe(0)
  })
})
