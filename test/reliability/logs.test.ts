import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { nodeLogger } from '../../src/logger'
import { startBot } from '../support/bot'

/** Collects what pino writes, one parsed JSON object per line. */
function capture() {
  const lines: Record<string, unknown>[] = []
  const raw: string[] = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        raw.push(line)
        lines.push(JSON.parse(line) as Record<string, unknown>)
      }
      done()
    },
  })
  return { stream, lines, raw }
}

describe('structured logs', () => {
  it('one JSON line per event with its id and outcome, and neither the text nor who sent it', async () => {
    const out = capture()
    const logger = nodeLogger('info', out.stream)
    const bot = await startBot({ logger })
    const said = [
      ['u1001', '新任务 皮带巷隐患整改 @1002 截止 12-15', 'g-ZC01'],
      ['u1002', '积分', 'u1002'],
      ['u1002', '今天下井注意安全', 'g-ZC01'],
      ['u1010', '绑定 1010 吴立新', 'u1010'],
    ] as const
    for (const [user, text, chat] of said) await bot.say(user, text, chat)
    bot.close()
    await new Promise((r) => setImmediate(r))
    const events = out.lines.filter((l) => l.msg === 'event')
    expect(events).toHaveLength(said.length)
    for (const e of events) {
      expect(e).toMatchObject({ level: 30, platform: 'console' })
      expect(typeof e.event).toBe('string')
      expect(typeof e.outcome).toBe('string')
      expect(typeof e.ms).toBe('number')
    }
    expect(events.map((e) => e.outcome)).toEqual([
      expect.stringContaining('newtask'),
      expect.stringContaining('points'),
      'ignored:chatter',
      expect.any(String),
    ])
    const all = out.raw.join('\n')
    for (const secretOrPersonal of ['皮带巷', '下井', '吴立新', 'u1002', 'u1010', '1010', '张', '李'])
      expect(all).not.toContain(secretOrPersonal)
  })

  it('never writes a secret, even when an error carries the configuration along', () => {
    const out = capture()
    const logger = nodeLogger('info', out.stream)
    const config = {
      feishu: {
        appId: 'cli_x',
        appSecret: 'SECRET-A',
        encryptKey: 'SECRET-B',
        verificationToken: 'SECRET-C',
      },
      telegram: { token: '123:SECRET-D' },
      productionApiToken: 'SECRET-E',
    }
    logger.error('sending failed', Object.assign(new Error('boom'), { config }))
    logger.error('start failed', { config })
    expect(out.raw.join('\n')).not.toMatch(/SECRET-/)
    expect(out.raw.join('\n')).toContain('[secret]')
  })
})
