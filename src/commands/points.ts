import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm'
import { z } from 'zod'
import { findMe, memberById } from '../db/queries'
import { members, orgUnits, pointsLedger } from '../db/schema'
import { loadUnits } from '../db/units'
import { lineage, oversees, subtree, type UnitNode } from '../domain/members'
import { rank, rankBranches } from '../domain/points'
import { localDay, periodStart } from '../domain/time'
import { UserError } from '../errors'
import type { MessageKey } from '../i18n'
import { card } from '../messages'
import { period } from './args'
import { type Ctx, command, type Me, reply } from './command'

/**
 * `@张三`, `@1001` or a platform mention → a member. A real @mention names an account, so it is exact; a typed
 * name must be unique to be used.
 */
export async function resolveMember(ctx: Ctx, ref: string) {
  const key = ref.replace(/^@/, '')
  const mentioned = ctx.mentions.find((m) => m.name === key)
  if (mentioned) {
    const me = await findMe(ctx.db, ctx.platform, mentioned.userId)
    const found = me ? await memberById(ctx.db, me.id) : undefined
    if (found) return found
  }
  const byNo = await ctx.db.select().from(members).where(eq(members.employeeNo, key))
  if (byNo[0]) return byNo[0]
  const byName = await ctx.db.select().from(members).where(eq(members.name, key))
  if (byName.length > 1) throw new UserError('points.ambiguous', { ref: key })
  if (!byName[0]) throw new UserError('points.unknownMember', { ref: key })
  return byName[0]
}

export const pointsCmd = command({
  id: 'points',
  names: ['积分'],
  aliases: ['points'],
  who: ['member'],
  params: [{ name: 'member' }],
  args: z.object({
    member: z
      .string()
      .regex(/^@\S+$/, 'arg.memberRef')
      .optional(),
  }),
  async run(ctx, { member: ref }) {
    const me = ctx.me as Me
    let target = { id: me.id, name: me.name, branchId: me.branchId }
    if (ref) {
      const found = await resolveMember(ctx, ref)
      if (found.id !== me.id) {
        const units = await loadUnits(ctx.db)
        const mayLook = oversees(me, found.branchId, units)
        if (!mayLook) {
          const isSecretary = me.grants.some((g) => g.role === 'secretary')
          throw new UserError(isSecretary ? 'points.notInBranch' : 'points.onlySelf', { name: found.name })
        }
      }
      target = { id: found.id, name: found.name, branchId: found.branchId }
    }
    const today = localDay(ctx.now, ctx.timeZone)
    const monthStart = periodStart(today, 'month')
    const [totals] = await ctx.db
      .select({
        total: sql<number>`coalesce(sum(${pointsLedger.points}), 0)`,
        month: sql<number>`coalesce(sum(case when ${pointsLedger.day} >= ${monthStart} then ${pointsLedger.points} else 0 end), 0)`,
      })
      .from(pointsLedger)
      .where(eq(pointsLedger.memberId, target.id))
    const recent = await ctx.db
      .select()
      .from(pointsLedger)
      .where(eq(pointsLedger.memberId, target.id))
      .orderBy(desc(pointsLedger.createdAt))
      .limit(10)
    const columns = ctx.t('points.columns').split('|')
    return reply(
      card({
        title: ctx.t('points.title', { name: target.name }),
        tone: 'info',
        sections: [
          {
            kind: 'fields',
            fields: [
              { label: ctx.t('points.total'), value: String(totals?.total ?? 0) },
              {
                label: ctx.t('points.period', { period: ctx.t('points.month') }),
                value: String(totals?.month ?? 0),
              },
            ],
          },
          recent.length
            ? {
                kind: 'table',
                columns: [...columns, ctx.t('pointsApproval.ruleColumn')],
                rows: recent.map((r) => [
                  r.day,
                  r.points > 0 ? `+${r.points}` : String(r.points),
                  r.reason,
                  ctx.t('pointsApproval.ruleVersion', {
                    rule: ruleLabel(ctx, r.rule),
                    version: r.settingsVersion,
                  }),
                ]),
              }
            : { kind: 'markdown', text: ctx.t('points.none') },
        ],
      }),
    )
  },
})

const LABELLED = new Set([
  'checkin',
  'checkinLate',
  'quiz',
  'challenge',
  'task',
  'proposal',
  'study',
  'manual',
])

/** The rule a ledger row was earned under, as 积分规则 names it. */
const ruleLabel = (ctx: Ctx, rule: string) =>
  LABELLED.has(rule)
    ? ctx.t(`points.rule.${rule}` as MessageKey)
    : rule === 'makeup'
      ? ctx.t('pointsApproval.makeupRule')
      : rule

