import type { OutFile, Reply } from '../../src/messages'
import { fromBase64 } from '../../src/outbox/file-bytes'
import type { Outbound } from '../../src/outbox/outbound'
import { renderCard, renderText } from './cards'
import type { FeishuClient, FileType, MsgType } from './client'
import { FEISHU_LIMITS } from './limits'

/** Excel files upload as `xls` (Feishu shows them as spreadsheets); any other file as `stream`. */
const fileTypeOf = (name: string): FileType => (/\.xlsx?$/i.test(name) ? 'xls' : 'stream')

/** A file message is two calls: the upload gives a `file_key`, the message sends it
 * (https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/im-v1/message/create_json, "file"). */
async function fileContent(client: FeishuClient, f: OutFile) {
  const key = await client.uploadFile({
    fileType: fileTypeOf(f.name),
    fileName: f.name,
    mime: f.mime,
    bytes: fromBase64(f.dataBase64),
  })
  return { file_key: key }
}

async function contentOf(client: FeishuClient, reply: Reply): Promise<[MsgType, unknown]> {
  if (reply.kind === 'card') return ['interactive', renderCard(reply.card)]
  if (reply.kind === 'file') return ['file', await fileContent(client, reply.file)]
  return ['text', renderText(reply.text)]
}

/**
 * Feishu's side of the outbox: a chat target is a chat_id, a user target an open_id (the private chat with
 * the bot); a reply to a group command threads under it. The outbox row id is the API's `uuid`, so a retry
 * after a timeout never posts twice (a file is uploaded again, and still posted once).
 */
export function feishuOutbound(client: FeishuClient): Outbound {
  return {
    platform: 'feishu',
    limits: FEISHU_LIMITS,
    capabilities: { urgent: true, edit: true, files: true, sendFiles: true },
    urgent: (m) => client.urgent(m),
    async send(msg) {
      const [msgType, body] = await contentOf(client, msg.reply)
      const content = JSON.stringify(body)
      const platformMessageId = msg.replyTo
        ? await client.reply({ messageId: msg.replyTo, msgType, content, uuid: msg.id })
        : await client.send({
            receiveIdType: msg.target.kind === 'chat' ? 'chat_id' : 'open_id',
            receiveId: msg.target.id,
            msgType,
            content,
            uuid: msg.id,
          })
      return { platformMessageId }
    },
  }
}
