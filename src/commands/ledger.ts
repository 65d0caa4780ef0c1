import { z } from 'zod'
import { ledgerItemCard, ledgerListCard } from '../cards/ledger'
import { historyOf, ledgerOf, namesOf } from '../db/ledger'
import { loadUnits } from '../db/units'
import { type LedgerStatus, STATUS_WORDS } from '../domain/ledger'
import { subtree } from '../domain/members'
import { UserError } from '../errors'
import { type MessageKey, translate } from '../i18n'
import { card } from '../messages'
import { command, type Me, reply } from './command'
import { loadItem } from './ledger-access'

/** How many items one 台账 card lists, newest first. */
const SHOWN = 30
const ACTIVE: LedgerStatus[] = ['reported', 'open', 'submitted']
const ALL: LedgerStatus[] = [...ACTIVE, 'closed']

/** `台账 [状态|编号]`: the items of the inspector's subtrees, or one item with its history. */
export const ledgerCmd = command({
  id: 'ledger',
  names: ['台账'],
  aliases: ['ledger'],
  who: ['inspector'],
  // Reports name people and problems; they are not for a group to read over the inspector's shoulder.
  chat: 'p2p',
  params: [{ name: 'arg' }],
  args: z.object({ arg: z.string().max(20).optional() }),
  async run(ctx, { arg }) {
    const me = ctx.me as Me
    if (arg !== undefined && /^#?\d+$/.test(arg)) {
      const { item, units } = await loadItem(ctx, me, Number(arg.replace('#', '')))
      const history = await historyOf(ctx.db, item.id)
      const ids = [item.reporterId, item.ownerId, item.leaderId, ...history.map((h) => h.actorId)]
      const names = await namesOf(
        ctx.db,
        ids.filter((id): id is number => id !== null),
      )
      return reply(card(ledgerItemCard(ctx.locale, { item, history, units, names, timeZone: ctx.timeZone })))
    }
    const word = arg === undefined ? undefined : STATUS_WORDS[arg.toLowerCase()]
    if (arg !== undefined && !word) throw new UserError('ledger.badStatus', { word: arg })
    const statuses = word === 'all' ? ALL : word ? [word] : ACTIVE
    const units = await loadUnits(ctx.db)
    const roots = me.grants.filter((g) => g.role === 'inspector').map((g) => g.unitId)
    const branchIds = [...new Set(roots.flatMap((id) => subtree(units, id)))]
    if (branchIds.length === 0) throw new UserError('ledger.noScope', {})
    const items = await ledgerOf(ctx.db, branchIds, statuses, SHOWN)
    const statusLabel = statuses
      .map((s) => translate(ctx.locale, `ledger.status.${s}` as MessageKey))
      .join('/')
    if (items.length === 0)
      return reply({ kind: 'text', text: ctx.t('ledger.listNone', { status: statusLabel }) })
    const owners = items.map((i) => i.ownerId).filter((id): id is number => id !== null)
    const names = await namesOf(ctx.db, [...new Set(owners)])
    return reply(card(ledgerListCard(ctx.locale, { items, statusLabel, units, names, shown: SHOWN })))
  },
})