export const rankCmd = command({
  id: 'rank',
  names: ['排行'],
  aliases: ['rank'],
  who: ['member'],
  params: [{ name: 'period' }],
  args: z.object({ period: period.optional() }),
  async run(ctx, args) {
    const me = ctx.me as Me
    const p = args.period ?? 'month'
    const units = await loadUnits(ctx.db)
    const scopeId = ctx.chat?.unitId ?? me.branchId
    const scope = units.get(scopeId)
    const since = periodStart(localDay(ctx.now, ctx.timeZone), p)
    const rows = await ctx.db
      .select({
        memberId: members.id,
        name: members.name,
        unit: orgUnits.name,
        points: sql<number>`sum(${pointsLedger.points})`,
      })
      .from(pointsLedger)
      .innerJoin(members, eq(members.id, pointsLedger.memberId))
      .innerJoin(orgUnits, eq(orgUnits.id, members.branchId))
      .where(and(gte(pointsLedger.day, since), inArray(members.branchId, subtree(units, scopeId))))
      .groupBy(members.id)
    const periodName = ctx.t(`points.${p}` as MessageKey)
    const ranked = rank(rows.map((r) => ({ ...r, points: Number(r.points) })))
    const mine = ranked.find((r) => r.memberId === me.id)
    const branches = await branchTable(ctx, units, me.branchId, since)
    // Individual ranks are for the member and whoever oversees the branch, unless settings open them to all.
    const showAll = ctx.settings.points.showMemberRank || oversees(me, scopeId, units)
    const table = {
      kind: 'table' as const,
      columns: ctx.t('points.rankColumns').split('|'),
      rows: ranked.slice(0, 10).map((r) => [String(r.place), r.name, r.unit, String(r.points)]),
    }
    return reply(
      card({
        title: ctx.t('points.rankTitle', { scope: scope?.name ?? '', period: periodName }),
        tone: 'info',
        sections: ranked.length
          ? [
              ...(showAll
                ? [table]
                : [{ kind: 'markdown' as const, text: ctx.t('pointsApproval.rankPrivate') }]),
              ...(mine
                ? [
                    {
                      kind: 'markdown' as const,
                      text: ctx.t('points.myRank', { rank: mine.place, points: mine.points }),
                    },
                  ]
                : []),
            ]
          : [{ kind: 'markdown', text: ctx.t('points.rankEmpty', { period: periodName }) }],
      }),
      ...branches,
    )
  },
})

/** The organisation's branches by points per active member in the period, with the asker's own branch marked. */
async function branchTable(ctx: Ctx, units: ReadonlyMap<number, UnitNode>, ownBranch: number, since: string) {
  const root = lineage(units, ownBranch).at(-1) ?? ownBranch
  const branchIds = subtree(units, root).filter((id) => units.get(id)?.kind === 'branch')
  if (branchIds.length < 2) return []
  const sums = await ctx.db
    .select({ unitId: members.branchId, points: sql<number>`sum(${pointsLedger.points})` })
    .from(pointsLedger)
    .innerJoin(members, eq(members.id, pointsLedger.memberId))
    .where(and(gte(pointsLedger.day, since), inArray(members.branchId, branchIds)))
    .groupBy(members.branchId)
  const sizes = await ctx.db
    .select({ unitId: members.branchId, n: sql<number>`count(*)` })
    .from(members)
    .where(and(inArray(members.branchId, branchIds), eq(members.active, true)))
    .groupBy(members.branchId)
  const points = new Map(sums.map((r) => [r.unitId, Number(r.points)]))
  const size = new Map(sizes.map((r) => [r.unitId, Number(r.n)]))
  const ranked = rankBranches(
    branchIds.map((id) => ({
      unitId: id,
      name: units.get(id)?.name ?? '',
      points: points.get(id) ?? 0,
      members: size.get(id) ?? 0,
    })),
  )
  return [
    card({
      title: ctx.t('points.branchRankTitle', { scope: units.get(root)?.name ?? '' }),
      tone: 'info',
      sections: [
        {
          kind: 'table',
          columns: ctx.t('points.branchRankColumns').split('|'),
          rows: ranked
            .filter((r, i) => i < 10 || r.unitId === ownBranch)
            .map((r) => [
              String(r.place),
              r.unitId === ownBranch ? `${r.name} ★` : r.name,
              String(r.members),
              String(r.points),
              String(r.average),
            ]),
        },
      ],
    }),
  ]
}

export const rulesCmd = command({
  id: 'rules',
  names: ['积分规则'],
  aliases: ['rules'],
  who: 'anyone',
  params: [],
  args: z.object({}).strict(),
  async run(ctx) {
    const p = ctx.settings.points
    const cap = (c: number | null) => (c === null ? ctx.t('points.noCap') : String(c))
    const rows = (['checkin', 'checkinLate', 'quiz', 'challenge', 'task', 'proposal', 'study'] as const).map(
      (rule) => [ctx.t(`points.rule.${rule}`), String(p[rule].points), cap(p[rule].dailyCap)],
    )
    rows.push([ctx.t('pointsApproval.makeupRule'), String(p.makeup.points), cap(p.makeup.dailyCap)])
    rows.push([ctx.t('points.rule.manual'), `≤ ${p.manual.maxPerAward}`, cap(p.manual.dailyCap)])
    const notes = [ctx.t('pointsApproval.capsNote')]
    if (p.approvalThreshold !== null)
      notes.push(ctx.t('pointsApproval.thresholdNote', { threshold: p.approvalThreshold }))
    return reply(
      card({
        title: ctx.t('points.rulesTitle', { version: ctx.settings.version }),
        tone: 'info',
        sections: [
          { kind: 'table', columns: ctx.t('points.rulesColumns').split('|'), rows },
          { kind: 'markdown', text: notes.join('\n') },
        ],
      }),
    )
  },
})
