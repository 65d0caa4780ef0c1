import { z } from 'zod'
import { countReport, quotaKey, reportsToday } from '../db/feedback'
import { nextLedgerId, reportWrites } from '../db/ledger'
import { loadUnits } from '../db/units'
import { readFeedback } from '../domain/feedback'
import { lineage, type UnitNode } from '../domain/members'
import { localDay } from '../domain/time'
import { UserError } from '../errors'
import { text } from '../messages'
import { words } from './args'
import { command, type Outcome } from './command'

/** The top of the organisation above `branchId` (or the first root when the sender is not bound). */
function topOf(units: ReadonlyMap<number, UnitNode>, branchId: number | undefined): number {
  const path = branchId === undefined ? [] : lineage(units, branchId)
  const top = path[path.length - 1] ?? [...units.values()].find((u) => u.parentId === null)?.id
  if (top === undefined) throw new UserError('ledger.noScope', {})
  return top
}

/**
 * `反映 [匿名] [类别] <问题>`: files a report in the ledger and answers with its tracking number. A named report
 * needs a bound member and is filed under their branch. An anonymous one may come from anyone, bound or not: it
 * is filed at the top of the organisation with no reporter, and the outcome asks the inbox and outbox to forget
 * the sender (Outcome.redact), refusals included, since they too would pair the text with the sender.
 */
export const feedbackCmd = command({
  id: 'feedback',
  names: ['反映'],
  aliases: ['feedback'],
  who: 'anyone',
  chat: 'p2p',
  params: [{ name: 'text', rest: true }],
  args: z.object({ text: words(500) }),
  async run(ctx, args): Promise<Outcome> {
    const entry = readFeedback(args.text, ctx.settings.supervision.categories)
    const answer = (line: string, writes: Outcome['writes'] = []): Outcome => ({
      writes,
      replies: [text(line)],
      redact: entry.anonymous,
    })
    if (!entry.text) return answer(ctx.t('ledger.feedbackEmpty'))
    if (!entry.anonymous && !ctx.me) return answer(ctx.t('ledger.feedbackNeedBind'))
    if (!ctx.feedbackSalt) throw new Error('feedbackSalt is not configured (Config.feedbackSalt)')
    const day = localDay(ctx.now, ctx.timeZone)
    const key = await quotaKey(ctx.feedbackSalt, `${ctx.platform}:${ctx.userId}`, day)
    const used = await reportsToday(ctx.db, key, day)
    const max = ctx.settings.supervision.dailyReports
    if (used >= max) return answer(ctx.t('ledger.feedbackLimit', { max }))
    const units = await loadUnits(ctx.db)
    const me = ctx.me
    const branchId = entry.anonymous || !me ? topOf(units, me?.branchId) : me.branchId
    const id = await nextLedgerId(ctx.db)
    const writes = [
      ...reportWrites(ctx.db, {
        id,
        source: 'feedback',
        branchId,
        category: entry.category,
        text: entry.text,
        reporterId: entry.anonymous ? null : (me?.id ?? null),
        anonymous: entry.anonymous,
        sourceRef: null,
        at: ctx.now,
      }),
      ...countReport(ctx.db, key, day, used),
    ]
    const line = entry.anonymous ? 'ledger.feedbackAnonymous' : 'ledger.feedbackFiled'
    return answer(ctx.t(line, { id, category: entry.category }), writes)
  },
})
