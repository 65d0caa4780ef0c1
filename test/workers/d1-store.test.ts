import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { openD1Store } from '../../src/db/d1-store'
import { inbox, jobRuns } from '../../src/db/schema'

const store = openD1Store(env.DB)
const run = (job: string, slot: string) =>
  store.db.insert(jobRuns).values({ job, slot, ranAt: 1, outcome: 'x' })

describe('the D1 store', () => {
  it('commits a batch all or nothing, and knows a unique violation', async () => {
    await store.commit([run('d1-test', 'a')])
    const failed = await store.commit([run('d1-test', 'b'), run('d1-test', 'a')]).catch((err: unknown) => err)
    expect(store.isUniqueViolation(failed)).toBe(true)
    const rows = await store.db.select().from(jobRuns).where(eq(jobRuns.job, 'd1-test'))
    expect(rows.map((r) => r.slot)).toEqual(['a'])
  })

  it('surfaces the inbox trigger by its message, which src/inbox/process.ts matches', async () => {
    const [row] = await store.db
      .insert(inbox)
      .values({ platform: 'feishu', eventId: 'ev_d1_trigger', kind: 'event', payload: '{}', receivedAt: 1 })
      .returning({ id: inbox.id })
    const mark = () =>
      store.db
        .update(inbox)
        .set({ processedAt: 2 })
        .where(eq(inbox.id, row?.id ?? 0))
    await store.commit([mark()])
    const err = await store.commit([mark()]).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Error)
    expect((err as Error).message).toMatch(/inbox row already processed/)
    expect(store.isUniqueViolation(err)).toBe(false)
  })
})
