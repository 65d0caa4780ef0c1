import { nudgeRows, pendingPresses, retryStepAt, settleStep } from '../../src/db/escalation'
import type { Db } from '../../src/db/store'
import { localDay } from '../../src/domain/time'
import type { Platform } from '../../src/messages'
import type { Outbound, UrgentMode } from '../../src/outbox/outbound'
import { retryDecision } from '../../src/outbox/retry'
import { kindById } from './kinds'

export type PressDeps = {
  db: Db
  outbounds: ReadonlyMap<Platform, Outbound>
  now: () => number
  timeZone: string
  log: (msg: string, err?: unknown) => void
}

const MODE = { urgent: 'app', sms: 'sms', phone: 'phone' } as const satisfies Record<string, UrgentMode>

/**
 * Presses the 加急 steps whose time has come on their nudge: each sent nudge message is pressed for the member it
 * went to, on its own platform. A platform without 加急 (Telegram, the simulator) is skipped and logged; a nudge
 * still held in the outbox makes the step wait; an item done meanwhile ends it. Runs after each outbox drain.
 */
export async function pressPending(deps: PressDeps, limit = 20): Promise<number> {
  let pressed = 0
  for (const row of await pendingPresses(deps.db, deps.now(), limit)) {
    const k = { kind: row.kind, itemKey: row.itemKey, step: row.step }
    const where = `escalation ${row.kind} ${row.itemKey} step ${row.step} (${row.action})`
    const now = deps.now()
    const kind = kindById(row.kind)
    const item = await kind?.item(
      { db: deps.db, now, today: localDay(now, deps.timeZone), timeZone: deps.timeZone },
      row.itemKey,
    )
    if (!item || item.done) {
      await settleStep(deps.db, k, 'skipped', 'done before the 加急', row.attempts)
      continue
    }
    const nudges = await nudgeRows(deps.db, row.nudgeSource ?? '')
    if (nudges.some((n) => n.status === 'pending')) continue
    const sent = nudges.filter((n) => n.status === 'sent' && n.targetKind === 'user')
    const skipped: string[] = []
    const targets = sent.filter((n) => {
      const out = deps.outbounds.get(n.platform as Platform)
      if (out?.capabilities?.urgent && out.urgent && n.platformMessageId) return true
      skipped.push(n.platform)
      return false
    })
    for (const platform of new Set(skipped))
      deps.log(`${where}: ${platform} has no 加急; skipped for its members`)
    const attempt = row.attempts + 1
    try {
      for (const n of targets) {
        const out = deps.outbounds.get(n.platform as Platform) as Outbound
        await out.urgent?.({
          messageId: n.platformMessageId as string,
          userIds: [n.targetId],
          mode: MODE[row.action as keyof typeof MODE],
        })
      }
    } catch (err) {
      const decision = retryDecision(err, attempt)
      const why = err instanceof Error ? err.message : String(err)
      if (decision.retry) await retryStepAt(deps.db, k, now + decision.delayMs, attempt, why)
      else {
        deps.log(`${where}: 加急 failed: ${decision.reason}`)
        await settleStep(deps.db, k, 'failed', why, attempt)
      }
      continue
    }
    if (targets.length) pressed++
    const detail = targets.length
      ? skipped.length
        ? `pressed ${targets.length}; no 加急 on ${[...new Set(skipped)].join(', ')}`
        : `pressed ${targets.length}`
      : sent.length
        ? `no 加急 on ${[...new Set(skipped)].join(', ')}`
        : 'no nudge was delivered'
    await settleStep(deps.db, k, targets.length ? 'done' : 'skipped', detail, attempt)
  }
  return pressed
}
