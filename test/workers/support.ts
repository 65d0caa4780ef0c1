import { env, exports } from 'cloudflare:workers'
import { signedEvent } from './feishu-events-web'

/** What the fake Feishu accepted (test/support/fake-feishu.ts), read over HTTP from workerd. */
export type SentMessage = {
  messageId: string
  receiveIdType?: string
  receiveId?: string
  replyTo?: string
  msgType: string
  content: unknown
}

export async function sentMessages(): Promise<SentMessage[]> {
  const res = await fetch(`${env.FEISHU_DOMAIN}/__messages`)
  return (await res.json()) as SentMessage[]
}

/** Polls the fake until `pick` finds something; the Worker sends after its answer, under waitUntil. */
export async function until<T>(pick: (m: SentMessage[]) => T | undefined, what: string, ms = 10_000) {
  const deadline = Date.now() + ms
  for (;;) {
    const found = pick(await sentMessages())
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Posts a signed, encrypted event to the Worker's webhook, as Feishu does. */
export async function postEvent(event: object, opts: { key?: string } = {}) {
  const { body, headers } = await signedEvent(event, {
    timestampSec: Math.floor(Date.now() / 1000),
    key: opts.key,
  })
  return exports.default.fetch('https://bot.example/webhooks/feishu', { method: 'POST', headers, body })
}

/** Links Feishu account `openId` to roster member `employeeNo` (the demo roster the Worker seeds). */
export async function bindFeishu(openId: string, employeeNo: string) {
  await exports.default.fetch('https://bot.example/healthz') // the first request seeds the roster
  await env.DB.prepare(
    `INSERT OR IGNORE INTO identities (platform, platform_user_id, member_id, bound_at)
     SELECT 'feishu', ?, id, ? FROM members WHERE employee_no = ?`,
  )
    .bind(openId, Date.now(), employeeNo)
    .run()
}

export async function inboxRows(eventId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM inbox WHERE event_id = ?')
    .bind(eventId)
    .first<{ n: number }>()
  return row?.n ?? 0
}

export const settle = () => new Promise((r) => setTimeout(r, 300))
