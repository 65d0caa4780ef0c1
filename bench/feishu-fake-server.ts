/**
 * The fake Feishu Open API of the tests, in its own process for `npm run bench:feishu` (so its work does not
 * share the load generator's event loop). Sends its URL over IPC and answers `stats` requests.
 */
import { startFakeFeishu } from '../test/support/fake-feishu'

export type FakeStats = { messages: number; messageCalls: number; uuids: number; tokensIssued: number }

const fake = await startFakeFeishu()
process.send?.({ type: 'ready', url: fake.url, appId: fake.appId, appSecret: fake.appSecret })
process.on('message', (m: { type?: string }) => {
  if (m.type !== 'stats') return
  const uuids = new Set(fake.messages.map((x) => x.uuid))
  const stats: FakeStats = {
    messages: fake.messages.length,
    messageCalls: fake.requests.filter((r) => r.includes('/open-apis/im/v1/messages')).length,
    uuids: uuids.size,
    tokensIssued: fake.tokensIssued,
  }
  process.send?.({ type: 'stats', stats })
})
process.on('SIGTERM', () => {
  void fake.close().then(() => process.exit(0))
  setTimeout(() => process.exit(0), 1_000).unref()
})
process.on('disconnect', () => process.exit(0))
