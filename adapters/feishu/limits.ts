import type { SendLimits } from '../../src/outbox/outbound'

/**
 * Feishu's send limits, before OUTBOX_RATE_SCALE.
 * - Send, reply and update a message: "1000 次/分钟、50 次/秒" per app and tenant; a rate is exceeded when
 *   either the per-second or the per-minute ceiling is reached.
 *   https://open.feishu.cn/document/server-docs/api-call-guide/frequency-control
 * - "向同一用户发送消息的限频为 5 QPS、向同一群组发送消息的限频为群内机器人共享 5 QPS": 5/s per user and per
 *   group, the group's share common to every bot in it.
 *   https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/im-v1/message/create
 */
export const FEISHU_LIMITS: SendLimits = { perSecond: 50, perMinute: 1_000, perChatPerSecond: 5 }

/**
 * Request body sizes (code 230025 when exceeded): "文本消息请求体最大不能超过150KB；卡片及富文本消息请求体
 * 最大不能超过30KB". Counted in UTF-8 bytes of the `content` string.
 * https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/im-v1/message/patch (error codes)
 */
export const FEISHU_SIZE_LIMITS = {
  textBytes: 150 * 1024,
  cardBytes: 30 * 1024,
} as const

/** The send API's `uuid` dedupe key: "最大长度：50 字符"; one message per uuid within 1 hour. */
export const FEISHU_UUID_MAX_CHARS = 50

/** Card JSON 2.0 table component: at most five tables a card, page_size in [1, 10]. */
export const FEISHU_CARD_LIMITS = { tablesPerCard: 5, tablePageSize: 10, buttonLabelChars: 100 } as const

/** A Feishu frequency-limit answer without a reset header (code 230020, one chat): back off this long. */
export const FEISHU_CHAT_BACKOFF_MS = 1_000
