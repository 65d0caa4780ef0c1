import { desc } from 'drizzle-orm'
import { Hono } from 'hono'
import { tickDepsFor } from '../../scheduler/deps'
import { tick } from '../../scheduler/tick'
import type { Core } from '../../src/core'
import { escalationSteps } from '../../src/db/schema'
import { localDay, wallTime } from '../../src/domain/time'
import { ClockMove, clockControlOf, targetOf } from './clock'

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
/** The ladder steps the page lists: the newest few are what a clock move just did. */
const STEPS_SHOWN = 12

function localTime(ms: number, timeZone: string) {
  const day = localDay(ms, timeZone)
  const weekday = WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]
  return `${day} ${weekday} ${wallTime(ms, timeZone)}`
}

/**
 * `/dev/clock`: the simulated time, and moving it forward. A move runs the scheduler's tick at once at the new
 * time, as a bot that had been down over the jump would on its restart: slots within the grace fire, older ones are
 * recorded as skipped (scheduler/tick.ts), and the outbox sends what the new time released (held pushes included).
 */
export function clockRoutes(core: Core): Hono {
  const app = new Hono()
  const { timeZone } = core.config
  const control = clockControlOf(core.clock)

  async function state() {
    const now = core.clock()
    const steps = await core.store.db
      .select({
        kind: escalationSteps.kind,
        item: escalationSteps.itemKey,
        step: escalationSteps.step,
        action: escalationSteps.action,
        status: escalationSteps.status,
        detail: escalationSteps.detail,
        firedAt: escalationSteps.firedAt,
      })
      .from(escalationSteps)
      .orderBy(desc(escalationSteps.firedAt), desc(escalationSteps.step))
      .limit(STEPS_SHOWN)
    return {
      now: new Date(now).toISOString(),
      local: localTime(now, timeZone),
      timeZone,
      offsetMinutes: Math.round((control?.offsetMs() ?? 0) / 60_000),
      movable: control !== undefined,
      steps: steps.map((s) => ({ ...s, firedAt: localTime(s.firedAt, timeZone) })),
    }
  }

  app.get('/dev/clock', async (c) => c.json(await state()))

  app.post('/dev/clock', async (c) => {
    if (!control)
      return c.json({ error: '这个进程的时钟不能调：只有本地模拟器（npm start，未配置平台）可以调时钟' }, 409)
    let body: unknown
    try {
      body = await c.req.json()
    } catch {
      body = undefined
    }
    const parsed = ClockMove.safeParse(body)
    if (!parsed.success)
      return c.json(
        {
          error: '时钟操作不对',
          problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`),
          example: [
            { action: 'advance', minutes: 60 },
            { action: 'nextMorning', at: '07:30' },
            { action: 'reset' },
          ],
        },
        400,
      )
    const target = targetOf(parsed.data, core.clock(), timeZone)
    if (target === 'reset') control.reset()
    else control.moveTo(target)
    const reports = await tick(tickDepsFor(core), core.clock())
    // Delivered before the answer, so the page's next look at the outbox shows it; 加急 presses follow the drain.
    await core.dispatcher.drain()
    core.kick()
    return c.json({
      ...(await state()),
      ran: reports.map((r) => ({ job: r.job, slot: r.slot, status: r.status, messages: r.messages.length })),
    })
  })

  return app
}
