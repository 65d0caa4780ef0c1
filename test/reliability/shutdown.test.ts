import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBot } from '../support/bot'
import { exited, freePort, groupEvent, serverHarness } from '../support/server-process'

describe('graceful shutdown', () => {
  it('/readyz says draining and webhooks are refused for a retry while the process shuts down', async () => {
    const bot = await startBot({
      env: { TELEGRAM_BOT_TOKEN: '7000000001:fake', TELEGRAM_API_ROOT: 'http://127.0.0.1:9' },
    })
    expect((await bot.app.request('/readyz')).status).toBe(200)
    bot.core.draining = true
    const ready = await bot.app.request('/readyz')
    expect(ready.status).toBe(503)
    expect(await ready.json()).toEqual({ ok: false, draining: true })
    const hook = await bot.app.request('/webhooks/telegram', { method: 'POST', body: '{}' })
    expect(hook.status).toBe(503)
    bot.close()
  })

  describe('SIGTERM on the real server', () => {
    let harness: Awaited<ReturnType<typeof serverHarness>>
    beforeAll(async () => {
      harness = await serverHarness()
    })
    afterAll(() => harness.close())

    it('answers the requests in flight, sends their replies, stops accepting and exits 0 within the grace period', async () => {
      const port = await freePort()
      const { proc, output } = await harness.start(port, { SHUTDOWN_GRACE_MS: '5000' })
      // Slow answers from Feishu: the replies are still being sent when the signal comes.
      harness.fake.delayMs = 30
      const events = Array.from({ length: 60 }, (_, i) => groupEvent(i, '积分'))
      let signalled = 0
      const statuses = await Promise.all(
        events.map(async (e, i) => {
          const status = await harness.deliver(port, e)
          if (i === 0 && !signalled) {
            signalled = Date.now()
            proc.kill('SIGTERM')
          }
          return status
        }),
      )
      const { code } = await exited(proc)
      const tookMs = Date.now() - signalled
      expect(code).toBe(0)
      expect(tookMs).toBeLessThan(5_000 + 2_000)
      // An event is either answered (then its reply went out) or refused / not connected (Feishu retries it).
      const answered = events.filter((_, i) => statuses[i] === 200).map((e) => e.event.message.message_id)
      expect(answered.length).toBeGreaterThan(0)
      expect(statuses.every((s) => [200, 503, 0].includes(s))).toBe(true)
      const perEvent = harness.answersPerEvent()
      expect(answered.filter((id) => perEvent.get(id) !== 1)).toEqual([])
      expect(output.text).toContain('shutting down')
      expect(await harness.deliver(port, groupEvent(99, '积分'))).toBe(0)
      const db = new Database(harness.file, { readonly: true })
      const unprocessed = db.prepare('select count(*) as n from inbox where processed_at is null').get() as {
        n: number
      }
      db.close()
      expect(unprocessed.n).toBe(0)
    }, 60_000)
  })
})
