import { asc, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { members, orgUnits, productionFigures, roleAssignments } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

const G = 'g-ZC01'
let bot: Bot

beforeEach(async () => {
  bot = await startBot()
})
afterEach(() => bot.close())

const figures = () =>
  bot.store.db
    .select({
      unit: orgUnits.code,
      metric: productionFigures.metric,
      day: productionFigures.day,
      value: productionFigures.value,
      seq: productionFigures.seq,
      source: productionFigures.source,
    })
    .from(productionFigures)
    .innerJoin(orgUnits, eq(orgUnits.id, productionFigures.unitId))
    .orderBy(asc(productionFigures.id))

/** Makes employee `no` a dispatcher of `unit` only. */
async function dispatcherOf(no: string, unit: string) {
  const [m] = await bot.store.db.select({ id: members.id }).from(members).where(eq(members.employeeNo, no))
  const [u] = await bot.store.db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, unit))
  await bot.store.db
    .insert(roleAssignments)
    .values({ memberId: m?.id as number, role: 'dispatcher', unitId: u?.id as number })
}

describe('报产 in a branch group', () => {
  it('records the secretary’s figure against the daily plan, and a second report corrects it keeping both', async () => {
    expect(await bot.read('u1001', '报产 原煤 3200吨', G)).toBe(
      '✅ 已记录 综采一队党支部 2026-11-25 原煤产量：3200吨\n日计划 3000吨，完成 106.67%',
    )
    bot.setNow(Date.parse('2026-11-25T11:30:00+08:00'))
    expect(await bot.read('u1001', '/report 原煤产量 3,100 t', G)).toBe(
      '✅ 已记录 综采一队党支部 2026-11-25 原煤产量：3100吨\n日计划 3000吨，完成 103.33%\n（更正：原报 3200吨，王建国 11-25 10:00 报；历史记录保留）',
    )
    expect(await figures()).toEqual([
      { unit: 'ZC01', metric: 'coal', day: '2026-11-25', value: 3200, seq: 1, source: 'chat' },
      { unit: 'ZC01', metric: 'coal', day: '2026-11-25', value: 3100, seq: 2, source: 'chat' },
    ])
  })

  it('takes a dispatcher of the organisation in any branch group, with a past day and a limit metric', async () => {
    expect(await bot.read('u1035', '报产 三违 0 昨天', G)).toBe(
      '✅ 已记录 综采一队党支部 2026-11-24 三违：0起\n控制指标 0起',
    )
    expect(await bot.read('u1035', '报产 进尺 １２．５米', 'g-JD01')).toBe(
      '✅ 已记录 机电队党支部 2026-11-25 进尺：12.5米\n日计划 12米，完成 104.17%',
    )
    expect(await figures()).toEqual([
      { unit: 'ZC01', metric: 'violations', day: '2026-11-24', value: 0, seq: 1, source: 'chat' },
      { unit: 'JD01', metric: 'footage', day: '2026-11-25', value: 12.5, seq: 1, source: 'chat' },
    ])
  })

  it('refuses other branches’ secretaries, a dispatcher outside their scope, members, private chats and bad forms', async () => {
    await dispatcherOf('1012', 'JD01')
    expect(await bot.read('u1012', '报产 原煤 3200吨', G)).toBe(
      '您不是「综采一队党支部」的支部书记或调度员，不能为它报产。请在您负责的支部群中报产。',
    )
    expect(await bot.read('u1011', '报产 原煤 3200吨', G)).toBe(
      '您不是「综采一队党支部」的支部书记或调度员，不能为它报产。请在您负责的支部群中报产。',
    )
    expect(await bot.read('u1002', '报产 原煤 3200吨', G)).toBe(
      '抱歉，「报产」只有调度员或支部书记可以使用。',
    )
    expect(await bot.read('u1001', '报产 原煤 3200吨')).toBe('「报产」请在支部群中使用。')
    expect(await bot.read('u1001', '报产 精煤 3200吨', G)).toBe(
      '没有「精煤」这个指标。可报的指标：原煤产量、进尺、安全生产天数、三违、隐患整改率、事故',
    )
    expect(await bot.read('u1001', '报产 原煤 3200米', G)).toBe(
      '「原煤产量」的单位不能是「米」，请用：吨、t、万吨、万t',
    )
    expect(await bot.read('u1001', '报产 原煤 3200吨 明天', G)).toBe('2026-11-26 还没到，不能提前报产。')
    expect(await bot.read('u1001', '报产 原煤 -3吨', G)).toBe('「原煤产量」不能是负数。')
    expect(await figures()).toEqual([])
    expect(await bot.read('u1012', '报产 事故 0', 'g-JD01')).toMatch(
      /^✅ 已记录 机电队党支部 2026-11-25 事故：0起/,
    )
  })

  it('keeps both of two reports racing on one figure, one after the other', async () => {
    await Promise.all([bot.read('u1001', '报产 原煤 3000吨', G), bot.read('u1035', '报产 原煤 3300吨', G)])
    const rows = await figures()
    expect(rows.map((r) => r.seq)).toEqual([1, 2])
    expect(rows.map((r) => r.value).sort()).toEqual([3000, 3300])
  })
})
