/**
 * How a Telegram message is named outside this folder: `chatId:messageId` (message ids count per chat), and
 * `chatId:messageId:threadId` for a message in a forum topic, whose answers must carry the topic's thread id.
 */
export type MessageRef = { chatId: string; messageId: number; threadId?: number }

export const formatRef = (chatId: number | string, messageId: number, threadId?: number): string =>
  threadId === undefined ? `${chatId}:${messageId}` : `${chatId}:${messageId}:${threadId}`

export function parseRef(ref: string): MessageRef | undefined {
  const m = /^(-?\d+):(\d+)(?::(\d+))?$/.exec(ref)
  if (!m) return undefined
  return {
    chatId: m[1] as string,
    messageId: Number(m[2]),
    ...(m[3] !== undefined ? { threadId: Number(m[3]) } : {}),
  }
}
