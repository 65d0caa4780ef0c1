import type { Outbound } from '../../src/outbox/outbound'
import { renderCard, renderText } from './cards'
import type { FeishuClient } from './client'
import { FEISHU_LIMITS } from './limits'

/**
 * Feishu's side of the outbox: a chat target is a chat_id, a user target an open_id (the private chat with
 * the bot); a reply to a group command threads under it. The outbox row id is the API's `uuid`, so a retry
 * after a timeout never posts twice.
 */
export function feishuOutbound(client: FeishuClient): Outbound {
  return {
    platform: 'feishu',
    limits: FEISHU_LIMITS,
    capabilities: { urgent: true, edit: true, files: true },
    urgent: (m) => client.urgent(m),
    async send(msg) {
      const [msgType, body] =
        msg.reply.kind === 'card'
          ? (['interactive', renderCard(msg.reply.card)] as const)
          : (['text', renderText(msg.reply.text)] as const)
      const content = JSON.stringify(body)
      const platformMessageId = msg.replyTo
        ? await client.reply({ messageId: msg.replyTo, msgType, content, uuid: msg.id })
        : await client.send({
            receiveIdType: msg.target.kind === 'chat' ? 'chat_id' : 'open_id',
            receiveId: msg.target.id,
            msgType,
            content,
            uuid: msg.id,
          })
      return { platformMessageId }
    },
  }
}
