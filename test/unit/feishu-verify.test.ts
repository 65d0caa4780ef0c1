import crypto from 'node:crypto'
import { readFileSync } from 'node:fs'
import * as lark from '@larksuiteoapi/node-sdk'
import { describe, expect, it } from 'vitest'
import { constantTimeEqual, type FeishuCrypto } from '../../adapters/feishu/crypto'
import { nodeCrypto } from '../../adapters/feishu/crypto-node'
import { webCrypto } from '../../adapters/feishu/crypto-web'
import { verifyFeishu } from '../../adapters/feishu/verify'

// Fixtures are the official docs' examples (source in each file's `_source`, which the verifier and parser ignore).
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/feishu/${name}.json`, import.meta.url), 'utf8'))

const KEY = 'kTn2Xq9vWb7encrypt'
const TOKEN = 'rvaYgkND1GOiu5MM0E1rncYC6PLtF7JV' // header.token of the documented receive event
const NOW = Date.UTC(2026, 6, 1, 8, 0, 0)
const NOW_S = NOW / 1000
const EVENT = fixture('text-group-mentions')
// Long enough that 3-byte characters straddle many 16-byte AES blocks, with a 4-byte emoji among them.
const CHINESE = '坚持党建引领，推动安全生产与党建工作深度融合；综采一队本月隐患整改完成率百分之百👍'.repeat(5)

/** Feishu's encryption as its docs describe it, with node:crypto: a random IV in front, base64. */
function encrypt(plain: string, key = KEY, iv = crypto.randomBytes(16)): string {
  const cipher = crypto.createCipheriv('aes-256-cbc', crypto.createHash('sha256').update(key).digest(), iv)
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64')
}
const sha256 = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex')

type Req = { headers: Headers; rawBody: string }
/** A request as Feishu posts it: body `{ encrypt }`, signed over timestamp + nonce + key + raw body. */
function signed(rawBody: string, o: { ts?: number; key?: string; drop?: string } = {}): Req {
  const timestamp = String(o.ts ?? NOW_S)
  const nonce = 'f3a1c9e07b'
  const headers = new Headers({
    'content-type': 'application/json',
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': sha256(timestamp + nonce + (o.key ?? KEY) + rawBody),
  })
  if (o.drop) headers.delete(o.drop)
  return { headers, rawBody }
}
const sealed = (event: object, key = KEY) => JSON.stringify({ encrypt: encrypt(JSON.stringify(event), key) })
const plain = (body: string): Req => ({ headers: new Headers({ 'content-type': 'application/json' }), rawBody: body })
const withToken = (token: string | undefined) => {
  const e = structuredClone(EVENT) as { header: Record<string, unknown> }
  e.header.token = token
  return e
}
const challenge = (token: string) => ({ challenge: 'ajls384kdjx98XX', token, type: 'url_verification' })

type Case = { name: string; req: () => Req; key?: string; token?: string; status: 200 | 400 | 401; reason?: RegExp }
const KEYED = { key: KEY, token: TOKEN }
const cases: Case[] = [
  { name: 'a signed, encrypted event', ...KEYED, req: () => signed(sealed(EVENT)), status: 200 },
  { name: 'a timestamp exactly 8 h old', ...KEYED, req: () => signed(sealed(EVENT), { ts: NOW_S - 8 * 3600 }), status: 200 },
  { name: 'a timestamp exactly 5 min ahead', ...KEYED, req: () => signed(sealed(EVENT), { ts: NOW_S + 300 }), status: 200 },
  { name: 'a forged signature', ...KEYED, req: () => signed(sealed(EVENT), { key: 'guessed' }), status: 401, reason: /signature/ },
  {
    name: 'a body changed after signing',
    ...KEYED,
    req: () => ({ ...signed(sealed(EVENT)), rawBody: `${sealed(EVENT)} ` }),
    status: 401,
  },
  { name: 'a timestamp 8 h + 1 s old', ...KEYED, req: () => signed(sealed(EVENT), { ts: NOW_S - 8 * 3600 - 1 }), status: 401, reason: /stale/ },
  { name: 'a timestamp 5 min + 1 s ahead', ...KEYED, req: () => signed(sealed(EVENT), { ts: NOW_S + 301 }), status: 401, reason: /ahead/ },
  { name: 'no timestamp header', ...KEYED, req: () => signed(sealed(EVENT), { drop: 'x-lark-request-timestamp' }), status: 401 },
  { name: 'no nonce header', ...KEYED, req: () => signed(sealed(EVENT), { drop: 'x-lark-request-nonce' }), status: 401 },
  { name: 'no signature header', ...KEYED, req: () => signed(sealed(EVENT), { drop: 'x-lark-signature' }), status: 401 },
  { name: 'a wrong header.token (2.0)', ...KEYED, req: () => signed(sealed(withToken('wrong'))), status: 401, reason: /token/ },
  { name: 'no header.token (2.0)', ...KEYED, req: () => signed(sealed(withToken(undefined))), status: 401, reason: /token/ },
  { name: 'a wrong token (1.0)', token: TOKEN, req: () => plain(JSON.stringify(fixture('schema-1'))), status: 401, reason: /token/ },
  { name: 'the right token (1.0)', token: '2g7als3DgPW6Xp1xEpmcvgVhQG621bFY', req: () => plain(JSON.stringify(fixture('schema-1'))), status: 200 },
  {
    name: 'an encrypted body without FEISHU_ENCRYPT_KEY',
    token: TOKEN,
    req: () => signed(sealed(EVENT)),
    status: 401,
    reason: /^encrypted event but FEISHU_ENCRYPT_KEY is not set$/,
  },
  {
    name: 'a plain body while FEISHU_ENCRYPT_KEY is set',
    ...KEYED,
    req: () => signed(JSON.stringify(EVENT)),
    status: 401,
    reason: /check the event subscription settings/,
  },
  { name: 'malformed JSON', ...KEYED, req: () => plain('{"encrypt":'), status: 400 },
  { name: 'JSON that is not an object', ...KEYED, req: () => plain('["encrypt"]'), status: 400 },
  { name: 'decrypted text that is not JSON', ...KEYED, req: () => signed(JSON.stringify({ encrypt: encrypt('hello') })), status: 400 },
  { name: 'data that is not base64', ...KEYED, req: () => signed(JSON.stringify({ encrypt: '不是base64!' })), status: 401, reason: /decrypt/ },
  { name: 'data encrypted with another key', ...KEYED, req: () => signed(sealed(EVENT, 'another-key')), status: 401, reason: /decrypt/ },
  {
    name: 'data too short to hold a block',
    ...KEYED,
    req: () => signed(JSON.stringify({ encrypt: crypto.randomBytes(16).toString('base64') })),
    status: 401,
  },
  { name: 'url_verification, plain, unsigned', token: 'xxxxxx', req: () => plain(JSON.stringify(fixture('url-verification'))), status: 200 },
  { name: 'url_verification, plain, wrong token', token: TOKEN, req: () => plain(JSON.stringify(fixture('url-verification'))), status: 401 },
  { name: 'url_verification, encrypted, unsigned', ...KEYED, req: () => plain(sealed(challenge(TOKEN))), status: 200 },
  { name: 'url_verification, encrypted, wrong token', ...KEYED, req: () => plain(sealed(challenge('wrong'))), status: 401 },
]

describe.each([
  ['node:crypto', nodeCrypto],
  ['Web Crypto', webCrypto],
] as [string, FeishuCrypto][])('verifyFeishu with %s', (_name, backend) => {
  it.each(cases)('answers $status to $name', async (c) => {
    const out = await verifyFeishu(c.req(), { encryptKey: c.key, verificationToken: c.token, now: NOW, crypto: backend })
    if (c.status === 200) expect(out).toMatchObject({ ok: true })
    else expect(out).toMatchObject({ ok: false, status: c.status, reason: expect.stringMatching(c.reason ?? /./) })
  })

  it('hands back the decrypted event unchanged, Chinese text included', async () => {
    const event = structuredClone(EVENT) as { event: { message: Record<string, unknown> } }
    event.event.message.content = JSON.stringify({ text: CHINESE })
    const out = await verifyFeishu(signed(sealed(event)), { encryptKey: KEY, now: NOW, crypto: backend })
    expect(out).toEqual({ ok: true, body: event })
  })

  it('decrypts every alignment of multi-byte text', async () => {
    const chars = Array.from(CHINESE) // code points: never half an emoji
    for (let n = 1; n <= 48; n++) {
      const text = chars.slice(0, n).join('')
      expect(await backend.decrypt(KEY, encrypt(text))).toBe(text)
    }
  })

  it('throws on data it cannot decrypt rather than returning garbage', async () => {
    const iv = Buffer.alloc(16, 7)
    await expect(backend.decrypt('another-key', encrypt(CHINESE, KEY, iv))).rejects.toThrow()
    await expect(backend.decrypt(KEY, encrypt(CHINESE).slice(0, -2))).rejects.toThrow(/base64/)
    await expect(backend.decrypt(KEY, Buffer.alloc(40).toString('base64'))).rejects.toThrow(/blocks/)
    await expect(backend.decrypt(KEY, '')).rejects.toThrow(/base64/)
  })

  it('hashes UTF-8 to hex sha256', async () => {
    expect(await backend.sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(await backend.sha256Hex(CHINESE)).toBe(sha256(CHINESE))
  })
})

describe('constantTimeEqual', () => {
  it('is true only for equal strings', () => {
    expect(constantTimeEqual('a1b2', 'a1b2')).toBe(true)
    expect(constantTimeEqual('', '')).toBe(true)
    expect(constantTimeEqual('a1b2', 'a1b3')).toBe(false)
    expect(constantTimeEqual('a1b2', 'a1b')).toBe(false)
    expect(constantTimeEqual('', 'a')).toBe(false)
  })
})

// DESIGN §6: the SDK checks our decryption, and our signatures only on bodies whose bytes equal their
// re-serialised JSON (it signs JSON.stringify of the parsed body). It checks neither token nor timestamp,
// so it is not the judge of what we refuse.
describe('the official SDK as oracle', () => {
  it('decrypts our encrypted payloads to the same text as both backends', async () => {
    const text = JSON.stringify({ ...EVENT, note: CHINESE })
    const encrypted = encrypt(text)
    const sdk = new lark.AESCipher(KEY).decrypt(encrypted)
    expect(sdk).toBe(text)
    expect(await nodeCrypto.decrypt(KEY, encrypted)).toBe(sdk)
    expect(await webCrypto.decrypt(KEY, encrypted)).toBe(sdk)
  })

  it('accepts our signed, encrypted body exactly when we do', async () => {
    const dispatcher = new lark.EventDispatcher({ encryptKey: KEY, loggerLevel: lark.LoggerLevel.fatal }).register({
      'im.message.receive_v1': async (data) => data.message.message_id,
    })
    // The adapters of the SDK hang the headers on the prototype, out of JSON.stringify's sight.
    const sdkAccepts = (r: Req) =>
      dispatcher.invoke(Object.assign(Object.create({ headers: Object.fromEntries(r.headers) }), JSON.parse(r.rawBody)))
    const ours = (r: Req) => verifyFeishu(r, { encryptKey: KEY, now: NOW, crypto: nodeCrypto })

    const good = signed(sealed(EVENT))
    expect(good.rawBody).toBe(JSON.stringify(JSON.parse(good.rawBody)))
    expect(await sdkAccepts(good)).toBe('om_5ce6d572455d361153b7cb51da133945')
    expect(await ours(good)).toMatchObject({ ok: true })

    const forged = signed(sealed(EVENT), { key: 'guessed' })
    expect(await sdkAccepts(forged)).toBeUndefined()
    expect(await ours(forged)).toMatchObject({ ok: false, status: 401 })
  })
})
