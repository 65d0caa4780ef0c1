import { z } from 'zod'
import type { Card } from '../cards/card'
import { summaryCard } from '../cards/summary'
import { loadSummary, type SummaryReport } from '../db/summary-report'
import { overdueIn } from '../db/tasks'
import { loadUnits } from '../db/units'
import { daysBetween } from '../domain/dates'
import { type SummaryKind, summaryPeriod } from '../domain/summary'
import { localDay } from '../domain/time'
import { UserError } from '../errors'
import { csvBook } from '../export/book-csv'
import { summaryBook } from '../export/summary-book'
import { card, fileReply, text } from '../messages'
import { toBase64 } from '../outbox/file-bytes'
import { type Ctx, command, type Me, type Outcome } from './command'
import { summaryScope } from './summary-scope'

const PERIODS: Record<string, SummaryKind> = {
  本周: 'week',
  本月: 'month',
  本季: 'quarter',
  本年: 'year',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
}
const OVERDUE_SHOWN = 20

const EXPORT = ['导出', 'export']

type SummaryArgs = { scope?: string; period: SummaryKind; export: boolean }

/** `[支部编码|全部] [本周|本月|本季|本年] [导出]` in any order, each at most once. */
const words = z
  .string()
  .optional()
  .transform((line, issue): SummaryArgs => {
    const out: SummaryArgs = { period: 'month', export: false }
    let period = false
    for (const w of (line ?? '').split(/\s+/).filter(Boolean)) {
      const lower = w.toLowerCase()
      if (PERIODS[lower] && !period) {
        out.period = PERIODS[lower]
        period = true
      } else if (EXPORT.includes(lower) && !out.export) out.export = true
      else if (out.scope === undefined && /^([\w-]{1,20}|全部)$/.test(w)) out.scope = w
      else {
        issue.addIssue({ code: 'custom', message: 'arg.summaryWords' })
        return z.NEVER
      }
    }
    return out
  })

function meOf(ctx: Ctx): Me {
  if (!ctx.me) throw new UserError('common.needBind')
  return ctx.me
}

/** The report and its card for the asker, a scope as typed (or by default) and a period. */
export async function summaryFor(
  ctx: Ctx,
  scope: string | undefined,
  kind: SummaryKind,
): Promise<{ report: SummaryReport; card: Card }> {
  const units = await loadUnits(ctx.db)
  const { root, branches } = summaryScope(ctx, meOf(ctx), units, scope)
  if (branches.length === 0) throw new UserError('summary.noBranches', { unit: root.name })
  const today = localDay(ctx.now, ctx.timeZone)
  const facts = { db: ctx.db, timeZone: ctx.timeZone, settings: ctx.settings, today }
  const report = await loadSummary(facts, root, branches, units, summaryPeriod(kind, today))
  const opts = { metrics: ctx.settings.production.metrics, rankShown: ctx.settings.summary.rankShown }
  return { report, card: summaryCard(ctx.locale, report, opts) }
}

/**
 * The export: the figures of the card `summaryFor` would show, as a workbook written by the shell's writer
 * (XLSX on Node, CSV on Workers), sent as a file.
 */
async function exportFor(ctx: Ctx, scope: string | undefined, kind: SummaryKind): Promise<Outcome> {
  const { report } = await summaryFor(ctx, scope, kind)
  const book = summaryBook(ctx.locale, report, ctx.settings.production.metrics)
  const file = await (ctx.files?.writeBook ?? csvBook)(book)
  const { from, to } = report.period.current
  const caption = ctx.t('export.caption', {
    unit: report.root.name,
    period: ctx.t(`summary.periods.${kind}`),
    from,
    to,
    name: file.name,
  })
  const out = { name: file.name, mime: file.mime, dataBase64: toBase64(file.bytes) }
  return { writes: [], replies: [fileReply(out, caption)] }
}

/** `汇总`: the summary card of a branch or of the organisation. */
export const summaryCmd = command({
  id: 'summary',
  names: ['汇总'],
  aliases: ['summary'],
  who: ['leader', 'secretary'],
  params: [{ name: 'words', rest: true }],
  args: z.object({ words }).transform((a) => a.words),
  async run(ctx, args): Promise<Outcome> {
    if (args.export) return exportFor(ctx, args.scope, args.period)
    const { card: shown } = await summaryFor(ctx, args.scope, args.period)
    return { writes: [], replies: [card(shown)] }
  },
})

const showValue = /^([\w-]{1,20}):(week|month|quarter|year)$/

/** The overdue tasks of the card's unit, oldest first. */
async function overdueList(ctx: Ctx, code: string): Promise<Outcome> {
  const units = await loadUnits(ctx.db)
  const { root, branches } = summaryScope(ctx, meOf(ctx), units, code)
  const today = localDay(ctx.now, ctx.timeZone)
  const rows = await overdueIn(
    ctx.db,
    branches.map((b) => b.id),
    today,
    OVERDUE_SHOWN,
  )
  if (rows.length === 0)
    return { writes: [], replies: [text(ctx.t('summary.overdueNone', { unit: root.name }))] }
  const name = (id: number) => units.get(id)?.name ?? ''
  const listed: Card = {
    title: ctx.t('summary.overdueTitle', { unit: root.name }),
    tone: 'warning',
    sections: [
      {
        kind: 'table',
        columns: ctx.t('summary.overdueColumns').split('|'),
        rows: rows.map((r) => [
          String(r.id),
          name(r.branchId),
          r.title,
          r.dueDay,
          String(daysBetween(r.dueDay, today)),
        ]),
      },
      ...(rows.length === OVERDUE_SHOWN
        ? [{ kind: 'markdown' as const, text: ctx.t('summary.overdueMore', { n: OVERDUE_SHOWN }) }]
        : []),
    ],
  }
  return { writes: [], replies: [card(listed)] }
}

/** The card's buttons: another branch or period (a new card), the overdue list, the export. */
export const summaryActions = {
  'summary.show': async (ctx: Ctx, value: string): Promise<Outcome> => {
    const m = showValue.exec(value)
    if (!m) throw new UserError('arg.summaryWords')
    const { card: shown } = await summaryFor(ctx, m[1], m[2] as SummaryKind)
    return { writes: [], replies: [card(shown)] }
  },
  'summary.export': async (ctx: Ctx, value: string): Promise<Outcome> => {
    const m = showValue.exec(value)
    if (!m) throw new UserError('arg.summaryWords')
    return exportFor(ctx, m[1], m[2] as SummaryKind)
  },
  'summary.overdue': async (ctx: Ctx, value: string): Promise<Outcome> => {
    if (!/^[\w-]{1,20}$/.test(value)) throw new UserError('arg.summaryWords')
    return overdueList(ctx, value)
  },
}
