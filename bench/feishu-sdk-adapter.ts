/**
 * Baseline B for `npm run bench:feishu`, run in its own process: the official SDK's own Node adapter
 * (`adaptDefault` on node:http). Its EventDispatcher decrypts the event and checks the signature, then calls
 * an empty handler: it persists nothing. `GET /handled` says how many events reached the handler, so the
 * bench can tell that the SDK accepted them (a bad signature only logs a warning and still answers 200).
 */
import http from 'node:http'
import * as lark from '@larksuiteoapi/node-sdk'

let handled = 0
const dispatcher = new lark.EventDispatcher({
  encryptKey: process.env.FEISHU_ENCRYPT_KEY,
  verificationToken: process.env.FEISHU_VERIFICATION_TOKEN,
}).register({
  'im.message.receive_v1': async () => {
    handled++
  },
})

const adapter = lark.adaptDefault('/webhooks/feishu', dispatcher)
const server = http.createServer((req, res) => {
  if (req.url === '/handled') return void res.end(String(handled))
  return adapter(req, res)
})
server.listen(Number(process.env.PORT), '127.0.0.1', () =>
  console.log(`SDK adaptDefault listening on 127.0.0.1:${process.env.PORT}`),
)
process.on('SIGTERM', () => process.exit(0))
