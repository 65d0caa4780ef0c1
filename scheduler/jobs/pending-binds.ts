import { eq } from 'drizzle-orm'
import { approversOf, findLocale } from '../../src/db/queries'
import { bindRequests, members } from '../../src/db/schema'
import { translate } from '../../src/i18n'
import type { Platform } from '../../src/messages'
import type { Job, JobOutput } from '../job'
import { dailySlots } from '../slots'

const AT = '09:00'
/** A request younger than this is fresh news from its own card; only older ones are worth a reminder. */
const MIN_AGE_MS = 2 * 3_600_000

/** Every morning, each approver hears once which bind requests still wait for them. */
export const pendingBindsJob: Job = {
  name: 'pending-binds',
  slots: ({ now, timeZone }) => dailySlots(now, timeZone, AT),
  async run(ctx, slot): Promise<JobOutput> {
    const pending = await ctx.db
      .select({
        id: bindRequests.id,
        platform: bindRequests.platform,
        createdAt: bindRequests.createdAt,
        name: members.name,
        employeeNo: members.employeeNo,
        branchId: members.branchId,
      })
      .from(bindRequests)
      .innerJoin(members, eq(members.id, bindRequests.memberId))
      .where(eq(bindRequests.status, 'pending'))
      .orderBy(bindRequests.id)
    const byApprover = new Map<string, { platform: Platform; userId: string; items: typeof pending }>()
    for (const r of pending.filter((p) => slot.dueAt - p.createdAt >= MIN_AGE_MS)) {
      for (const userId of await approversOf(ctx.db, r.platform, r.branchId)) {
        const key = `${r.platform}:${userId}`
        const entry = byApprover.get(key) ?? { platform: r.platform as Platform, userId, items: [] }
        entry.items.push(r)
        byApprover.set(key, entry)
      }
    }
    const messages = await Promise.all(
      [...byApprover.values()].map(async ({ platform, userId, items }) => {
        const locale = (await findLocale(ctx.db, platform, userId)) ?? ctx.defaultLocale
        const list = items
          .map((i) =>
            translate(locale, 'jobs.pendingBindLine', {
              ...i,
              hours: Math.floor((slot.dueAt - i.createdAt) / 3_600_000),
            }),
          )
          .join('\n')
        return {
          platform,
          to: { kind: 'user' as const, id: userId },
          locale,
          reply: {
            kind: 'text' as const,
            text: translate(locale, 'jobs.pendingBinds', { count: items.length, list }),
          },
        }
      }),
    )
    return { writes: [], messages }
  },
}
