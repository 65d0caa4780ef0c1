import type { LedgerItemRow } from '../db/ledger'
import type { ledgerHistory } from '../db/schema'
import type { UnitNode } from '../domain/members'
import { wallTime } from '../domain/time'
import { type Locale, type MessageKey, translate } from '../i18n'
import type { Card } from './card'

const EXCERPT = 30

const excerpt = (s: string) => (s.length > EXCERPT ? `${s.slice(0, EXCERPT)}…` : s)
const statusWord = (locale: Locale, s: LedgerItemRow['status']) =>
  translate(locale, `ledger.status.${s}` as MessageKey)

/** 台账: one row per item; cells are plain text, which each adapter escapes. */
export function ledgerListCard(
  locale: Locale,
  o: {
    items: LedgerItemRow[]
    statusLabel: string
    units: ReadonlyMap<number, UnitNode>
    names: ReadonlyMap<number, string>
    shown: number
  },
): Card {
  const t = (k: MessageKey, p?: Record<string, string | number>) => translate(locale, k, p)
  return {
    title: t('ledger.listTitle', { status: o.statusLabel, count: o.items.length }),
    tone: 'info',
    sections: [
      {
        kind: 'table',
        columns: t('ledger.listColumns').split('|'),
        rows: o.items.map((i) => [
          String(i.id),
          statusWord(locale, i.status),
          i.category,
          o.units.get(i.branchId)?.name ?? '',
          excerpt(i.text),
          i.ownerId ? (o.names.get(i.ownerId) ?? '') : '',
          i.dueDay ?? '',
        ]),
      },
      ...(o.items.length >= o.shown
        ? [{ kind: 'markdown' as const, text: t('ledger.listMore', { shown: o.shown }) }]
        : []),
    ],
  }
}

/** `台账 <编号>`: the item and every step with who and when. */
export function ledgerItemCard(
  locale: Locale,
  o: {
    item: LedgerItemRow
    history: (typeof ledgerHistory.$inferSelect)[]
    units: ReadonlyMap<number, UnitNode>
    names: ReadonlyMap<number, string>
    timeZone: string
  },
): Card {
  const t = (k: MessageKey, p?: Record<string, string | number>) => translate(locale, k, p)
  const { item, names } = o
  const who = (id: number | null) => (id === null ? t('ledger.listAnonymous') : (names.get(id) ?? ''))
  const fields = [
    { label: t('ledger.itemCategory'), value: item.category },
    { label: t('ledger.itemUnit'), value: o.units.get(item.branchId)?.name ?? '' },
    { label: t('ledger.itemReporter'), value: item.source === 'feedback' ? who(item.reporterId) : '' },
    { label: t('ledger.itemOwner'), value: item.ownerId ? who(item.ownerId) : '' },
    { label: t('ledger.itemLeader'), value: item.leaderId ? who(item.leaderId) : '' },
    { label: t('ledger.itemDue'), value: item.dueDay ?? '' },
    { label: t('ledger.itemTask'), value: item.taskId ? `#${item.taskId}` : '' },
  ].filter((f) => f.value !== '')
  return {
    title: t('ledger.itemTitle', { id: item.id, status: statusWord(locale, item.status) }),
    tone: item.status === 'closed' ? 'success' : 'info',
    sections: [
      // The reported text as a table cell: plain text that each adapter escapes, never markdown.
      { kind: 'table', columns: [t('ledger.itemText')], rows: [[item.text]] },
      { kind: 'fields', fields },
      {
        kind: 'table',
        columns: t('ledger.historyColumns').split('|'),
        rows: o.history.map((h) => {
          const files = h.attachments ? (JSON.parse(h.attachments) as unknown[]).length : 0
          return [
            wallTime(h.at, o.timeZone, true),
            t(`ledger.step.${h.kind}` as MessageKey),
            who(h.actorId),
            `${h.note ?? ''}${files ? t('ledger.historyAttachments', { count: files }) : ''}`,
          ]
        }),
      },
    ],
  }
}
