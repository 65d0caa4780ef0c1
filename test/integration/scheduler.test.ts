import { count } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { pendingBindsJob } from '../../scheduler/jobs/pending-binds'
import { type TickDeps, tick } from '../../scheduler/tick'
import { jobRuns, outbox } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

const at = (iso: string) => Date.parse(iso)
let bot: Bot

beforeEach(async () => {
  bot = await startBot()
  // 吴立新 asks to bind on the afternoon before; his secretary u1001 has not answered.
  bot.setNow(at('2026-11-24T15:00:00+08:00'))
  await bot.read('u1010', '绑定 1010')
})
afterEach(() => bot.close())

/** The tick itself, shown with the pending-binds job alone (the calendar's jobs have their own tests). */
const only = (d: TickDeps): TickDeps => ({ ...d, jobs: [pendingBindsJob] })
const deps = () => only(tickDepsFor(bot.core))
/** The slots a tick handled, apart from the day before the test's first tick, which is always beyond the grace. */
const today = (reports: Awaited<ReturnType<typeof tick>>) =>
  reports.filter((r) => r.slot !== '2026-11-24T09:00')
const pushesTo = async (userId: string) => {
  const rows = await bot.store.db.select().from(outbox)
  return rows.filter((r) => r.targetKind === 'user' && r.targetId === userId && r.source.startsWith('job:'))
}

describe('the scheduler tick', () => {
  it('reminds the secretary of a waiting bind request at 09:00 Shanghai time, once', async () => {
    expect(today(await tick(deps(), at('2026-11-25T08:59:00+08:00')))).toEqual([])
    const [report] = await tick(deps(), at('2026-11-25T09:00:00+08:00'))
    expect(report).toMatchObject({ job: 'pending-binds', slot: '2026-11-25T09:00', status: 'queued' })
    expect(await tick(deps(), at('2026-11-25T09:01:00+08:00'))).toEqual([])
    const pushes = await pushesTo('u1001')
    expect(pushes).toHaveLength(1)
    expect(JSON.parse(pushes[0]?.reply ?? '{}').text).toBe(
      '您有 1 条绑定申请等待审核：\n#1 吴立新（工号 1010），已等待 18 小时\n请发送「确认绑定 <编号>」或「拒绝绑定 <编号>」处理。',
    )
  })

  it('fires on the Shanghai clock whatever the server zone: 01:00 UTC is 09:00 in Shanghai', async () => {
    expect(today(await tick(deps(), at('2026-11-25T00:59:59Z')))).toEqual([])
    expect(today(await tick(deps(), at('2026-11-25T01:00:00Z')))[0]?.slot).toBe('2026-11-25T09:00')
  })

  it('does not send again after a restart', async () => {
    await tick(deps(), at('2026-11-25T09:00:00+08:00'))
    // A restart builds a new core over the same database.
    const { buildCore } = await import('../../src/core')
    const fresh = buildCore({
      ...bot.core,
      index: bot.core.process.index,
      actions: bot.core.process.actions,
      outbounds: [],
    })
    expect(await tick(only(tickDepsFor(fresh)), at('2026-11-25T09:05:00+08:00'))).toEqual([])
    expect(await pushesTo('u1001')).toHaveLength(1)
  })

  it('lets two overlapping ticks queue the slot only once', async () => {
    const now = at('2026-11-25T09:00:00+08:00')
    const results = await Promise.all([tick(deps(), now), tick(deps(), now)])
    expect(results.flat().filter((r) => r.status === 'queued')).toHaveLength(1)
    expect(await pushesTo('u1001')).toHaveLength(1)
  })

  it('catches up within the grace after downtime, and skips a slot older than that', async () => {
    expect(today(await tick(deps(), at('2026-11-25T14:59:00+08:00')))[0]?.status).toBe('queued')
    const late = await startBot()
    late.setNow(at('2026-11-24T15:00:00+08:00'))
    await late.read('u1010', '绑定 1010')
    expect(today(await tick(only(tickDepsFor(late.core)), at('2026-11-25T15:01:00+08:00')))[0]?.status).toBe(
      'skipped-late',
    )
    const [sent] = await late.store.db.select({ n: count() }).from(outbox)
    expect(sent?.n).toBe(2) // the answer to 吴立新 and the card to his secretary, no reminder
    late.close()
  })

  it('sends yesterday’s slot after midnight when the bot was down only briefly', async () => {
    const graceAll = {
      ...deps(),
      settings: async () => ({ ...(await deps().settings()), scheduler: { graceMinutes: 24 * 60 } }),
    }
    const reports = await tick(graceAll, at('2026-11-25T00:30:00+08:00'))
    expect(reports.map((r) => [r.slot, r.status])).toEqual([['2026-11-24T09:00', 'queued']])
  })

  it('changes nothing on a dry run and shows what would be sent', async () => {
    const [before] = await bot.store.db.select({ n: count() }).from(outbox)
    const [report] = today(await tick(deps(), at('2026-11-25T09:00:00+08:00'), { dryRun: true }))
    expect(report?.status).toBe('dry-run')
    expect(report?.messages.map((m) => m.to)).toEqual([{ kind: 'user', id: 'u1001' }])
    const [after] = await bot.store.db.select({ n: count() }).from(outbox)
    const [runs] = await bot.store.db.select({ n: count() }).from(jobRuns)
    expect(after?.n).toBe(before?.n)
    expect(runs?.n).toBe(0)
  })

  it('sends nothing when nothing waits', async () => {
    await bot.read('u1001', '确认绑定 1')
    const [report] = today(await tick(deps(), at('2026-11-25T09:00:00+08:00')))
    expect(report).toMatchObject({ status: 'queued', messages: [] })
  })
})
