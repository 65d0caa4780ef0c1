import crypto from 'node:crypto'
import fs from 'node:fs'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseFeishu } from '../../adapters/feishu/parse'
import { parseTelegram } from '../../adapters/telegram/parse'
import { type Bot, FIXED_NOW, startBot } from '../support/bot'
import { ENCRYPT_KEY, encrypt, signedEvent, VERIFICATION_TOKEN } from '../support/feishu-events'
import { BOT, messageUpdate, person, WEBHOOK_SECRET } from '../support/telegram-updates'

const RUNS = 10_000
type Json = unknown

const feishuFixtures = fs
  .readdirSync('test/fixtures/feishu')
  .map((f) => JSON.parse(fs.readFileSync(`test/fixtures/feishu/${f}`, 'utf8')) as Json)

/** Every path to a value inside a JSON document. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix]
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value)
  return [prefix, ...keys.flatMap((k) => pathsOf((value as Record<string, Json>)[k], [...prefix, k]))]
}

function replaced(value: Json, path: (string | number)[], by: Json): Json {
  if (path.length === 0) return by
  const [head, ...rest] = path as [string | number, ...(string | number)[]]
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, Json>
  copy[head] = replaced(copy[head], rest, by)
  return copy
}

const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(null, '', 0, -1, 1e308, true, [], {}, '{"text":', '{"text":"\u202e签到"}', '{}', 'null'),
)

/** A real payload with one value (or a whole subtree) swapped for something odd: deep inputs a parser meets. */
const mutated = (fixtures: Json[]) =>
  fc
    .constantFrom(...fixtures)
    .chain((doc) =>
      fc.tuple(
        fc.constant(doc),
        fc.constantFrom(...pathsOf(doc)),
        fc.array(oddValue, { minLength: 1, maxLength: 3 }),
      ),
    )
    .map(([doc, path, values]) =>
      values.reduce<Json>((d, v, i) => replaced(d, path.slice(0, path.length - i), v), doc),
    )

const isObject = (v: Json): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const telegramFixtures: Json[] = [
  messageUpdate({ chatId: -100123, from: person(1001, '建国', 'wangjg'), text: '/checkin@ronghe_bot 8421' }),
  messageUpdate({ chatId: 1001, from: person(1001, '建国'), text: '积分' }),
  {
    update_id: 5,
    callback_query: {
      id: 'q1',
      from: person(1002, '丽'),
      data: 'quiz:1:A',
      message: { message_id: 9, chat: { id: -100123, type: 'supergroup' }, date: 1 },
    },
  },
  {
    update_id: 6,
    my_chat_member: {
      chat: { id: -100123, type: 'group', title: 'x' },
      from: person(1001, 'a'),
      date: 1,
      old_chat_member: { status: 'left', user: { id: BOT.id, is_bot: true, first_name: 'b' } },
      new_chat_member: { status: 'member', user: { id: BOT.id, is_bot: true, first_name: 'b' } },
    },
  },
  {
    update_id: 7,
    message: {
      message_id: 3,
      date: 1,
      chat: { id: 1002, type: 'private' },
      from: person(1002, '丽'),
      photo: [{ file_id: 'p', file_unique_id: 'u', width: 1, height: 1 }],
      caption: '整改 3 已更换',
    },
  },
]

describe('payload parsers under generated input', () => {
  it(`parseFeishu never throws on ${RUNS} mutated events and always says what it made of them`, () => {
    const kinds = new Set(['challenge', 'message', 'unsupported', 'action', 'botAdded', 'ignored'])
    fc.assert(
      // The verifier hands on only a JSON object (a non-object body is a 400 before parsing).
      fc.property(mutated(feishuFixtures).filter(isObject), (body) => {
        const parsed = parseFeishu(body as Record<string, unknown>, 'ou_bot', FIXED_NOW)
        expect(kinds.has(parsed.kind)).toBe(true)
        if (parsed.kind === 'message') expect(typeof parsed.incoming.text).toBe('string')
      }),
      { numRuns: RUNS, seed: 11 },
    )
  })

  it(`parseTelegram never throws on ${RUNS} mutated updates`, () => {
    const kinds = new Set(['message', 'action', 'staleClick', 'botAdded', 'ignored'])
    fc.assert(
      fc.property(mutated(telegramFixtures), (body) => {
        expect(kinds.has(parseTelegram(body, BOT, FIXED_NOW).kind)).toBe(true)
      }),
      { numRuns: RUNS, seed: 12 },
    )
  })
})

