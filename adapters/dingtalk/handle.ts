import { type Core, receive, receiveDeferred } from '../../src/core'
import { card as cardReply, text } from '../../src/messages'
import { renderDingtalk } from './cards'
import type { DingtalkClient } from './client'
import { parseDingtalk } from './parse'

export type DingtalkDoor = { core: Core; client: DingtalkClient }

/**
 * The one door for both DingTalk transports (HTTP callback, Stream): a message goes into the inbox and is
 * processed after the answer. A button click (a `▶ … #action|value` message, cards.ts) is processed at once;
 * robot messages cannot be edited, so its toast and its updated card go to the clicker as new private messages.
 */
export async function acceptDingtalk(door: DingtalkDoor, body: unknown): Promise<string> {
  const { core, client } = door
  const parsed = parseDingtalk(body, client.robotCode, core.clock())
  switch (parsed.kind) {
    case 'message':
      return (await receiveDeferred(core, parsed.incoming)).duplicate ? 'duplicate' : 'accepted'
    case 'action': {
      const result = await receive(core, parsed.action)
      if (result.duplicate) return 'duplicate'
      const { toast, card } = result
      const userId = parsed.action.userId
      core.defer(async () => {
        try {
          if (toast) await client.sendToUser(userId, renderDingtalk(text(toast.text), 'member'))
          if (card) await client.sendToUser(userId, renderDingtalk(cardReply(card), 'member'))
        } catch (err) {
          core.process.log(`dingtalk: answering the click ${parsed.action.eventId} failed`, err)
        }
      })
      return 'accepted'
    }
    case 'ignored':
      return `ignored: ${parsed.reason}`
  }
}
