import { z } from 'zod'
import { letterCard, spanOf } from '../cards/letter'
import { type LetterStanding, lettersLevelCard, lettersOverviewCard } from '../cards/letters-overview'
import { confirmLetter, letterById, lettersInUnits, lettersOfSigner } from '../db/letters'
import { loadUnits } from '../db/units'
import { subtree, type UnitNode } from '../domain/members'
import { UserError } from '../errors'
import { card, text } from '../messages'
import { type Ctx, command, type Me, type Outcome } from './command'
import { confirmedAtText, letterViews } from './letter-view'
import type { ActionHandler } from './router'

const ALL = ['全部', 'all']

/** Who sees every letter under them: an admin the whole organisation, a leader their subtrees. */
function overseen(me: Me, units: ReadonlyMap<number, UnitNode>): { roots: UnitNode[]; unitIds: number[] } {
  const admin = me.grants.some((g) => g.role === 'admin')
  const rootIds = admin
    ? [...units.values()].filter((u) => u.parentId === null).map((u) => u.id)
    : me.grants.filter((g) => g.role === 'leader').map((g) => g.unitId)
  const roots = rootIds.flatMap((id) => units.get(id) ?? [])
  return { roots, unitIds: [...new Set(rootIds.flatMap((id) => subtree(units, id)))] }
}

/** 责任书 全部 / 责任书 <层级>: confirmation and progress of the letters a leader or an admin oversees. */
async function overview(ctx: Ctx, me: Me, scope: string): Promise<Outcome> {
  const units = await loadUnits(ctx.db)
  const { roots, unitIds } = overseen(me, units)
  if (roots.length === 0) throw new UserError('letters.notOverseer', { scope })
  const rows = await lettersInUnits(ctx.db, unitIds)
  if (rows.length === 0) return { writes: [], replies: [text(ctx.t('letters.noneInScope'))] }
  const views = await letterViews(ctx, rows, { progress: true })
  const standings: LetterStanding[] = views.map((v) => ({ row: v.row, percent: v.progress?.percent }))
  const unit = roots.map((r) => r.name).join('、')
  if (ALL.includes(scope.toLowerCase()))
    return { writes: [], replies: [card(lettersOverviewCard(ctx.locale, unit, standings))] }
  const levels = [...new Set(rows.map((r) => r.level))]
  if (!levels.includes(scope))
    throw new UserError('letters.noLevel', { level: scope, levels: levels.join('、') })
  const of = standings.filter((s) => s.row.level === scope)
  return { writes: [], replies: [card(lettersLevelCard(ctx.locale, unit, scope, of))] }
}

/** `责任书 [全部|<层级>]`: my letters with progress; leaders and admins see the letters under them. */
export const letterCmd = command({
  id: 'letter',
  names: ['责任书'],
  aliases: ['letter'],
  who: ['member'],
  params: [{ name: 'scope' }],
  args: z.object({ scope: z.string().max(20, 'arg.tooLong').optional() }),
  async run(ctx, { scope }): Promise<Outcome> {
    const me = ctx.me as Me
    if (scope !== undefined) {
      if (!me.grants.some((g) => g.role === 'leader' || g.role === 'admin'))
        throw new UserError('letters.notOverseer', { scope })
      return overview(ctx, me, scope)
    }
    const rows = await lettersOfSigner(ctx.db, me.id)
    if (rows.length === 0) return { writes: [], replies: [text(ctx.t('letters.none'))] }
    const views = await letterViews(ctx, rows, { progress: true })
    return { writes: [], replies: views.map((v) => card(letterCard(ctx.locale, v))) }
  },
})

/** `确认责任书`: confirms the newest version of each of my letters not confirmed yet. */
export const confirmLetterCmd = command({
  id: 'confirmletter',
  names: ['确认责任书'],
  aliases: ['confirmletter'],
  who: ['member'],
  params: [],
  args: z.object({}).strict(),
  async run(ctx): Promise<Outcome> {
    const me = ctx.me as Me
    const rows = await lettersOfSigner(ctx.db, me.id)
    if (rows.length === 0) return { writes: [], replies: [text(ctx.t('letters.none'))] }
    const pending = rows.filter((r) => r.confirmedAt === null)
    if (pending.length === 0) return { writes: [], replies: [text(ctx.t('letters.allConfirmed'))] }
    return {
      writes: pending.map((r) =>
        confirmLetter(ctx.db, {
          letterId: r.id,
          version: r.version,
          memberId: me.id,
          platform: ctx.platform,
          at: ctx.now,
        }),
      ),
      replies: pending.map((r) =>
        text(
          ctx.t('letters.confirmedNow', { code: r.code, unit: r.unitName, span: spanOf(r), v: r.version }),
        ),
      ),
    }
  },
})

const clickValue = z.string().regex(/^\d{1,9}:\d{1,6}$/)

/**
 * 确认签订 on the letter card: the signer confirms the version the card shows, once. A second click (or a click
 * racing it, re-run after the key refused it) finds the confirmation and changes nothing; a click on an older
 * version's card shows the new version instead.
 */
const confirmClicked: ActionHandler = async (ctx, value) => {
  if (!ctx.me) throw new UserError('common.needBind')
  if (!clickValue.safeParse(value).success) throw new UserError('letters.noLetter')
  const [id, version] = value.split(':').map(Number) as [number, number]
  const row = await letterById(ctx.db, id)
  if (!row) throw new UserError('letters.noLetter')
  if (row.signerId !== ctx.me.id) throw new UserError('letters.notYours')
  const [view] = await letterViews(ctx, [row], { progress: false })
  const shown = view ? letterCard(ctx.locale, view) : undefined
  if (row.version !== version)
    return {
      writes: [],
      replies: [],
      toast: { kind: 'info', text: ctx.t('letters.outdated', { v: row.version }) },
      card: shown,
    }
  if (row.confirmedAt !== null)
    return {
      writes: [],
      replies: [],
      toast: {
        kind: 'info',
        text: ctx.t('letters.alreadyConfirmed', {
          v: row.version,
          at: confirmedAtText(row.confirmedAt, ctx.timeZone) ?? '',
        }),
      },
      card: shown,
    }
  const confirmed = { ...row, confirmedAt: ctx.now }
  return {
    writes: [
      confirmLetter(ctx.db, {
        letterId: id,
        version,
        memberId: ctx.me.id,
        platform: ctx.platform,
        at: ctx.now,
      }),
    ],
    replies: [],
    toast: {
      kind: 'success',
      text: ctx.t('letters.confirmedNow', {
        code: row.code,
        unit: row.unitName,
        span: spanOf(row),
        v: version,
      }),
    },
    card: view
      ? letterCard(ctx.locale, {
          ...view,
          row: confirmed,
          confirmedAt: confirmedAtText(ctx.now, ctx.timeZone),
        })
      : undefined,
  }
}

export const letterActions: Record<string, ActionHandler> = { 'letter.confirm': confirmClicked }
