import type { Hono } from 'hono'
import { consoleOutbound } from '../adapters/console/outbound'
import { consoleFetcher } from '../adapters/console/upload'
import { DingtalkClient } from '../adapters/dingtalk/client'
import type { DingtalkDoor } from '../adapters/dingtalk/handle'
import { dingtalkOutbound } from '../adapters/dingtalk/outbound'
import { dingtalkRoutes } from '../adapters/dingtalk/routes'
import { cachedBotOpenId } from '../adapters/feishu/bot-identity'
import { FeishuClient } from '../adapters/feishu/client'
import type { FeishuCrypto } from '../adapters/feishu/crypto'
import { feishuOutbound } from '../adapters/feishu/outbound'
import { downloadFeishuResource } from '../adapters/feishu/resources'
import { feishuRoutes } from '../adapters/feishu/routes'
import type { FeishuWebhookDeps } from '../adapters/feishu/webhook'
import { telegramApi } from '../adapters/telegram/client'
import { registerCommands } from '../adapters/telegram/commands'
import { downloadTelegramFile } from '../adapters/telegram/files'
import type { TelegramDoor } from '../adapters/telegram/handle'
import { cachedBotIdentity } from '../adapters/telegram/identity'
import { telegramOutbound } from '../adapters/telegram/outbound'
import { telegramRoutes } from '../adapters/telegram/routes'
import { wecomBotRoutes } from '../adapters/wecom/bot-routes'
import { WecomClient } from '../adapters/wecom/client'
import { importWecomKey, type WecomKey } from '../adapters/wecom/crypto'
import { wecomOutbound } from '../adapters/wecom/outbound'
import { wecomRoutes } from '../adapters/wecom/routes'
import type { WecomSecrets } from '../adapters/wecom/verify'
import type { AttachmentFetcher } from './attachments/port'
import type { CommandIndex } from './commands/parse'
import type { Config } from './config'
import type { Core } from './core'
import type { Db } from './db/store'
import type { Platform } from './messages'
import type { Outbound } from './outbox/outbound'

export type Mount = { path: string; app: Hono }

/**
 * The messengers this configuration enables, for either shell: their outbound senders (needed to build the
 * core) and, once the core exists, their webhook routes. A new messenger adds its lines here.
 */
export function platformsFor(
  config: Config,
  crypto: FeishuCrypto,
  fetchImpl: typeof fetch = fetch,
  /** Where WeCom finds a smart-bot group's members to tell privately (DESIGN §6). */
  db?: Db,
) {
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
  const wecom = config.wecom
    ? new WecomClient({
        corpId: config.wecom.corpId,
        agentId: config.wecom.agentId,
        secret: config.wecom.secret,
        apiRoot: config.wecom.apiRoot,
        fetch: fetchImpl,
      })
    : undefined
  const dingtalk = config.dingtalk
    ? new DingtalkClient({
        clientId: config.dingtalk.clientId,
        clientSecret: config.dingtalk.clientSecret,
        robotCode: config.dingtalk.robotCode,
        apiRoot: config.dingtalk.apiRoot,
        fetch: fetchImpl,
      })
    : undefined
  const outbounds: Outbound[] = [
    consoleOutbound,
    ...(feishu ? [feishuOutbound(feishu)] : []),
    ...(telegram ? [telegramOutbound(telegram)] : []),
    ...(wecom ? [wecomOutbound(wecom, db)] : []),
    ...(dingtalk ? [dingtalkOutbound(dingtalk)] : []),
  ]
  /** DingTalk's accept-into-inbox door, shared by the HTTP callback and the Stream connection. */
  const dingtalkDoor = (core: Core): DingtalkDoor | undefined =>
    dingtalk ? { core, client: dingtalk } : undefined
  let wecomSecrets: Promise<WecomSecrets> | undefined
  /** The callback secrets with the AES key imported once per process (Web Crypto's import is async). */
  const wecomSecretsOf = (cfg: NonNullable<Config['wecom']>) => () => {
    wecomSecrets ??= importWecomKey(cfg.aesKey).then((key) => ({ token: cfg.token, key, corpId: cfg.corpId }))
    return wecomSecrets
  }
  let wecomBotSecrets: Promise<{ token: string; key: WecomKey }> | undefined
  const wecomBotSecretsOf = (bot: { token: string; aesKey: string }) => () => {
    wecomBotSecrets ??= importWecomKey(bot.aesKey).then((key) => ({ token: bot.token, key }))
    return wecomBotSecrets
  }
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
  /** What `POST /webhooks/feishu` needs, when Feishu events come by webhook (Hono's route, Node's hot path). */
  const feishuWebhook = (core: Core): FeishuWebhookDeps | undefined =>
    config.feishu?.mode === 'webhook' && feishu
      ? {
          core,
          crypto,
          encryptKey: config.feishu.encryptKey,
          verificationToken: config.feishu.verificationToken,
          botOpenId: feishuBotOpenId(core),
        }
      : undefined
  return {
    outbounds,
    feishuWebhook,
    /** Each platform's download of a file a person sent, for commands that take one (导入). */
    fetchers(db: Db): Partial<Record<Platform, AttachmentFetcher>> {
      const tg = config.telegram
      return {
        console: consoleFetcher(db),
        ...(feishu ? { feishu: (a, limit) => downloadFeishuResource(feishu, a, limit) } : {}),
        ...(telegram && tg
          ? {
              telegram: (a, limit) =>
                downloadTelegramFile(
                  { api: telegram, token: tg.token, apiRoot: tg.apiRoot, fetch: fetchImpl },
                  a.ref,
                  limit,
                ),
            }
          : {}),
      }
    },
    feishuBotOpenId,
    telegramDoor,
    dingtalkDoor,
    /** Start-up calls to the platforms (Telegram's command menu); a failure is logged, never fatal. */
    async announce(core: Core, index: CommandIndex): Promise<void> {
      if (!telegram) return
      await registerCommands(telegram, index, config.locale).catch((err: unknown) =>
        core.process.log('telegram: setMyCommands failed; the command menu stays as it was', err),
      )
    },
    mounts(core: Core): Mount[] {
      const mounts: Mount[] = []
      const feishuHook = feishuWebhook(core)
      if (feishuHook) mounts.push({ path: '/webhooks/feishu', app: feishuRoutes(feishuHook) })
      const door = telegramDoor(core)
      if (config.telegram?.mode === 'webhook' && door)
        mounts.push({
          path: '/webhooks/telegram',
          app: telegramRoutes({ ...door, secret: config.telegram.webhookSecret }),
        })
      const ding = dingtalkDoor(core)
      if (config.dingtalk?.mode === 'webhook' && ding)
        mounts.push({
          path: '/webhooks/dingtalk',
          app: dingtalkRoutes({ ...ding, clientSecret: config.dingtalk.clientSecret }),
        })
      if (config.wecom && wecom)
        mounts.push({
          path: '/webhooks/wecom',
          app: wecomRoutes({ core, client: wecom, secrets: wecomSecretsOf(config.wecom) }),
        })
      if (config.wecom?.bot)
        mounts.push({
          path: '/webhooks/wecom-bot',
          app: wecomBotRoutes({
            core,
            apiRoot: config.wecom.apiRoot,
            secrets: wecomBotSecretsOf(config.wecom.bot),
          }),
        })
      return mounts
    },
  }
}
