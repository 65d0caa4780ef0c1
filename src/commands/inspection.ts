import { z } from 'zod'
import { inspectionsInYear, inspectionWrite } from '../db/evaluation'
import { findingWrites } from '../db/ledger'
import { loadUnits } from '../db/units'
import { readInspection } from '../domain/evaluation-input'
import { holdsOver, type UnitNode } from '../domain/members'
import { localDay } from '../domain/time'
import { UserError } from '../errors'
import { text } from '../messages'
import { type Ctx, command, type Me, type Outcome } from './command'

export const branchCode = z.string().regex(/^[\w-]{1,20}$/, 'arg.unitCode')

/** The branch a typed code names; a committee or party group code is refused with what to type instead. */
export async function branchByCode(
  ctx: Ctx,
  code: string,
): Promise<{ branch: UnitNode; units: Map<number, UnitNode> }> {
  const units = await loadUnits(ctx.db)
  const unit = [...units.values()].find((u) => u.code.toLowerCase() === code.toLowerCase())
  if (!unit) throw new UserError('evaluation.unknownUnit', { code })
  if (unit.kind !== 'branch') throw new UserError('evaluation.notBranch', { code })
  return { branch: unit, units }
}

const FINDINGS_MAX = 500

const scores = z.string({ message: 'arg.inspection' }).transform((s, c) => {
  const read = readInspection(s)
  if (!read) c.addIssue({ code: 'custom', message: 'arg.inspection' })
  else if ((read.findings?.length ?? 0) > FINDINGS_MAX) c.addIssue({ code: 'custom', message: 'arg.tooLong' })
  else return read
  return z.NEVER
})

/**
 * Findings go to the supervision ledger as a report for an inspector to open (立项); the first word picks the
 * category when it names one of settings, else the last (其他). The key makes a re-run file it once.
 */
async function fileFinding(ctx: Ctx, me: Me, branchId: number, findings: string) {
  const categories = ctx.settings.supervision.categories
  const words = findings.split(' ')
  const named = words.length > 1 && categories.includes(words[0] as string)
  const category = named ? (words[0] as string) : (categories[categories.length - 1] as string)
  const text = named ? words.slice(1).join(' ') : findings
  const filed = await findingWrites(ctx.db, {
    branchId,
    category,
    text,
    actorId: me.id,
    sourceRef: `inspection:${branchId}:${me.id}:${ctx.now}`,
    at: ctx.now,
  })
  return { ...filed, text, category }
}

/** `检查 <支部编码> 党建 <分> 生产 <分> [发现 <问题>]`: 一次查·双向评, by an inspector or leader over the branch. */
export const inspectCmd = command({
  id: 'inspect',
  names: ['检查'],
  aliases: ['inspect'],
  who: ['inspector', 'leader'],
  params: [{ name: 'code' }, { name: 'scores', rest: true }],
  args: z.object({ code: branchCode, scores }),
  async run(ctx, args): Promise<Outcome> {
    const me = ctx.me as Me
    const { branch, units } = await branchByCode(ctx, args.code)
    if (!holdsOver(me, 'inspector', branch.id, units) && !holdsOver(me, 'leader', branch.id, units))
      throw new UserError('evaluation.inspectNotYours', { unit: branch.name })
    const day = localDay(ctx.now, ctx.timeZone)
    const year = Number(day.slice(0, 4))
    const { party, production, findings } = args.scores
    const before = await inspectionsInYear(ctx.db, branch.id, year)
    const lines = [ctx.t('evaluation.inspected', { unit: branch.name, day, party, production })]
    const ledger = findings ? await fileFinding(ctx, me, branch.id, findings) : undefined
    if (ledger)
      lines.push(
        ctx.t('evaluation.inspectedLedger', {
          findings: ledger.text,
          id: ledger.id,
          category: ledger.category,
        }),
      )
    lines.push(ctx.t('evaluation.inspectedCount', { unit: branch.name, year, count: before + 1 }))
    const inspection = inspectionWrite(ctx.db, {
      branchId: branch.id,
      inspectorId: me.id,
      day,
      party,
      production,
      findings,
      at: ctx.now,
    })
    return {
      writes: [inspection, ...(ledger?.writes ?? [])],
      replies: [text(lines.join('\n'))],
    }
  },
})
