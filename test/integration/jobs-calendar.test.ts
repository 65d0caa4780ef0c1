import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { count, eq, like } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { tickDepsFor } from '../../scheduler/deps'
import { JOBS } from '../../scheduler/jobs'
import { tick } from '../../scheduler/tick'
import { activities, jobRuns, members, outbox, pointsLedger } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

const at = (iso: string) => Date.parse(iso)
const CALENDAR_JOBS = [
  'stage-announcements',
  'meeting-reminders',
  'meeting-nudges',
  'weekly-ranking',
  'monthly-report',
]
let bot: Bot
let logs: string[]

beforeEach(async () => {
  bot = await startBot()
  logs = []
})
afterEach(() => bot.close())

const deps = () => ({
  ...tickDepsFor(bot.core),
  jobs: JOBS.filter((j) => CALENDAR_JOBS.includes(j.name)),
  log: (msg: string) => void logs.push(msg),
})
const jobRows = async () => bot.store.db.select().from(outbox).where(like(outbox.source, 'job:%'))
const textsTo = async (target: string) =>
  (await jobRows())
    .filter((r) => r.targetId === target)
    .map((r) => {
      const reply = JSON.parse(r.reply) as { text?: string; card?: { title: string; sections: unknown[] } }
      return reply.text ?? JSON.stringify(reply.card)
    })
const memberId = async (employeeNo: string) =>
  (await bot.store.db.select().from(members).where(eq(members.employeeNo, employeeNo)))[0]?.id as number

describe('meeting nudges', () => {
  it('tells the secretary privately when no 主题党日 was recorded this month, and not when one was', async () => {
    await tick(deps(), at('2026-09-24T09:00:00+08:00'))
    const nudges = (await textsTo('u1001')).filter((t) => t.includes('主题党日'))
    expect(nudges).toEqual([
      '综采一队党支部本月（2026-09-01 至 2026-09-30）尚未记录主题党日，距截止还有 7 天。请及时组织召开，并在支部群用「发起签到 主题党日」记录。',
    ])
    // 机电队 held theirs on the 15th: its secretary hears only of the meetings still missing.
    const fresh = await startBot()
    const [jd] = await fresh.store.db
      .select({ id: members.branchId })
      .from(members)
      .where(eq(members.employeeNo, '1011'))
    await fresh.store.db.insert(activities).values({
      unitId: jd?.id as number,
      type: 'themeDay',
      title: '主题党日',
      opensAt: at('2026-09-15T09:00:00+08:00'),
      closesAt: at('2026-09-15T09:30:00+08:00'),
      lateUntil: at('2026-09-15T09:45:00+08:00'),
      settingsVersion: 1,
      createdAt: at('2026-09-15T09:00:00+08:00'),
    })
    await tick({ ...tickDepsFor(fresh.core), jobs: deps().jobs }, at('2026-09-24T09:00:00+08:00'))
    const jdTexts = (await fresh.store.db.select().from(outbox))
      .filter((r) => r.targetId === 'u1011')
      .map((r) => r.reply)
    expect(jdTexts.filter((t) => t.includes('主题党日'))).toEqual([])
    expect(jdTexts.filter((t) => t.includes('支委会'))).toHaveLength(1)
    fresh.close()
  })
})

describe('rankings and reports', () => {
  it('posts last week’s top members to the branch group on Monday', async () => {
    const [a, b] = [await memberId('1002'), await memberId('1003')]
    const ledger = (member: number, points: number, day: string, source: string) => ({
      memberId: member,
      points,
      rule: 'checkin',
      reason: '签到',
      source,
      day,
      settingsVersion: 1,
      createdAt: at(`${day}T10:00:00+08:00`),
    })
    await bot.store.db.insert(pointsLedger).values([
      ledger(a, 2, '2026-11-16', 's1'),
      ledger(b, 2, '2026-11-17', 's2'),
      ledger(b, 5, '2026-11-22', 's3'),
      ledger(a, 9, '2026-11-23', 's4'), // this week: not in last week's ranking
    ])
    await tick(deps(), at('2026-11-23T10:00:00+08:00'))
    const [ranking] = (await textsTo('g-ZC01')).filter((t) => t.includes('积分排行'))
    expect(JSON.parse(ranking as string)).toMatchObject({
      title: '综采一队党支部上周积分排行',
      sections: [
        { kind: 'markdown', text: '2026-11-16 至 2026-11-22' },
        {
          kind: 'table',
          rows: [
            ['1', expect.any(String), '7'],
            ['2', expect.any(String), '2'],
          ],
        },
      ],
    })
  })

  it('sends each leader the summary card of last month for the organisation, privately', async () => {
    await tick(deps(), at('2026-12-01T10:00:00+08:00'))
    const [report] = await textsTo('u1032')
    const sent = JSON.parse(report as string) as {
      title: string
      sections: { kind: string; text?: string }[]
    }
    expect(sent.title).toBe('2026-11 月度汇总 · 示范煤矿党委')
    expect(sent.sections[0]).toEqual({ kind: 'markdown', text: '箭头对比上一同期：2026-10-01 ~ 2026-10-31' })
    expect(sent.sections.map((s) => s.kind)).toContain('chart')
    expect(
      (await jobRows()).filter((r) => r.source.startsWith('job:monthly-report:')).map((r) => r.targetKind),
    ).toEqual(['user', 'user'])
  })
})

