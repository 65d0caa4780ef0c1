import type { SendLimits } from '../../src/outbox/outbound'

/**
 * DingTalk's send limits, before OUTBOX_RATE_SCALE. The robot message APIs share the Open API's per-app quota
 * (API调用频率限制, https://open.dingtalk.com/document/orgapp/invocation-frequency-limit; over it the answer is
 * 403 `Forbidden.AccessDenied.QpsLimitForApi`, taken as a 429), which we keep at 20 calls a second; a group
 * takes "每个机器人每分钟最多发送20条" (custom robots, https://open.dingtalk.com/document/orgapp/custom-robot-access),
 * which we apply to every chat so a busy group is never throttled for ten minutes ("会限流10分钟").
 */
export const DINGTALK_LIMITS: SendLimits = {
  perSecond: 20,
  perGroupPerMinute: 20,
  isGroup: () => true,
}

/** batchSend: "userIds ... 每次最多传20个" (https://open.dingtalk.com/document/orgapp/chatbots-send-one-on-one-chat-messages-in-batches).
 * Message sizes are not documented; text and markdown are kept to 5000 characters, button labels short. */
export const DINGTALK_SIZE_LIMITS = {
  textChars: 5000,
  titleChars: 50,
  batchUsers: 20,
} as const

/** The app access token lives `expireIn` seconds (7200); renewed this long before it runs out.
 * https://open.dingtalk.com/document/orgapp/obtain-the-access_token-of-an-internal-app */
export const DINGTALK_TOKEN_MARGIN_MS = 5 * 60_000
