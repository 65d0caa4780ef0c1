import { z } from 'zod'
import { assessmentWrite } from '../db/evaluation'
import { BUSINESS_GRADES, REVIEW_GRADES, violatesDualExcellence } from '../domain/evaluation'
import { holdsOver } from '../domain/members'
import { localDay } from '../domain/time'
import { UserError } from '../errors'
import { text } from '../messages'
import { command, type Me, type Outcome } from './command'
import { branchByCode, branchCode } from './inspection'

export const year = z.coerce
  .number({ message: 'arg.year' })
  .int('arg.year')
  .min(2000, 'arg.year')
  .max(2100, 'arg.year')
const score = z.coerce.number({ message: 'arg.score' }).min(0, 'arg.score').max(100, 'arg.score')

/** `考核 <支部编码> <年份> <党建考评> <业务考核> [党建得分] [业务得分]`: 双进入, by a leader or admin over the branch. */
export const assessCmd = command({
  id: 'assess',
  names: ['考核'],
  aliases: ['assess'],
  who: ['leader', 'admin'],
  params: [
    { name: 'code' },
    { name: 'year' },
    { name: 'review' },
    { name: 'business' },
    { name: 'partyKpi' },
    { name: 'businessKpi' },
  ],
  args: z.object({
    code: branchCode,
    year,
    review: z.enum(REVIEW_GRADES, { message: 'arg.grade' }),
    business: z.enum(BUSINESS_GRADES, { message: 'arg.grade' }),
    partyKpi: score.optional(),
    businessKpi: score.optional(),
  }),
  async run(ctx, args): Promise<Outcome> {
    const me = ctx.me as Me
    const { branch, units } = await branchByCode(ctx, args.code)
    if (!holdsOver(me, 'leader', branch.id, units) && !holdsOver(me, 'admin', branch.id, units))
      throw new UserError('evaluation.assessNotYours', { unit: branch.name })
    if (args.year > Number(localDay(ctx.now, ctx.timeZone).slice(0, 4)))
      throw new UserError('evaluation.futureYear', { year: args.year })
    const scores =
      args.partyKpi === undefined && args.businessKpi === undefined
        ? ''
        : ctx.t('evaluation.assessedScores', {
            party: args.partyKpi ?? '—',
            business: args.businessKpi ?? '—',
          })
    const lines = [
      ctx.t('evaluation.assessed', {
        unit: branch.name,
        year: args.year,
        review: args.review,
        business: args.business,
        scores,
      }),
    ]
    if (violatesDualExcellence(args.review, args.business))
      lines.push(ctx.t('evaluation.assessedViolation', { year: args.year }))
    return {
      writes: [assessmentWrite(ctx.db, { ...args, branchId: branch.id, recordedBy: me.id, at: ctx.now })],
      replies: [text(lines.join('\n'))],
    }
  },
})
