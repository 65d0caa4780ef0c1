import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config'

const APP = {
  WECOM_CORP_ID: 'ww0123',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'secret',
  WECOM_TOKEN: 'token',
  WECOM_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
}

describe('WeCom configuration', () => {
  it('reads the app, with the API root defaulted, and turns the simulator off', () => {
    const c = loadConfig(APP)
    expect(c.wecom).toEqual({
      corpId: 'ww0123',
      agentId: 1000002,
      secret: 'secret',
      token: 'token',
      aesKey: APP.WECOM_AES_KEY,
      apiRoot: 'https://qyapi.weixin.qq.com',
    })
    expect(c.devChat).toBe(false)
  })

  it('names what is missing or malformed', () => {
    expect(() => loadConfig({ ...APP, WECOM_TOKEN: undefined })).toThrow(/^WECOM_TOKEN="" is not valid/)
    expect(() => loadConfig({ ...APP, WECOM_AES_KEY: 'short' })).toThrow(/WECOM_AES_KEY.*43-character/)
    expect(() => loadConfig({ ...APP, WECOM_BOT_TOKEN: 't' })).toThrow(/WECOM_BOT_AES_KEY/)
    expect(() => loadConfig({ WECOM_BOT_TOKEN: 't', WECOM_BOT_AES_KEY: APP.WECOM_AES_KEY })).toThrow(
      /WECOM_BOT_TOKEN is set/,
    )
  })

  it('takes the smart robot beside the app', () => {
    const c = loadConfig({ ...APP, WECOM_BOT_TOKEN: 't', WECOM_BOT_AES_KEY: APP.WECOM_AES_KEY })
    expect(c.wecom?.bot).toEqual({ token: 't', aesKey: APP.WECOM_AES_KEY })
  })
})