/** Signs an encrypted body around any plaintext, even one JSON.stringify could not produce. */
function signedRaw(plain: string) {
  const body = `{"encrypt":"${encrypt(plain)}"}`
  const timestamp = String(Math.floor(FIXED_NOW / 1000))
  const nonce = 'n0nce'
  const signature = crypto
    .createHash('sha256')
    .update(timestamp + nonce + ENCRYPT_KEY + body)
    .digest('hex')
  return {
    body,
    headers: {
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signature,
    },
  }
}

describe('webhooks under hostile bodies', () => {
  let bot: Bot
  beforeAll(async () => {
    bot = await startBot({
      env: {
        FEISHU_APP_ID: 'cli_fake0000000000',
        FEISHU_APP_SECRET: 'fake-secret',
        FEISHU_DOMAIN: 'http://127.0.0.1:9',
        FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
        FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
        TELEGRAM_BOT_TOKEN: `${BOT.id}:fake-token`,
        TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
        TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
    })
  })
  afterAll(() => bot.close())

  const postRaw = (path: string, body: string, headers: Record<string, string>) =>
    bot.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    })

  it('signed Feishu events with mutated contents are answered 200 or 400, never with a server error', async () => {
    const statuses = new Set<number>()
    await fc.assert(
      fc.asyncProperty(
        mutated(feishuFixtures.map((f) => replaced(f, ['header', 'token'], VERIFICATION_TOKEN))),
        async (event) => {
          const { body, headers } = signedEvent(event as object, {
            timestampSec: Math.floor(FIXED_NOW / 1000),
          })
          const res = await postRaw('/webhooks/feishu', body, headers)
          statuses.add(res.status)
          expect([200, 400, 401]).toContain(res.status)
        },
      ),
      { numRuns: 1_000, seed: 13 },
    )
    expect(statuses.has(200)).toBe(true)
  }, 60_000)

  it('Telegram updates with mutated contents are answered 200 or 400, never with a server error', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(telegramFixtures), async (update) => {
        const res = await postRaw('/webhooks/telegram', JSON.stringify(update), {
          'x-telegram-bot-api-secret-token': WEBHOOK_SECRET,
        })
        expect([200, 400]).toContain(res.status)
      }),
      { numRuns: 1_000, seed: 14 },
    )
  }, 60_000)

  it('deeply nested JSON, a huge text and control characters are refused or answered, and the bot stays up', async () => {
    const nested = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    const tg = { 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET }
    expect([400, 413]).toContain((await postRaw('/webhooks/telegram', nested, tg)).status)
    const huge = messageUpdate({
      chatId: 1001,
      from: person(1001, '建国'),
      text: `签到 ${'好'.repeat(600_000)}`,
    })
    expect((await postRaw('/webhooks/telegram', JSON.stringify(huge), tg)).status).toBe(413)
    const header = `{"event_id":"ev_deep","event_type":"im.message.receive_v1","token":"${VERIFICATION_TOKEN}"}`
    const deep = signedRaw(
      `{"schema":"2.0","header":${header},"event":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`,
    )
    expect([200, 400, 413]).toContain((await postRaw('/webhooks/feishu', deep.body, deep.headers)).status)
    const control = messageUpdate({
      chatId: 1001,
      from: person(1001, '建国'),
      text: '积分\u0000\u202e\u0007',
    })
    expect((await postRaw('/webhooks/telegram', JSON.stringify(control), tg)).status).toBe(200)
    expect((await bot.app.request('/healthz')).status).toBe(200)
  })
})
