import type { SendLimits } from '../../src/outbox/outbound'

/**
 * WeCom's send limits, before OUTBOX_RATE_SCALE (访问频率限制, https://developer.work.weixin.qq.com/document/path/90312):
 * - "每应用对同一个成员不可超过30次/分钟，1000次/小时，超过部分会被丢弃不下发": the API answers ok and the
 *   message is lost, so the per-target ceiling must be kept here, not learnt from errors;
 * - "每个成员在群中收到的应用消息不可超过200条/分" and "每企业所有应用发送群消息不可超过2万人次/分" (appchat);
 * - base frequency "每企业调用单个cgi/api不可超过1万次/分" (messages are not counted in it, but we stay under it).
 * Over a counted limit the API answers errcode 45009 ("接口调用超过限制"), turned into a 429.
 */
export const WECOM_LIMITS: SendLimits = {
  perSecond: 100,
  perMinute: 10_000,
  // The per-minute ceiling is per member (a private chat) and per group alike: every target counts.
  perGroupPerMinute: 30,
  isGroup: () => true,
}

/**
 * Sizes from 发送应用消息 (https://developer.work.weixin.qq.com/document/path/90236): text and markdown
 * "最长不超过2048个字节"; template_card button_list "列表长度不超过6", button key "最长支持1024字节",
 * task_id "最长128字节 ... 只能由数字、字母和“_-@”组成"; main_title.title "建议不超过36个字".
 */
export const WECOM_SIZE_LIMITS = {
  textBytes: 2048,
  markdownBytes: 2048,
  buttons: 6,
  buttonKeyBytes: 1024,
  buttonTextChars: 10,
  taskIdBytes: 128,
  titleChars: 36,
  subTitleChars: 1000,
} as const

/** access_token lives `expires_in` seconds (7200); renewed this long before it runs out.
 * https://developer.work.weixin.qq.com/document/path/91039 */
export const WECOM_TOKEN_MARGIN_MS = 5 * 60_000
