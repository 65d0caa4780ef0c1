import crypto from 'node:crypto'

export const ENCRYPT_KEY = 'test-encrypt-key'
export const VERIFICATION_TOKEN = 'test-verification-token'

/** Feishu's encryption: AES-256-CBC, key sha256(encryptKey), a random IV in front, base64. */
export function encrypt(plain: string, key = ENCRYPT_KEY): string {
  const iv = crypto.randomBytes(16)
  const cipher = crypto.createCipheriv('aes-256-cbc', crypto.createHash('sha256').update(key).digest(), iv)
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64')
}

/** Headers and body of a signed, encrypted event as Feishu posts it. */
export function signedEvent(event: object, opts: { timestampSec: number; key?: string; nonce?: string }) {
  const key = opts.key ?? ENCRYPT_KEY
  const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(event), key) })
  const timestamp = String(opts.timestampSec)
  const nonce = opts.nonce ?? crypto.randomBytes(8).toString('hex')
  const signature = crypto
    .createHash('sha256')
    .update(timestamp + nonce + key + body)
    .digest('hex')
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signature,
    },
  }
}

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
