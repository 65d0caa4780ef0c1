import { type LedgerItemRow, ledgerItemById } from '../db/ledger'
import { loadUnits } from '../db/units'
import { STEP_FROM } from '../domain/ledger'
import { holdsOver, type UnitNode } from '../domain/members'
import { UserError } from '../errors'
import type { MessageKey } from '../i18n'
import type { Ctx, Me } from './command'

export type LoadedItem = { item: LedgerItemRow; units: ReadonlyMap<number, UnitNode> }

/** Whether `me` supervises the item: an inspector of its unit or of a unit above it. */
export const supervises = (me: Me, item: LedgerItemRow, units: ReadonlyMap<number, UnitNode>) =>
  holdsOver(me, 'inspector', item.branchId, units)

/**
 * The item, when `me` may see it: its inspectors, and for 整改 its 责任人. Anyone else hears the same answer as
 * for a number that does not exist, so the ledger does not even confirm that an item is there.
 */
export async function loadItem(ctx: Ctx, me: Me, id: number, asOwner = false): Promise<LoadedItem> {
  const [item, units] = await Promise.all([ledgerItemById(ctx.db, id), loadUnits(ctx.db)])
  if (!item || !(supervises(me, item, units) || (asOwner && item.ownerId === me.id)))
    throw new UserError('ledger.noItem', { id })
  return { item, units }
}

/** Refuses a step the item's status does not allow (a second 立项, 验证 before 整改, anything after 销号). */
export function requireStep(ctx: Ctx, item: LedgerItemRow, step: keyof typeof STEP_FROM): void {
  if (STEP_FROM[step].includes(item.status)) return
  throw new UserError('ledger.wrongStep', {
    id: item.id,
    status: ctx.t(`ledger.status.${item.status}` as MessageKey),
    step: ctx.t(
      `ledger.step.${step === 'open' ? 'opened' : step === 'fix' ? 'evidence' : 'passed'}` as MessageKey,
    ),
  })
}
