import { and, eq, gte, lte, sql } from 'drizzle-orm'
import { members, pointsLedger } from '../../src/db/schema'
import { rank } from '../../src/domain/points'
import { periodStart } from '../../src/domain/time'
import { addDays } from '../../src/domain/workdays'
import { card } from '../../src/messages'
import { chatsOfUnit } from '../calendar-targets'
import { calendarText } from '../calendar-text'
import { dataOf, dueDays, slotAt, unitsWithChats, viewAt } from '../calendar-view'
import type { Job, JobOutput, Slot } from '../job'

const AT = '10:00'
const TOP = 10

type Data = { unitId: number; unitName: string; from: string; to: string }

/**
 * On the first working day of each week, every branch group gets last week's (Monday–Sunday) top ten from the
 * points ledger. A week with no working day at all (the Spring Festival) has no ranking.
 */
export const weeklyRankingJob: Job = {
  name: 'weekly-ranking',
  async slots({ db, now, timeZone }) {
    const view = await viewAt(db, now)
    const slots: Slot[] = []
    for (const day of dueDays(view, now, timeZone)) {
      const week = periodStart(day, 'week')
      if (view.wd.shift(week, 1) !== day) continue
      const from = addDays(week, -7)
      for (const unit of unitsWithChats(view, ['branch']))
        slots.push(
          slotAt<Data>(`${from}@${unit.code}`, day, AT, timeZone, {
            unitId: unit.id,
            unitName: unit.name,
            from,
            to: addDays(week, -1),
          }),
        )
    }
    return slots.filter((s) => s.dueAt <= now)
  },
  async run(ctx, slot): Promise<JobOutput> {
    const { unitId, unitName, from, to } = dataOf<Data>(slot)
    const rows = await ctx.db
      .select({ memberId: members.id, name: members.name, points: sql<number>`sum(${pointsLedger.points})` })
      .from(pointsLedger)
      .innerJoin(members, eq(members.id, pointsLedger.memberId))
      .where(and(eq(members.branchId, unitId), gte(pointsLedger.day, from), lte(pointsLedger.day, to)))
      .groupBy(members.id)
    const ranked = rank(rows.map((r) => ({ ...r, unit: unitName, points: Number(r.points) })))
    const locale = ctx.defaultLocale
    const t = (key: string, params = {}) => calendarText(locale, key, params)
    const reply = card({
      title: t('rankingTitle', { branch: unitName }),
      tone: 'info',
      sections: [
        { kind: 'markdown', text: t('rankingPeriod', { from, to }) },
        ranked.length
          ? {
              kind: 'table',
              columns: t('rankingColumns').split('|'),
              rows: ranked.slice(0, TOP).map((r) => [String(r.place), r.name, String(r.points)]),
            }
          : { kind: 'markdown', text: t('rankingEmpty') },
      ],
    })
    const targets = await chatsOfUnit(ctx.db, unitId)
    return {
      writes: [],
      messages: targets.map((c) => ({
        platform: c.platform,
        to: { kind: 'chat' as const, id: c.chatId },
        locale,
        reply,
      })),
    }
  },
}
