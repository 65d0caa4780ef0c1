import { z } from 'zod'
import { readLimited } from '../../src/attachments/limits'
import type { Attachment } from '../../src/messages'
import type { FeishuClient } from './client'

/**
 * Files and images in a received message (https://open.feishu.cn/document/server-docs/im-v1/message-content-description/message_content):
 * `image` is `{ image_key }`, `file` is `{ file_key, file_name }`, and a post's `img` elements carry an `image_key`.
 * The ref is `<message_id>/<key>`: the resource API needs both, and the key alone is only valid with its message.
 */
const ImageContent = z.object({ image_key: z.string().min(1) })
const FileContent = z.object({ file_key: z.string().min(1), file_name: z.string().optional() })

const ref = (messageId: string, key: string) => `${messageId}/${key}`

export function attachmentOf(msgType: string, content: unknown, messageId: string): Attachment | undefined {
  if (msgType === 'image') {
    const image = ImageContent.safeParse(content)
    return image.success ? { kind: 'image', ref: ref(messageId, image.data.image_key) } : undefined
  }
  if (msgType === 'file') {
    const file = FileContent.safeParse(content)
    if (!file.success) return undefined
    const { file_key: key, file_name: name } = file.data
    return { kind: 'file', ref: ref(messageId, key), ...(name ? { name } : {}) }
  }
  return undefined
}

const PostImage = z.object({ tag: z.literal('img'), image_key: z.string().min(1) })

/** The images of a post's paragraphs, in reading order, each once (a post may show one image twice). */
export function postImages(paragraphs: unknown[][], messageId: string): Attachment[] {
  const keys = paragraphs.flatMap((p) => p.flatMap((el) => PostImage.safeParse(el).data?.image_key ?? []))
  return [...new Set(keys)].map((key) => ({ kind: 'image', ref: ref(messageId, key) }))
}

/**
 * GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=image|file with the tenant token, answered
 * with the file's bytes; the bot must be in the chat, and files up to 100 MB are served
 * (https://open.feishu.cn/document/server-docs/im-v1/message/get-2, "获取消息中的资源文件").
 */
export async function downloadFeishuResource(
  client: FeishuClient,
  attachment: Attachment,
  limit: number,
): Promise<Uint8Array> {
  const slash = attachment.ref.indexOf('/')
  const messageId = attachment.ref.slice(0, slash)
  const key = attachment.ref.slice(slash + 1)
  const path =
    `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/resources/${encodeURIComponent(key)}` +
    `?type=${attachment.kind}`
  const res = await client.download(path)
  return readLimited(res, limit)
}
