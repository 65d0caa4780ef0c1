import type { Button, Card } from '../../src/cards/card'
import { cardToText } from '../../src/cards/card'
import type { Reply } from '../../src/messages'
import { WECOM_SIZE_LIMITS } from './limits'
import { byteLength, cardMarkdownLines, cut, withinBytes } from './markdown'

/**
 * Reply → the body of message/send or appchat/send (https://developer.work.weixin.qq.com/document/path/90236,
 * path/90248). A card with buttons sent to a member becomes a button_interaction template card, whose clicks
 * come back as template_card_event; everything else is markdown (a group cannot take template cards, so its
 * buttons are listed as text). Text replies are plain `text` messages, which WeCom shows as typed.
 */
export type WecomBody = { msgtype: 'text' | 'markdown' | 'template_card'; [k: string]: unknown }

/** A button's `{ action, value }` as its key: `action|value`; action names never contain `|`. */
export const buttonKey = (b: Pick<Button, 'action' | 'value'>) => `${b.action}|${b.value}`

export function decodeButtonKey(key: string): { action: string; value: string } | undefined {
  const bar = key.indexOf('|')
  if (bar <= 0) return undefined
  return { action: key.slice(0, bar), value: key.slice(bar + 1) }
}

const STYLE = { primary: 1, default: 1, danger: 2 } as const

function cutBytes(text: string, max: number): string {
  let s = text
  while (byteLength(s) > max) s = `${s.slice(0, Math.floor(s.length * 0.9))}…`
  return s
}

const buttonsOf = (card: Card) => card.sections.flatMap((s) => (s.kind === 'buttons' ? s.buttons : []))

/** The template card for a member: title, the body as plain text, up to six buttons. `taskId` names it. */
export function templateCard(card: Card, taskId: string): Record<string, unknown> {
  const body = cardToText({ ...card, sections: card.sections.filter((s) => s.kind !== 'buttons') })
    .split('\n')
    .slice(1)
    .join('\n')
  const buttons = buttonsOf(card)
    .filter((b) => byteLength(buttonKey(b)) <= WECOM_SIZE_LIMITS.buttonKeyBytes)
    .slice(0, WECOM_SIZE_LIMITS.buttons)
  return {
    card_type: 'button_interaction',
    main_title: { title: cut(card.title, WECOM_SIZE_LIMITS.titleChars) },
    // Plain text: WeCom does not parse markup in template card fields.
    ...(body ? { sub_title_text: cut(body, WECOM_SIZE_LIMITS.subTitleChars) } : {}),
    button_list: buttons.map((b) => ({
      text: cut(b.label, WECOM_SIZE_LIMITS.buttonTextChars),
      style: STYLE[b.style ?? 'default'],
      key: buttonKey(b),
    })),
    task_id: taskId,
  }
}

/** task_id: "只能由数字、字母和“_-@”组成", at most 128 bytes; the outbox row id (a UUID) fits. */
export const taskIdOf = (outboxId: string) =>
  outboxId.replace(/[^\w@-]/g, '_').slice(0, WECOM_SIZE_LIMITS.taskIdBytes)

export function renderWecom(reply: Reply, to: 'member' | 'group', outboxId: string): WecomBody {
  if (reply.kind !== 'card')
    return { msgtype: 'text', text: { content: cutBytes(reply.text, WECOM_SIZE_LIMITS.textBytes) } }
  const card = reply.card
  if (to === 'member' && buttonsOf(card).length)
    return { msgtype: 'template_card', template_card: templateCard(card, taskIdOf(outboxId)) }
  const content = withinBytes(cardMarkdownLines(card, true), WECOM_SIZE_LIMITS.markdownBytes)
  return { msgtype: 'markdown', markdown: { content } }
}
