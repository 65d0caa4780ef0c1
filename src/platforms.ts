import type { Hono } from 'hono'
import { consoleOutbound } from '../adapters/console/outbound'
import { cachedBotOpenId } from '../adapters/feishu/bot-identity'
import { FeishuClient } from '../adapters/feishu/client'
import type { FeishuCrypto } from '../adapters/feishu/crypto'
import { feishuOutbound } from '../adapters/feishu/outbound'
import { feishuRoutes } from '../adapters/feishu/routes'
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
  const outbounds: Outbound[] = [consoleOutbound, ...(feishu ? [feishuOutbound(feishu)] : [])]
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
      return mounts
    },
  }
}
