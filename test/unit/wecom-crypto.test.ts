import { createDecipheriv } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { importWecomKey, wecomDecrypt, wecomEncrypt, wecomSignature } from '../../adapters/wecom/crypto'
import { parseWecomXml } from '../../adapters/wecom/xml'
import { encryptForWecom, signWecom } from '../support/fake-wecom-callbacks'

// Vectors from WeCom's sample code (token QDG6eK, path/90968's library) as quoted by the wechat-crypto crate's
// documentation (https://docs.rs/wechat-crypto): the signature of the URL-check example, and a 32-byte ciphertext.
const AES_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aQ'

describe('WeCom crypto (Web Crypto)', () => {
  it('computes the documented msg_signature', async () => {
    const echo = 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=='
    expect(await wecomSignature('QDG6eK', '1409659589', '263014780', echo)).toBe(
      '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    )
  })

  it('decrypts the documented ciphertext into its message and receiveid', async () => {
    const key = await importWecomKey(AES_KEY)
    expect(await wecomDecrypt(key, '9s4gMv99m88kKTh/H8IdkNiFGeG9pd7vNWl50fGRWXY=')).toEqual({
      msg: 'test',
      receiveId: 'rust',
    })
  })

  it('reads what node:crypto encrypted, Chinese text and padding of every length up to 32 included', async () => {
    const key = await importWecomKey(AES_KEY)
    for (let extra = 0; extra < 33; extra++) {
      const msg = `<xml><Content><![CDATA[签到 ${'x'.repeat(extra)}]]></Content></xml>`
      expect(await wecomDecrypt(key, encryptForWecom(msg, 'ww01', AES_KEY))).toEqual({
        msg,
        receiveId: 'ww01',
      })
    }
  })

  it('encrypts what node:crypto reads back, padded to 32-byte blocks', async () => {
    const key = await importWecomKey(AES_KEY)
    const encrypted = await wecomEncrypt(key, '你好', 'ww01')
    const raw = Buffer.from(encrypted, 'base64')
    expect(raw.length % 32).toBe(0)
    const aes = Buffer.from(`${AES_KEY}=`, 'base64')
    const d = createDecipheriv('aes-256-cbc', aes, aes.subarray(0, 16))
    d.setAutoPadding(false)
    const plain = Buffer.concat([d.update(raw), d.final()])
    expect(plain.subarray(20, 20 + plain.readUInt32BE(16)).toString('utf8')).toBe('你好')
  })

  it('refuses a wrong key, bad base64 and short data', async () => {
    const other = await importWecomKey('jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C')
    await expect(wecomDecrypt(other, encryptForWecom('<xml/>', 'ww01', AES_KEY))).rejects.toThrow()
    const key = await importWecomKey(AES_KEY)
    await expect(wecomDecrypt(key, 'not base64!')).rejects.toThrow(/base64/)
    await expect(wecomDecrypt(key, 'AAAAAAAAAAAAAAAAAAAAAA==')).rejects.toThrow(/blocks/)
    await expect(importWecomKey('short')).rejects.toThrow(/43/)
  })

  it('signs like the test helper, which sorts the four strings the same way', async () => {
    expect(await wecomSignature('b', '2', '1', 'a')).toBe(signWecom('b', '2', '1', 'a'))
  })
})

describe('WeCom XML', () => {
  it('keeps CDATA and long ids as strings, and leaves entities unexpanded', () => {
    expect(
      parseWecomXml(
        '<xml><MsgId>1234567890123456789</MsgId><Content><![CDATA[a&amp;<b>]]></Content><x>&lt;</x></xml>',
      ),
    ).toEqual({ MsgId: '1234567890123456789', Content: 'a&amp;<b>', x: '&lt;' })
  })

  it('refuses any DOCTYPE or ENTITY declaration, and what is not an <xml> document', () => {
    expect(parseWecomXml('<!DOCTYPE xml [<!ENTITY a "b">]><xml><a>&a;</a></xml>')).toBeUndefined()
    expect(parseWecomXml('<xml><a>1</a></xml><!ENTITY x "y">')).toBeUndefined()
    expect(parseWecomXml('{"xml": 1}')).toBeUndefined()
    expect(parseWecomXml('<other>1</other>')).toBeUndefined()
  })
})