describe('once and only once', () => {
  it('resumes a fan-out that crashed half-way without posting anything twice', async () => {
    const real = bot.store
    let commits = 0
    const crashing = {
      ...real,
      commit: async (writes: Parameters<typeof real.commit>[0]) => {
        if (++commits === 3) throw new Error('process killed')
        return real.commit(writes)
      },
    }
    const now = at('2026-09-30T09:00:00+08:00')
    await expect(tick({ ...deps(), store: crashing }, now)).rejects.toThrow('process killed')
    const before = await jobRows()
    expect(before).toHaveLength(2)
    const reports = await tick(deps(), now)
    expect(reports.every((r) => r.status === 'queued')).toBe(true)
    const after = await jobRows()
    const stage = after.filter((r) => r.source.startsWith('job:stage-announcements:'))
    expect(stage.map((r) => r.targetId).sort()).toEqual(['g-DW', 'g-JD01', 'g-JG01', 'g-TF01', 'g-ZC01'])
    expect(after.filter((r) => before.some((b) => b.id === r.id))).toHaveLength(2)
    expect(await tick(deps(), now + 60_000)).toEqual([])
  })

  it('catches up within the grace after downtime and skips, with a log line, what is older', async () => {
    const late = await tick(deps(), at('2026-09-30T14:59:00+08:00'))
    expect(late.filter((r) => r.job === 'stage-announcements').map((r) => r.status)).toEqual(
      Array(5).fill('queued'),
    )
    const other = await startBot()
    const otherDeps = { ...tickDepsFor(other.core), jobs: deps().jobs, log: (m: string) => void logs.push(m) }
    const skipped = await tick(otherDeps, at('2026-09-30T15:01:00+08:00'))
    expect(skipped.filter((r) => r.job === 'stage-announcements').map((r) => r.status)).toEqual(
      Array(5).fill('skipped-late'),
    )
    expect(logs).toContain(
      'scheduler: stage-announcements yearend-2026:2026-10-01:2026-09-30@ZC01 is 361 min late; skipped',
    )
    // The next morning it is not sent either: the skip is recorded.
    expect(
      (await tick(otherDeps, at('2026-10-01T08:00:00+08:00'))).filter((r) => r.job === 'stage-announcements'),
    ).toEqual([])
    expect(
      (await other.store.db.select().from(outbox)).filter((r) => r.source.startsWith('job:stage')),
    ).toEqual([])
    other.close()
  })

  it('holds a push queued in quiet hours until they end', async () => {
    const quiet = {
      ...deps(),
      settings: async () => ({ ...(await deps().settings()), quietHours: { start: '08:00', end: '09:30' } }),
    }
    await tick(quiet, at('2026-09-30T09:00:00+08:00'))
    const rows = (await jobRows()).filter((r) => r.source.startsWith('job:stage'))
    expect(rows).toHaveLength(5)
    expect(new Set(rows.map((r) => r.nextAttemptAt))).toEqual(new Set([at('2026-09-30T09:30:00+08:00')]))
  })
})

describe('time zones', () => {
  it('fires on the Shanghai clock on a server running in UTC', async () => {
    const before = process.env.TZ
    process.env.TZ = 'UTC'
    try {
      expect(await tick(deps(), at('2026-09-30T00:59:00Z'))).toEqual([])
      const reports = await tick(deps(), at('2026-09-30T01:00:00Z'))
      expect(reports.filter((r) => r.job === 'stage-announcements')).toHaveLength(5)
      expect(reports[0]?.slot).toBe('yearend-2026:2026-10-01:2026-09-30@DW')
    } finally {
      process.env.TZ = before
    }
  })
})

describe('npm run remind -- --dry-run', () => {
  it('prints what would go to whom and changes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'remind-'))
    const file = path.join(dir, 'bot.db')
    const onDisk = await startBot({ file })
    const counts = async () => [
      (await onDisk.store.db.select({ n: count() }).from(outbox))[0]?.n,
      (await onDisk.store.db.select({ n: count() }).from(jobRuns))[0]?.n,
    ]
    const before = await counts()
    const run = promisify(execFile)
    const { stdout } = await run(
      path.resolve(__dirname, '../../node_modules/.bin/tsx'),
      ['src/cli/remind.ts', '--at', '2026-10-08T09:00:00+08:00', '--dry-run', '--db', file],
      { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, DATABASE_PATH: file } },
    )
    expect(stdout).toContain('[dry run]')
    expect(stdout).toContain(
      '- stage-announcements yearend-2026:2026-10-01:2026-10-08@ZC01: dry-run, 1 message(s)',
    )
    expect(stdout).toContain('→ console chat g-ZC01: 【决胜年终】阶段活动今天开始')
    expect(await counts()).toEqual(before)
    onDisk.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }, 30_000)
})

describe('a year without holiday data', () => {
  it('warns once in the log, and in /readyz for this year and the next', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    bot.setNow(at('2028-03-01T10:00:00+08:00'))
    await tick(deps(), at('2028-03-01T10:00:00+08:00'))
    await tick(deps(), at('2028-03-02T10:00:00+08:00'))
    expect(warn.mock.calls.filter((c) => String(c[0]).includes('2028'))).toHaveLength(1)
    warn.mockRestore()
    const ready = (await (await bot.app.request('/readyz')).json()) as { calendar: unknown; ok: boolean }
    expect(ready).toMatchObject({
      ok: true,
      database: 'migrated',
      calendar: {
        years: { 2028: { source: 'missing', status: 'unconfirmed' }, 2029: { source: 'missing' } },
        warnings: [
          expect.stringContaining('no holiday data for 2028'),
          expect.stringContaining('no holiday data for 2029'),
        ],
      },
    })
  })
})
