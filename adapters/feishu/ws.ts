import * as lark from '@larksuiteoapi/node-sdk'
import type { Core } from '../../src/core'
import { acceptFeishu } from './handle'

/**
 * FEISHU_MODE=ws (Node only): the SDK's long connection, no public URL needed. The connection itself is
 * authenticated by the app credentials, so its frames skip the webhook's signature check and go through the
 * same accept-into-inbox door; what we return is what Feishu gets as the answer (a card click's toast).
 */
export function startFeishuLongConnection(
  core: Core,
  cfg: { appId: string; appSecret: string; domain: string },
  botOpenId: () => Promise<string | undefined>,
): { close: () => void } {
  const client = new lark.WSClient({
    appId: cfg.appId,
    appSecret: cfg.appSecret,
    domain: cfg.domain,
    loggerLevel: lark.LoggerLevel.warn,
    onError: (err) => core.process.log('feishu long connection failed', err),
  })
  const dispatcher = longConnectionDispatcher(core, botOpenId)
  // WSClient only calls `invoke` on its dispatcher; ours takes the raw event rather than the SDK's flattened one.
  void client.start({ eventDispatcher: dispatcher as unknown as lark.EventDispatcher })
  return { close: () => client.close() }
}

/** What WSClient calls for each event frame: the raw event body in, Feishu's answer out. */
export function longConnectionDispatcher(core: Core, botOpenId: () => Promise<string | undefined>) {
  return {
    invoke: async (data: unknown) => {
      const body = typeof data === 'string' ? (JSON.parse(data) as unknown) : data
      if (typeof body !== 'object' || body === null) return undefined
      return acceptFeishu(core, body as Record<string, unknown>, await botOpenId())
    },
  }
}
