import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { openD1Store } from '../../src/db/d1-store'
import { rollupMark, rollupWrites } from '../../src/db/rollup'
import { rollupProductionDays, rollupQuizDays } from '../../src/db/schema'

const store = openD1Store(env.DB)
const at = (local: string) => Date.parse(`${local}+08:00`)

describe('the 汇总 rollup on D1', () => {
  it('builds in one batch (window sums, upserts, json_each) and again from its mark', async () => {
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO org_units (id, code, name, kind) VALUES (9001, 'D1B', 'D1 支部', 'branch')`,
      ),
      env.DB.prepare(
        `INSERT INTO members (id, employee_no, name, branch_id) VALUES (9001, 'D1-1', 'D1', 9001)`,
      ),
      env.DB.prepare(
        `INSERT INTO questions (id, code, kind, stem, options, answer, explanation, category, source, quote, status, created_at, created_by) VALUES (9001, 'D1-1', 'judge', 's', '[]', 'T', '', '党章', 's', 'q', 'approved', 0, 't')`,
      ),
      env.DB.prepare(
        `INSERT INTO quiz_answers (member_id, unit_id, question_id, day, mode, given, correct, at, platform, chat_id) VALUES (9001, 9001, 9001, '2026-11-20', 'daily', 'T', 1, 0, 'console', 'g')`,
      ),
      env.DB.prepare(
        `INSERT INTO production_current (unit_id, metric, day, value, seq) VALUES (9001, 'coal', '2026-11-19', 100, 1), (9001, 'coal', '2026-11-20', 50, 1)`,
      ),
    ])
    await store.commit(
      rollupWrites(store.db, await rollupMark(store.db), '2026-11-24', at('2026-11-25T00:00:00'), 1),
    )
    const mark = await rollupMark(store.db)
    expect(mark.through).toBe('2026-11-24')
    await store.commit(rollupWrites(store.db, mark, '2026-11-25', at('2026-11-26T00:00:00'), 2))
    const rows = await store.db.select().from(rollupQuizDays)
    expect(rows.map((r) => [r.day, r.category, r.answers, r.monthAnswers])).toEqual([
      ['2026-11-20', '党章', 1, 1],
    ])
    expect((await rollupMark(store.db)).through).toBe('2026-11-25')
    const running = await store.db.select().from(rollupProductionDays)
    expect(running.map((r) => [r.day, r.monthTotal, r.monthN])).toEqual([
      ['2026-11-19', 100, 1],
      ['2026-11-20', 150, 2],
    ])
  })
})
