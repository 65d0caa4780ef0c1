import { z } from 'zod'
import { loadUnits } from '../db/units'
import { UserError } from '../errors'
import type { Ctx, Outcome } from './command'
import { reportTarget, submit } from './dual-report'

const editValue = z.string().regex(/^\d+:\d{4}:(promote|support)$/)
const submitValue = z.string().regex(/^\d+:\d{4}$/)

/** The branch code and year a button carries, checked against the clicker's roles like a typed command. */
async function targetOfButton(ctx: Ctx, branchId: number, year: number) {
  if (!ctx.me) throw new UserError('common.needBind')
  const code = (await loadUnits(ctx.db)).get(branchId)?.code
  if (code === undefined) throw new UserError('evaluation.reportNoBranch')
  return reportTarget(ctx, code, year)
}

/** 编辑: a button cannot take text, so it says what to send. */
async function editHint(ctx: Ctx, value: string): Promise<Outcome> {
  const [branchId, year, section] = editValue.parse(value).split(':') as [
    string,
    string,
    'promote' | 'support',
  ]
  const t = await targetOfButton(ctx, Number(branchId), Number(year))
  if (!t.secretary) throw new UserError('evaluation.reportOnlySecretary', { unit: t.branch.name })
  return {
    writes: [],
    replies: [],
    toast: {
      kind: 'info',
      text: ctx.t('evaluation.reportEditHint', { year: t.year, section: ctx.t(`evaluation.${section}`) }),
    },
  }
}

/** 提交: freezes the draft and replaces the card with the submitted report. */
async function submitButton(ctx: Ctx, value: string): Promise<Outcome> {
  const [branchId, year] = submitValue.parse(value).split(':').map(Number) as [number, number]
  const out = await submit(ctx, await targetOfButton(ctx, branchId, year))
  const [said, frozen] = out.replies
  return {
    writes: out.writes,
    replies: [],
    toast: { kind: 'success', text: said?.kind === 'text' ? said.text : '' },
    card: frozen?.kind === 'card' ? frozen.card : undefined,
  }
}

export const dualReportActions = { 'dualReport.edit': editHint, 'dualReport.submit': submitButton }
