import type { UrgentMode } from '../../src/outbox/outbound'

/**
 * Feishu's 加急 on a message the bot sent: PATCH /open-apis/im/v1/messages/{message_id}/urgent_app (in-app, free),
 * urgent_sms and urgent_phone (paid), body `{ user_id_list }`. Only the bot's own messages, and the bot must be in
 * the chat. https://open.feishu.cn/document/server-docs/im-v1/buzz_messages/urgent_app
 */
const PATHS: Record<UrgentMode, string> = { app: 'urgent_app', sms: 'urgent_sms', phone: 'urgent_phone' }

export function urgentRequest(m: { messageId: string; userIds: string[]; mode: UrgentMode }) {
  return {
    path: `/open-apis/im/v1/messages/${encodeURIComponent(m.messageId)}/${PATHS[m.mode]}?user_id_type=open_id`,
    body: { user_id_list: m.userIds },
  }
}
