import { findLocale } from '../src/db/queries'
import { accountsOf } from '../src/db/tasks'
import type { Locale } from '../src/i18n'
import type { Platform, Reply } from '../src/messages'
import type { JobCtx, JobOutput } from './job'

/**
 * One private message per member, in their language: on `preferred` (where the task was created) when they have
 * an account there, else on their first. Members without an account are not reachable and are skipped.
 */
export async function privately(
  ctx: JobCtx,
  memberIds: number[],
  preferred: string | null,
  build: (locale: Locale) => Reply,
): Promise<JobOutput['messages']> {
  const chosen = new Map<number, { platform: string; userId: string }>()
  for (const a of await accountsOf(ctx.db, [...new Set(memberIds)])) {
    const had = chosen.get(a.memberId)
    if (!had || (a.platform === preferred && had.platform !== preferred)) chosen.set(a.memberId, a)
  }
  return Promise.all(
    [...chosen.values()].map(async ({ platform, userId }) => {
      const locale = (await findLocale(ctx.db, platform, userId)) ?? ctx.defaultLocale
      return {
        platform: platform as Platform,
        to: { kind: 'user' as const, id: userId },
        locale,
        reply: build(locale),
      }
    }),
  )
}
