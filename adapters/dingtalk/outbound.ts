import type { Outbound } from '../../src/outbox/outbound'
import { renderDingtalk } from './cards'
import type { DingtalkClient } from './client'
import { DINGTALK_LIMITS } from './limits'
import { memberOfChat } from './parse'

/**
 * DingTalk's side of the outbox: a user target or a `p2p:<userId>` chat goes through oToMessages/batchSend,
 * any other chat id is a group's openConversationId and goes through groupMessages/send. The robot APIs take
 * no idempotency key, so a send whose answer was lost is sent again (DESIGN §5: at least once).
 */
export function dingtalkOutbound(client: DingtalkClient): Outbound {
  return {
    platform: 'dingtalk',
    limits: DINGTALK_LIMITS,
    async send(msg) {
      const member = msg.target.kind === 'user' ? msg.target.id : memberOfChat(msg.target.id)
      const key =
        member !== undefined
          ? await client.sendToUser(member, renderDingtalk(msg.reply, 'member'))
          : await client.sendToGroup(msg.target.id, renderDingtalk(msg.reply, 'group'))
      return key ? { platformMessageId: key } : undefined
    },
  }
}
