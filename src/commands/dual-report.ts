import { z } from 'zod'
import { draftText, dualReportCard } from '../cards/evaluation-report'
import { reportEdits, reportEditWrite, reportSubmitWrite, submittedReport } from '../db/evaluation'
import { loadReportFacts } from '../db/evaluation-report'
import { loadUnits } from '../db/units'
import { type ReportSection, readReportRequest } from '../domain/evaluation-input'
import { holdsOver, oversees, type UnitNode } from '../domain/members'
import { localDay, wallTime } from '../domain/time'
import { UserError } from '../errors'
import { card, text } from '../messages'
import { type Ctx, command, type Me, type Outcome } from './command'
import { branchByCode } from './inspection'

/** At most this many characters in a section the secretary writes (a card has a size limit). */
export const SECTION_MAX = 2000

export type ReportTarget = {
  me: Me
  branch: UnitNode
  units: ReadonlyMap<number, UnitNode>
  year: number
  secretary: boolean
}

const thisYear = (ctx: Ctx) => Number(localDay(ctx.now, ctx.timeZone).slice(0, 4))

/** The branch asked about: a typed code (its secretary or a leader above), else this group's or my own branch. */
export async function reportTarget(
  ctx: Ctx,
  code: string | undefined,
  year: number | undefined,
): Promise<ReportTarget> {
  const me = ctx.me as Me
  let branch: UnitNode | undefined
  let units: ReadonlyMap<number, UnitNode>
  if (code !== undefined) {
    ;({ branch, units } = await branchByCode(ctx, code))
    if (!oversees(me, branch.id, units))
      throw new UserError('evaluation.reportNotYours', { unit: branch.name })
  } else {
    units = await loadUnits(ctx.db)
    const candidates = [
      ctx.chat?.unitId,
      ...me.grants.filter((g) => g.role === 'secretary').map((g) => g.unitId),
    ]
    const id = candidates.find(
      (u) => u !== undefined && units.get(u)?.kind === 'branch' && holdsOver(me, 'secretary', u, units),
    )
    branch = id === undefined ? undefined : units.get(id)
    if (!branch) throw new UserError('evaluation.reportNoBranch')
  }
  if (year !== undefined && year > thisYear(ctx)) throw new UserError('evaluation.reportFutureYear', { year })
  return {
    me,
    branch,
    units,
    year: year ?? thisYear(ctx),
    secretary: holdsOver(me, 'secretary', branch.id, units),
  }
}

/** The draft as it stands: the system's text with the secretary's own sections in place of it. */
async function draftOf(ctx: Ctx, t: ReportTarget) {
  const today = localDay(ctx.now, ctx.timeZone)
  const facts = await loadReportFacts(
    ctx.db,
    t.branch,
    t.units,
    t.year,
    today,
    ctx.timeZone,
    ctx.settings.production.metrics,
  )
  const edits = await reportEdits(ctx.db, t.branch.id, t.year)
  const generated = draftText(ctx.locale, facts)
  const textOf = (s: ReportSection) => edits.get(s) ?? generated[s]
  return { facts, edits, text: { promote: textOf('promote'), support: textOf('support') } }
}

async function refuseFrozen(ctx: Ctx, t: ReportTarget) {
  if (!t.secretary) throw new UserError('evaluation.reportOnlySecretary', { unit: t.branch.name })
  const done = await submittedReport(ctx.db, t.branch.id, t.year)
  if (done)
    throw new UserError('evaluation.reportFrozen', {
      unit: t.branch.name,
      year: t.year,
      at: wallTime(done.at, ctx.timeZone, true),
    })
}

async function show(ctx: Ctx, t: ReportTarget): Promise<Outcome> {
  const done = await submittedReport(ctx.db, t.branch.id, t.year)
  if (done)
    return {
      writes: [],
      replies: [
        card(
          dualReportCard(ctx.locale, t.branch, t.year, {
            kind: 'submitted',
            text: done,
            by: done.by,
            at: wallTime(done.at, ctx.timeZone, true),
          }),
        ),
      ],
    }
  if (!t.secretary)
    return {
      writes: [],
      replies: [text(ctx.t('evaluation.reportNotSubmitted', { unit: t.branch.name, year: t.year }))],
    }
  const draft = await draftOf(ctx, t)
  return {
    writes: [],
    replies: [
      card(
        dualReportCard(ctx.locale, t.branch, t.year, {
          kind: 'draft',
          text: draft.text,
          edited: new Set(draft.edits.keys()),
        }),
      ),
    ],
  }
}

async function edit(ctx: Ctx, t: ReportTarget, section: ReportSection, body: string): Promise<Outcome> {
  if (body.length > SECTION_MAX) throw new UserError('arg.tooLong')
  await refuseFrozen(ctx, t)
  const draft = await draftOf(ctx, t)
  const edited = new Set([...draft.edits.keys(), section])
  return {
    writes: [
      reportEditWrite(ctx.db, {
        branchId: t.branch.id,
        year: t.year,
        section,
        text: body,
        by: t.me.id,
        at: ctx.now,
      }),
    ],
    replies: [
      text(ctx.t('evaluation.reportEdited', { section: ctx.t(`evaluation.${section}`), year: t.year })),
      card(
        dualReportCard(ctx.locale, t.branch, t.year, {
          kind: 'draft',
          text: { ...draft.text, [section]: body },
          edited,
        }),
      ),
    ],
  }
}

/** Freezes the draft as it stands; a second submission racing this one fails on the unique index and is re-run. */
export async function submit(ctx: Ctx, t: ReportTarget): Promise<Outcome> {
  await refuseFrozen(ctx, t)
  const draft = await draftOf(ctx, t)
  const submitted = dualReportCard(ctx.locale, t.branch, t.year, {
    kind: 'submitted',
    text: draft.text,
    by: t.me.name,
    at: wallTime(ctx.now, ctx.timeZone, true),
  })
  return {
    writes: [
      reportSubmitWrite(ctx.db, {
        branchId: t.branch.id,
        year: t.year,
        ...draft.text,
        facts: draft.facts,
        by: t.me.id,
        at: ctx.now,
      }),
    ],
    replies: [
      text(ctx.t('evaluation.reportSubmitted', { unit: t.branch.name, year: t.year })),
      card(submitted),
    ],
  }
}

const request = z.string().transform((s, c) => {
  const read = readReportRequest(s)
  if (read) return read
  c.addIssue({ code: 'custom', message: 'arg.dualReport' })
  return z.NEVER
})

/** `双报告 [支部编码] [年份] [党建促生产|生产强党建 <文字>|提交]`: the secretary's draft, edits and submission. */
export const dualReportCmd = command({
  id: 'dualreport',
  names: ['双报告'],
  aliases: ['dualreport'],
  who: ['secretary', 'leader'],
  params: [{ name: 'request', rest: true }],
  args: z.object({ request: request.optional() }),
  async run(ctx, args): Promise<Outcome> {
    const r = args.request ?? { action: { kind: 'show' } }
    const t = await reportTarget(ctx, r.code, r.year)
    if (r.action.kind === 'edit') return edit(ctx, t, r.action.section, r.action.text)
    if (r.action.kind === 'submit') return submit(ctx, t)
    return show(ctx, t)
  },
})
