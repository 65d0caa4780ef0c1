import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config'

describe('configuration', () => {
  it('runs the simulator on SQLite when nothing is set', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databasePath: './data/ronghe.db',
      timeZone: 'Asia/Shanghai',
      locale: 'zh-CN',
      seedDemo: true,
      devChat: true,
      outboxRateScale: 1,
    })
    expect(c.feishu).toBeUndefined()
  })

  it('turns the simulator and the demo off once a platform is configured', () => {
    const c = loadConfig({ FEISHU_APP_ID: 'cli_a', FEISHU_APP_SECRET: 's' })
    expect(c).toMatchObject({ devChat: false, seedDemo: false, host: '0.0.0.0' })
    expect(c.feishu).toMatchObject({ appId: 'cli_a', domain: 'https://open.feishu.cn', mode: 'webhook' })
  })

  it.each([
    [{ PORT: 'abc' }, /^PORT="abc" is not valid: expected/],
    [{ BOT_TIMEZONE: 'Mars/Base' }, /^BOT_TIMEZONE="Mars\/Base" is not valid: expected an IANA time zone/],
    [{ BOT_LOCALE: 'fr' }, /^BOT_LOCALE="fr" is not valid/],
    [{ FEISHU_MODE: 'poll' }, /^FEISHU_MODE="poll" is not valid/],
    [{ TELEGRAM_BOT_TOKEN: 'nope' }, /^TELEGRAM_BOT_TOKEN="nope" is not valid: expected a bot token/],
    [{ SEED_DEMO: 'yes' }, /^SEED_DEMO="yes" is not valid/],
    [{ FEISHU_APP_ID: 'cli_a' }, /^FEISHU_APP_SECRET="" is not valid/],
    [
      { PRODUCTION_API_TOKEN: 'short' },
      /^PRODUCTION_API_TOKEN="short" is not valid: expected at least 16 characters/,
    ],
  ])('stops with one line naming the variable: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message)
  })
})
