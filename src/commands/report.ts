import { z } from 'zod'
import { latestFigure } from '../db/production'
import { rollupWrites } from '../db/production-writes'
import { productionFigures } from '../db/schema'
import { loadUnits } from '../db/units'
import { holdsOver } from '../domain/members'
import { parseReport, planOf, type ReportFailure } from '../domain/production'
import type { Metric } from '../domain/production-settings'
import { wallTime } from '../domain/time'
import { UserError } from '../errors'
import type { MessageKey, Params } from '../i18n'
import { text } from '../messages'
import { words } from './args'
import { type ChatBinding, type Ctx, command, type Me, type Outcome } from './command'

/** The message key and parameters that say what is wrong with a report (the chat and the API share them). */
export function failureMessage(
  f: ReportFailure,
  metrics: readonly Metric[],
): { key: MessageKey; params: Params } {
  const names = metrics.map((m) => m.name).join('、')
  switch (f.reason) {
    case 'noMetric':
      return { key: 'production.noMetric', params: { names } }
    case 'unknownMetric':
      return { key: 'production.unknownMetric', params: { word: f.word, names } }
    case 'noValue':
      return { key: 'production.noValue', params: { metric: f.metric.name, unit: f.metric.unit } }
    case 'negative':
      return { key: 'production.negative', params: { metric: f.metric.name } }
    case 'badUnit':
      return {
        key: 'production.badUnit',
        params: { metric: f.metric.name, unit: f.unit, units: Object.keys(f.metric.unitForms).join('、') },
      }
    case 'notInteger':
      return { key: 'production.notInteger', params: { metric: f.metric.name } }
    case 'tooLarge':
      return {
        key: 'production.tooLarge',
        params: { metric: f.metric.name, max: f.max, unit: f.metric.unit },
      }
    case 'badDate':
      return { key: 'production.badDate', params: { phrase: f.phrase } }
    case 'future':
      return { key: 'production.future', params: { day: f.day } }
    case 'tooOld':
      return { key: 'production.tooOld', params: { day: f.day, days: f.days } }
    case 'extra':
      return { key: 'production.extra', params: { extra: f.extra } }
  }
}

/** A figure as people read it: no trailing zeros, at most two decimals. */
export const formatValue = (v: number) => String(Math.round(v * 100) / 100)

function teamOf(ctx: Ctx): ChatBinding {
  if (!ctx.chat) throw new UserError('common.needBoundChat')
  return ctx.chat
}

/** `报产 <指标> <数值>[单位] [日期]`: one figure of this group's team for a day; a second report corrects it. */
export const report = command({
  id: 'report',
  names: ['报产'],
  aliases: ['report'],
  who: ['dispatcher', 'secretary'],
  chat: 'group',
  params: [{ name: 'spec', rest: true }],
  args: z.object({ spec: words(100) }),
  async run(ctx, { spec }): Promise<Outcome> {
    const me = ctx.me as Me
    const team = teamOf(ctx)
    const units = await loadUnits(ctx.db)
    if (!holdsOver(me, 'secretary', team.unitId, units) && !holdsOver(me, 'dispatcher', team.unitId, units))
      throw new UserError('production.notYourTeam', { unit: team.unitName })
    const { metrics, backdateDays } = ctx.settings.production
    const parsed = parseReport(spec, metrics, { now: ctx.now, timeZone: ctx.timeZone, backdateDays })
    if (!parsed.ok) {
      const { key, params } = failureMessage(parsed, metrics)
      throw new UserError(key, params)
    }
    const { metric, value, day } = parsed
    const before = await latestFigure(ctx.db, team.unitId, metric.code, day)
    const lines = [
      ctx.t('production.recorded', {
        unit: team.unitName,
        day,
        metric: metric.name,
        value: formatValue(value),
        unit2: metric.unit,
      }),
    ]
    const plan = planOf(ctx.settings.production, team.unitCode, metric).daily
    if (plan !== null)
      lines.push(
        metric.better === 'higher' && plan > 0
          ? ctx.t('production.againstPlan', {
              plan: formatValue(plan),
              unit: metric.unit,
              percent: formatValue((value / plan) * 100),
            })
          : ctx.t('production.againstLimit', { plan: formatValue(plan), unit: metric.unit }),
      )
    if (before) {
      const who = {
        name: before.name ?? ctx.t('production.someone'),
        at: wallTime(before.at, ctx.timeZone, true),
      }
      lines.push(
        before.value === value
          ? ctx.t('production.unchanged', who)
          : ctx.t('production.corrected', { ...who, old: formatValue(before.value), unit: metric.unit }),
      )
    }
    const figure = { unitId: team.unitId, metric: metric.code, day, value, seq: (before?.seq ?? 0) + 1 }
    return {
      writes: [
        ctx.db
          .insert(productionFigures)
          .values({ ...figure, source: 'chat', reportedBy: me.id, platform: ctx.platform, at: ctx.now }),
        ...rollupWrites(ctx.db, 1),
      ],
      replies: [text(lines.join('\n'))],
    }
  },
})
