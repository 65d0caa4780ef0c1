import { type Core, receive, receiveDeferred } from '../../src/core'
import { templateCard } from './cards'
import type { WecomClient } from './client'
import { parseWecom } from './parse'

export type WecomDoor = { core: Core; client: WecomClient }

/**
 * The door for WeCom callbacks: a message goes into the inbox and is processed after the answer; a card
 * click is processed at once and its toast (a private text, WeCom has no toast) and updated card (the
 * ResponseCode's one update_template_card) go out in the background, so the callback is answered at once.
 */
export async function acceptWecom(door: WecomDoor, xml: Record<string, unknown>): Promise<string> {
  const { core, client } = door
  const parsed = parseWecom(xml, client.agentId, core.clock())
  switch (parsed.kind) {
    case 'message':
      return (await receiveDeferred(core, parsed.incoming)).duplicate ? 'duplicate' : 'accepted'
    case 'action': {
      const result = await receive(core, parsed.action)
      if (result.duplicate) return 'duplicate'
      const { toast, card } = result
      const { userId, messageId: taskId } = parsed.action
      core.defer(async () => {
        try {
          if (toast)
            await client.sendMessage({ touser: userId, msgtype: 'text', text: { content: toast.text } })
          if (card && parsed.responseCode)
            await client.updateTemplateCard({
              userids: [userId],
              response_code: parsed.responseCode,
              template_card: templateCard(card, taskId),
            })
        } catch (err) {
          core.process.log(`wecom: answering the click on card ${taskId} failed`, err)
        }
      })
      return 'accepted'
    }
    case 'ignored':
      return `ignored: ${parsed.reason}`
  }
}
