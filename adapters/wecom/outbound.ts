import { escapeMarkdown } from '../../src/cards/markdown'
import type { Db } from '../../src/db/store'
import { PlatformError } from '../../src/errors'
import type { Reply } from '../../src/messages'
import type { Outbound, OutboundMessage } from '../../src/outbox/outbound'
import { renderWecom } from './cards'
import { type WecomClient, WecomRefusal } from './client'
import { wecomGroupAudience } from './group-audience'
import { WECOM_LIMITS } from './limits'
import { memberOfChat } from './parse'

/** appchat/send's "chat not exist": the group was not created by the app (a smart-bot group). */
const NOT_AN_APP_GROUP = 86003
/** message/send's touser: "多个接收者用‘|’分隔，最多支持1000个" (https://developer.work.weixin.qq.com/document/path/90236). */
export const WECOM_TOUSER_MAX = 1000

/**
 * WeCom's side of the outbox: a user target, or a `p2p:<UserID>` chat (a member's private chat with the
 * app), goes through message/send; an answer to a group message the smart robot heard goes to that message's
 * response_url (its `replyTo`); any other group message goes through appchat/send, which reaches only the
 * groups the app created. Into any other group (a smart-bot group, errcode 86003) the app cannot post, so the
 * message goes privately to the bound members of the group's unit, prefixed with the group's name (DESIGN §6),
 * resolved from `db` when it is sent. Neither API takes an idempotency key (message/send's duplicate check
 * compares content, which would also drop a legitimate repeat), so a send whose answer was lost is sent again
 * (DESIGN §5); a template card's task_id is the row id, which WeCom does not accept twice.
 */
export function wecomOutbound(client: WecomClient, db?: Db): Outbound {
  return {
    platform: 'wecom',
    limits: WECOM_LIMITS,
    async send(msg) {
      const member = msg.target.kind === 'user' ? msg.target.id : memberOfChat(msg.target.id)
      if (member !== undefined) {
        if (member === '') throw new PlatformError('wecom', 400, { message: 'wecom: empty member id' })
        const body = renderWecom(msg.reply, 'member', msg.id)
        const msgid = await client.sendMessage({ touser: member, ...body })
        return msgid ? { platformMessageId: msgid } : undefined
      }
      const body = renderWecom(msg.reply, 'group', msg.id)
      // An answer to a smart-bot group message goes to its response_url; a push, to a group the app created.
      if (msg.replyTo?.includes('://')) {
        await client.respond(msg.replyTo, body)
        return undefined
      }
      try {
        await client.sendToChat({ chatid: msg.target.id, ...body })
        return undefined
      } catch (err) {
        if (!(err instanceof WecomRefusal) || err.errcode !== NOT_AN_APP_GROUP) throw err
      }
      return sendToGroupMembers(client, db, msg)
    },
  }
}

/** The group's message as one private message/send to its unit's bound members (per 1000 of them). */
async function sendToGroupMembers(client: WecomClient, db: Db | undefined, msg: OutboundMessage) {
  const chat = msg.target.id
  const audience = db ? await wecomGroupAudience(db, chat) : undefined
  if (!audience)
    throw new PlatformError('wecom', 400, {
      message: `wecom: group ${chat} is not an app group (appchat/send 86003) and is bound to no unit, so nobody can be told privately; bind it with 绑定群 or add the app's own group`,
    })
  if (audience.userIds.length === 0)
    throw new PlatformError('wecom', 400, {
      message: `wecom: group ${chat} (${audience.name}) is not an app group (appchat/send 86003) and no member of its unit is bound on WeCom, so nobody can be told privately`,
    })
  const reply = withGroupPrefix(msg.reply, audience.name)
  let first: string | undefined
  for (let from = 0; from < audience.userIds.length; from += WECOM_TOUSER_MAX) {
    // A card's task_id must differ per call: the row id, then the row id and the batch.
    const taskId = from === 0 ? msg.id : `${msg.id}-${from / WECOM_TOUSER_MAX}`
    const touser = audience.userIds.slice(from, from + WECOM_TOUSER_MAX).join('|')
    const msgid = await client.sendMessage({ touser, ...renderWecom(reply, 'member', taskId) })
    first ??= msgid
  }
  return first ? { platformMessageId: first } : undefined
}

/** 「综采一队党支部群」通知： before the message, so a member sees which group it was meant for. */
function withGroupPrefix(reply: Reply, groupName: string): Reply {
  const prefix = `「${groupName}」通知：`
  if (reply.kind !== 'card') return { kind: 'text', text: `${prefix}\n${reply.text}` }
  const card = reply.card
  return {
    kind: 'card',
    card: { ...card, sections: [{ kind: 'markdown', text: escapeMarkdown(prefix) }, ...card.sections] },
  }
}
