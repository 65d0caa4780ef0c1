import type { Button, Card } from '../../src/cards/card'
import type { Reply } from '../../src/messages'
import { cardMarkdownLines, cut, inertMarkdown } from '../wecom/markdown'
import type { RobotMessage } from './client'
import { DINGTALK_SIZE_LIMITS } from './limits'

/**
 * Reply → a robot message template (企业机器人发送消息的消息类型, https://open.dingtalk.com/document/orgapp/robot-message-types-and-data-format):
 * text as `sampleText`, a card as `sampleMarkdown`.
 * Buttons: 互动卡片 need a card template built in DingTalk's card platform for each app, and sampleActionCard
 * buttons can only open a URL, which would need a public page of ours. So in a private chat each button is a
 * markdown link `dtmd://dingtalkclient/sendMessage?content=…`, which makes the member's client send that text to
 * the robot (消息链接说明, https://open.dingtalk.com/document/orgapp/message-link-description); the text names
 * the button (`▶ 确认 #bind.approve|17`) and comes back as a click. In a group the robot hears only @-messages,
 * so there the buttons are listed as text and the typed command does the same.
 */
export const CLICK_PREFIX = '▶ '

export const clickText = (b: Pick<Button, 'label' | 'action' | 'value'>) =>
  `${CLICK_PREFIX}${b.label} #${b.action}|${b.value}`

/** A message sent by a button link → its `{ action, value }`; anything else is not a click. */
export function parseClick(text: string): { action: string; value: string } | undefined {
  if (!text.startsWith(CLICK_PREFIX)) return undefined
  const m = /\s#([A-Za-z][\w.-]*)\|(\S*)\s*$/.exec(text)
  return m ? { action: m[1] as string, value: m[2] as string } : undefined
}

function buttonLinks(card: Card): string[] {
  const buttons = card.sections.flatMap((s) => (s.kind === 'buttons' ? s.buttons : []))
  if (!buttons.length) return []
  const link = (b: Button) =>
    `[${inertMarkdown(b.label)}](dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(clickText(b))})`
  return [buttons.map(link).join('　')]
}

const cutText = (s: string) => cut(s, DINGTALK_SIZE_LIMITS.textChars)

export function renderDingtalk(reply: Reply, to: 'member' | 'group'): RobotMessage {
  if (reply.kind !== 'card')
    return { msgKey: 'sampleText', msgParam: JSON.stringify({ content: cutText(reply.text) }) }
  const card = reply.card
  const lines = [...cardMarkdownLines(card, to === 'group'), ...(to === 'member' ? buttonLinks(card) : [])]
  // DingTalk's markdown joins single newlines: a blank line keeps each line its own.
  const text = cutText(lines.join('\n\n'))
  const title = cut(card.title, DINGTALK_SIZE_LIMITS.titleChars)
  return { msgKey: 'sampleMarkdown', msgParam: JSON.stringify({ title, text }) }
}
