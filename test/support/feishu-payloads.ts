// Feishu event bodies as the Open Platform sends them, before encryption: no crypto here, so the Node tests
// (feishu-events.ts, node:crypto) and the workerd tests (feishu-events-web.ts, Web Crypto) share them.
export const ENCRYPT_KEY = 'test-encrypt-key'
export const VERIFICATION_TOKEN = 'test-verification-token'

let n = 0
/** A schema 2.0 `im.message.receive_v1` event with a text message. */
export function textMessage(o: {
  text: string
  chatId: string
  chatType: 'group' | 'p2p'
  openId: string
  mentions?: { key: string; openId: string; name: string }[]
  eventId?: string
  messageId?: string
  msgType?: string
  senderType?: string
}) {
  n++
  return {
    schema: '2.0',
    header: {
      event_id: o.eventId ?? `ev_${n}_${Date.now()}`,
      token: VERIFICATION_TOKEN,
      create_time: '1764036000000',
      event_type: 'im.message.receive_v1',
      tenant_key: 'tenant_demo',
      app_id: 'cli_fake0000000000',
    },
    event: {
      sender: {
        sender_id: { open_id: o.openId, union_id: `on_${o.openId}`, user_id: o.openId.slice(3) },
        sender_type: o.senderType ?? 'user',
        tenant_key: 'tenant_demo',
      },
      message: {
        message_id: o.messageId ?? `om_${n}_${Date.now()}`,
        create_time: '1764036000000',
        chat_id: o.chatId,
        chat_type: o.chatType,
        message_type: o.msgType ?? 'text',
        content:
          o.msgType && o.msgType !== 'text'
            ? JSON.stringify({ image_key: 'img_v2_x' })
            : JSON.stringify({ text: o.text }),
        mentions: (o.mentions ?? []).map((m) => ({
          key: m.key,
          id: { open_id: m.openId, union_id: `on_${m.openId}`, user_id: m.openId.slice(3) },
          name: m.name,
          tenant_key: 'tenant_demo',
        })),
      },
    },
  }
}

/** A schema 2.0 `card.action.trigger` callback for one of our buttons. */
export function cardClick(o: {
  openId: string
  chatId: string
  messageId: string
  action: string
  value: string
  eventId?: string
}) {
  n++
  return {
    schema: '2.0',
    header: {
      event_id: o.eventId ?? `ev_click_${n}_${Date.now()}`,
      token: VERIFICATION_TOKEN,
      create_time: '1764036000000',
      event_type: 'card.action.trigger',
      tenant_key: 'tenant_demo',
      app_id: 'cli_fake0000000000',
    },
    event: {
      operator: {
        tenant_key: 'tenant_demo',
        user_id: o.openId.slice(3),
        open_id: o.openId,
        union_id: `on_${o.openId}`,
      },
      token: 'c-token',
      action: { value: { action: o.action, value: o.value }, tag: 'button' },
      host: 'im_message',
      context: { open_message_id: o.messageId, open_chat_id: o.chatId },
    },
  }
}

/** `im.chat.member.bot.added_v1`: the bot was added to a group. */
export function botAdded(chatId: string) {
  n++
  return {
    schema: '2.0',
    header: {
      event_id: `ev_added_${n}_${Date.now()}`,
      token: VERIFICATION_TOKEN,
      create_time: '1764036000000',
      event_type: 'im.chat.member.bot.added_v1',
      tenant_key: 'tenant_demo',
      app_id: 'cli_fake0000000000',
    },
    event: {
      chat_id: chatId,
      operator_id: { open_id: 'ou_1001', union_id: 'on_ou_1001', user_id: '1001' },
      external: false,
      operator_tenant_key: 'tenant_demo',
      name: '综采一队支部群',
    },
  }
}
