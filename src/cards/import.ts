import type { Ctx } from '../commands/command'
import type { Card } from './card'
import { escapeMarkdown } from './markdown'

/** The confirm card: what the file will change, and the two buttons naming the import by its start time. */
export function importConfirmCard(
  ctx: Pick<Ctx, 't'>,
  o: {
    kind: string
    file: string
    rows: number
    changes: string
    notes: string[]
    minutes: number
    key: string
  },
): Card {
  const body = ctx.t('imports.cardBody', {
    file: escapeMarkdown(o.file),
    rows: o.rows,
    changes: escapeMarkdown(o.changes),
    minutes: o.minutes,
  })
  return {
    title: ctx.t('imports.cardTitle', { kind: o.kind }),
    tone: 'warning',
    sections: [
      { kind: 'markdown', text: body },
      ...(o.notes.length
        ? [
            {
              kind: 'markdown' as const,
              text: `${ctx.t('imports.notes')}\n${o.notes.map(escapeMarkdown).join('\n')}`,
            },
          ]
        : []),
      {
        kind: 'buttons',
        buttons: [
          { label: ctx.t('imports.confirm'), action: 'import.confirm', value: o.key, style: 'primary' },
          { label: ctx.t('imports.cancel'), action: 'import.cancel', value: o.key, style: 'default' },
        ],
      },
    ],
  }
}

/** The card once decided: no buttons left to press. */
export function importDecidedCard(title: string, text: string, tone: Card['tone']): Card {
  return { title, tone, sections: [{ kind: 'markdown', text: escapeMarkdown(text) }] }
}
