import { DWClient, type DWClientDownStream, TOPIC_ROBOT } from 'dingtalk-stream'
import { acceptDingtalk, type DingtalkDoor } from './handle'

/**
 * DINGTALK_MODE=stream (Node only): the official SDK's Stream connection, no public URL needed
 * (Stream 模式, https://open.dingtalk.com/document/orgapp/the-streaming-mode-is-connected-to-the-robot-receiving-message).
 * The connection is authenticated by the app credentials, so its frames skip the HTTP signature check and go
 * through the same door.
 */
export function startDingtalkStream(
  door: DingtalkDoor,
  cfg: { clientId: string; clientSecret: string },
): { close: () => void } {
  const client = new DWClient({ clientId: cfg.clientId, clientSecret: cfg.clientSecret })
  client.registerCallbackListener(
    TOPIC_ROBOT,
    robotFrameListener(door, (messageId) => client.socketCallBackResponse(messageId, {})),
  )
  client.connect().catch((err: unknown) => door.core.process.log('dingtalk: stream connection failed', err))
  return { close: () => client.disconnect() }
}

/**
 * One robot frame: into the inbox, then acknowledged. A frame that could not be taken is not acknowledged,
 * so DingTalk sends it again ("如果消息长时间未响应会在一定时间内(60s)重试推消息"); a duplicate is acknowledged.
 */
export function robotFrameListener(door: DingtalkDoor, ack: (messageId: string) => void) {
  return (frame: DWClientDownStream): Promise<void> =>
    (async () => {
      try {
        await acceptDingtalk(door, JSON.parse(frame.data) as unknown)
        ack(frame.headers.messageId)
      } catch (err) {
        door.core.process.log(
          'dingtalk: a stream frame could not be accepted; DingTalk will send it again',
          err,
        )
      }
    })()
}
