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
const plain = (body: string): Req => ({
  headers: new Headers({ 'content-type': 'application/json' }),
  rawBody: body,
})
const withToken = (token: string | undefined) => {
  const e = structuredClone(EVENT) as { header: Record<string, unknown> }
  e.header.token = token
  return e
}
const challenge = (token: string) => ({ challenge: 'ajls384kdjx98XX', token, type: 'url_verification' })

type Setup = { key?: string; token?: string }
const K: Setup = { key: KEY, token: TOKEN } // both configured, as in production
const event = (o?: Parameters<typeof signed>[1]) => signed(sealed(EVENT), o)
const json = (v: unknown) => JSON.stringify(v)
const SIXTEEN_BYTES = 'AAAAAAAAAAAAAAAAAAAAAA=='
const v1 = () => plain(json(fixture('schema-1')))
const challengeFixture = () => plain(json(fixture('url-verification')))
const cases: [200 | 400 | 401, string, Setup, () => Req, RegExp?][] = [
  [200, 'a signed, encrypted event', K, () => event()],
  [200, 'a timestamp exactly 8 h old', K, () => event({ ts: NOW_S - 8 * 3600 })],
  [200, 'a timestamp exactly 5 min ahead', K, () => event({ ts: NOW_S + 300 })],
  [401, 'a forged signature', K, () => event({ key: 'guessed' }), /signature/],
  [401, 'a body changed after signing', K, () => ({ ...event(), rawBody: `${sealed(EVENT)} ` }), /signature/],
  [401, 'a timestamp 8 h + 1 s old', K, () => event({ ts: NOW_S - 8 * 3600 - 1 }), /stale/],
  [401, 'a timestamp 5 min + 1 s ahead', K, () => event({ ts: NOW_S + 301 }), /ahead/],
  [401, 'no timestamp header', K, () => event({ drop: 'x-lark-request-timestamp' }), /unsigned/],
  [401, 'no nonce header', K, () => event({ drop: 'x-lark-request-nonce' }), /unsigned/],
  [401, 'no signature header', K, () => event({ drop: 'x-lark-signature' }), /unsigned/],
  [401, 'a wrong header.token (2.0)', K, () => signed(sealed(withToken('wrong'))), /token/],
  [401, 'no header.token (2.0)', K, () => signed(sealed(withToken(undefined))), /token/],
  [401, 'a wrong token (1.0)', { token: TOKEN }, v1, /token/],
  [200, 'the right token (1.0)', { token: '2g7als3DgPW6Xp1xEpmcvgVhQG621bFY' }, v1],
  [401, 'an encrypted body, no FEISHU_ENCRYPT_KEY', { token: TOKEN }, () => event(), /^encrypted event but/],
  [401, 'a plain body, FEISHU_ENCRYPT_KEY set', K, () => signed(json(EVENT)), /subscription settings/],
  [400, 'malformed JSON', K, () => plain('{"encrypt":'), /JSON/],
  [400, 'JSON that is not an object', K, () => plain('["encrypt"]'), /JSON object/],
  [400, 'decrypted text that is not JSON', K, () => signed(json({ encrypt: encrypt('hello') })), /decrypted/],
  [401, 'data that is not base64', K, () => signed(json({ encrypt: '不是base64!' })), /base64/],
  [401, 'data encrypted with another key', K, () => signed(sealed(EVENT, 'another-key')), /decrypt/],
  [401, 'a single block, no IV room', K, () => signed(json({ encrypt: SIXTEEN_BYTES })), /blocks/],
  [200, 'url_verification, plain, unsigned', { token: 'xxxxxx' }, challengeFixture],
  [401, 'url_verification, plain, wrong token', { token: TOKEN }, challengeFixture, /token/],
  [200, 'url_verification, encrypted, unsigned', K, () => plain(sealed(challenge(TOKEN)))],
  [401, 'url_verification, encrypted, wrong token', K, () => plain(sealed(challenge('wrong'))), /token/],
]

describe.each([
  ['node:crypto', nodeCrypto],
  ['Web Crypto', webCrypto],
] as [string, FeishuCrypto][])('verifyFeishu with %s', (_name, backend) => {
  it.each(cases)('answers %i to %s', async (status, _name, setup, req, reason) => {
    const opts = { encryptKey: setup.key, verificationToken: setup.token, now: NOW, crypto: backend }
    const out = await verifyFeishu(req(), opts)
    if (status === 200) expect(out).toMatchObject({ ok: true })
    else expect(out).toMatchObject({ ok: false, status, reason: expect.stringMatching(reason ?? /./) })
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

  it('decrypts every plaintext length across two blocks, a whole padding block included', async () => {
    for (let n = 0; n <= 33; n++) {
      const text = 'x'.repeat(n)
      expect(await backend.decrypt(KEY, encrypt(text))).toBe(text)
    }
  })

  it('refuses padding that is not PKCS#7, whichever byte is wrong', async () => {
    const key = crypto.createHash('sha256').update(KEY).digest()
    /** `last` as the final block's plaintext bytes, encrypted as they are (no padding added). */
    const raw = (last: number[]) => {
      const iv = Buffer.alloc(16, 3)
      const cipher = crypto.createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false)
      const block = Buffer.concat([
        Buffer.from('{"text":"hello"}'),
        Buffer.alloc(16 - last.length, 65),
        Buffer.from(last),
      ])
      return Buffer.concat([iv, cipher.update(block), cipher.final()]).toString('base64')
    }
    expect(await backend.decrypt(KEY, raw([2, 2]))).toBe(`{"text":"hello"}${'A'.repeat(14)}`)
    for (const last of [[0], [17], [3, 2, 3], [1, 2], Array(16).fill(16).with(0, 15)])
      await expect(backend.decrypt(KEY, raw(last))).rejects.toThrow(/padding/)
  })

  it('throws on data it cannot decrypt rather than returning garbage', async () => {
    const iv = Buffer.alloc(16, 7)
    await expect(backend.decrypt('another-key', encrypt(CHINESE, KEY, iv))).rejects.toThrow()
    await expect(backend.decrypt(KEY, encrypt(CHINESE).slice(0, -2))).rejects.toThrow(/base64/)
    await expect(backend.decrypt(KEY, Buffer.alloc(40).toString('base64'))).rejects.toThrow(/blocks/)
    await expect(backend.decrypt(KEY, '')).rejects.toThrow(/base64/)
  })

  it('hashes UTF-8 to hex sha256', async () => {
    expect(await backend.sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
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
    expect(constantTimeEqual('ab', 'ab\u0000')).toBe(false)
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
    const dispatcher = new lark.EventDispatcher({
      encryptKey: KEY,
      loggerLevel: lark.LoggerLevel.fatal,
    }).register({
      'im.message.receive_v1': async (data) => data.message.message_id,
    })
    // The adapters of the SDK hang the headers on the prototype, out of JSON.stringify's sight.
    const sdkAccepts = (r: Req) =>
      dispatcher.invoke(
        Object.assign(Object.create({ headers: Object.fromEntries(r.headers) }), JSON.parse(r.rawBody)),
      )
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
