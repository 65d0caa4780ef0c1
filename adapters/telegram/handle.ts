import type { Api } from 'grammy'
import { type Core, receive, receiveDeferred } from '../../src/core'
import { renderCard } from './cards'
import { call } from './client'
import { TELEGRAM_SIZE_LIMITS } from './limits'
import { editCard } from './outbound'
import { type BotIdentity, parseTelegram } from './parse'

export type TelegramDoor = { core: Core; api: Api; bot: () => Promise<BotIdentity> }

/**
 * The one door for every Telegram transport (webhook, polling): an update goes into the inbox, and the
 * caller may answer Telegram (or move the polling offset) once this resolves. Messages are processed after
 * that. A button click is processed at once (local and fast) for its toast and updated card, which go out as
 * answerCallbackQuery and editMessageText in the background: the answer never waits on an API call.
 */
export async function acceptTelegram(door: TelegramDoor, update: unknown): Promise<string> {
  const { core, api } = door
  const parsed = parseTelegram(update, await door.bot(), core.clock())
  switch (parsed.kind) {
    case 'message':
      return (await receiveDeferred(core, parsed.incoming)).duplicate ? 'duplicate' : 'accepted'
    case 'botAdded':
      return (await receiveDeferred(core, parsed.event)).duplicate ? 'duplicate' : 'accepted'
    case 'action': {
      const result = await receive(core, parsed.action)
      if (result.duplicate) return 'duplicate'
      const { toast, card } = result
      const ref = parsed.action.messageId
      core.defer(async () => {
        try {
          await call('answerCallbackQuery', () =>
            api.answerCallbackQuery(parsed.callbackQueryId, {
              ...(toast ? { text: toast.text.slice(0, TELEGRAM_SIZE_LIMITS.toastChars) } : {}),
              ...(toast?.kind === 'error' || toast?.kind === 'warning' ? { show_alert: true } : {}),
            }),
          )
          if (card) await editCard(api, ref, renderCard(card))
        } catch (err) {
          core.process.log(`telegram: answering click ${parsed.callbackQueryId} failed`, err)
        }
      })
      return 'accepted'
    }
    case 'staleClick':
      core.defer(() =>
        call('answerCallbackQuery', () => api.answerCallbackQuery(parsed.callbackQueryId)).catch((err) =>
          core.process.log('telegram: answering a stale click failed', err),
        ),
      )
      return `ignored: ${parsed.reason}`
    case 'ignored':
      return `ignored: ${parsed.reason}`
  }
}
