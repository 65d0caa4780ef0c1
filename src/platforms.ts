import type { Hono } from 'hono'
import { consoleOutbound } from '../adapters/console/outbound'
import { cachedBotOpenId } from '../adapters/feishu/bot-identity'
import { FeishuClient } from '../adapters/feishu/client'
import type { FeishuCrypto } from '../adapters/feishu/crypto'
import { feishuOutbound } from '../adapters/feishu/outbound'
import { feishuRoutes } from '../adapters/feishu/routes'
import { telegramApi } from '../adapters/telegram/client'
import { registerCommands } from '../adapters/telegram/commands'
import type { TelegramDoor } from '../adapters/telegram/handle'
import { cachedBotIdentity } from '../adapters/telegram/identity'
import { telegramOutbound } from '../adapters/telegram/outbound'
import { telegramRoutes } from '../adapters/telegram/routes'
import type { CommandIndex } from './commands/parse'
import type { Config } from './config'
import type { Core } from './core'
import type { Outbound } from './outbox/outbound'

export type Mount = { path: string; app: Hono }

/**
 * The messengers this configuration enables, for either shell: their outbound senders (needed to build the
 * core) and, once the core exists, their webhook routes. A new messenger adds its lines here.
 */
export function platformsFor(config: Config, crypto: FeishuCrypto, fetchImpl: typeof fetch = fetch) {
  const feishu = config.feishu
    ? new FeishuClient({
        appId: config.feishu.appId,
        appSecret: config.feishu.appSecret,
        domain: config.feishu.domain,
        fetch: fetchImpl,
      })
    : undefined
  const telegram = config.telegram
    ? telegramApi({ token: config.telegram.token, apiRoot: config.telegram.apiRoot, fetch: fetchImpl })
    : undefined
  const outbounds: Outbound[] = [
    consoleOutbound,
    ...(feishu ? [feishuOutbound(feishu)] : []),
    ...(telegram ? [telegramOutbound(telegram)] : []),
  ]
  let telegramBot: TelegramDoor['bot'] | undefined
  /** Telegram's accept-into-inbox door, shared by the webhook and polling; one username cache per process. */
  const telegramDoor = (core: Core): TelegramDoor | undefined => {
    if (!telegram) return undefined
    telegramBot ??= cachedBotIdentity(telegram, core.clock, (m) => core.process.log(m))
    return { core, api: telegram, bot: telegramBot }
  }
  let botOpenId: (() => Promise<string | undefined>) | undefined
  /** One cache of the bot's own id per process, shared by the webhook and the long connection. */
  const feishuBotOpenId = (core: Core) => {
    botOpenId ??= feishu
      ? cachedBotOpenId(
          () => feishu.botInfo(),
          core.clock,
          (m) => core.process.log(m),
        )
      : async () => undefined
    return botOpenId
  }
  return {
    outbounds,
    feishuBotOpenId,
    telegramDoor,
    /** Start-up calls to the platforms (Telegram's command menu); a failure is logged, never fatal. */
    async announce(core: Core, index: CommandIndex): Promise<void> {
      if (!telegram) return
      await registerCommands(telegram, index, config.locale).catch((err: unknown) =>
        core.process.log('telegram: setMyCommands failed; the command menu stays as it was', err),
      )
    },
    mounts(core: Core): Mount[] {
      const mounts: Mount[] = []
      if (config.feishu?.mode === 'webhook' && feishu)
        mounts.push({
          path: '/webhooks/feishu',
          app: feishuRoutes({
            core,
            crypto,
            encryptKey: config.feishu.encryptKey,
            verificationToken: config.feishu.verificationToken,
            botOpenId: feishuBotOpenId(core),
          }),
        })
      const door = telegramDoor(core)
      if (config.telegram?.mode === 'webhook' && door)
        mounts.push({
          path: '/webhooks/telegram',
          app: telegramRoutes({ ...door, secret: config.telegram.webhookSecret }),
        })
      return mounts
    },
  }
}
