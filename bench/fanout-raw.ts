import { performance } from 'node:perf_hooks'

/**
 * The baseline of bench/fanout.ts, in its own process like the real sender: the same number of Feishu sends as bare
 * `fetch` calls, 16 in flight (the dispatcher's concurrency), no database and no rate limit. Prints the elapsed ms.
 */
const url = process.env.FEISHU_DOMAIN as string
const n = Number(process.env.FANOUT_N)
const auth = await fetch(`${url}/open-apis/auth/v3/tenant_access_token/internal`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ app_id: process.env.FEISHU_APP_ID, app_secret: process.env.FEISHU_APP_SECRET }),
})
const { tenant_access_token: token } = (await auth.json()) as { tenant_access_token: string }
let next = 0
const start = performance.now()
await Promise.all(
  Array.from({ length: 16 }, async () => {
    for (let i = next++; i < n; i = next++) {
      const res = await fetch(`${url}/open-apis/im/v1/messages?receive_id_type=open_id`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          receive_id: `ou_raw${i}`,
          msg_type: 'text',
          content: JSON.stringify({ text: '本月尚未记录主题党日，距截止还有 7 天。请及时组织召开。' }),
          uuid: `raw-${process.pid}-${i}`,
        }),
      })
      await res.json()
    }
  }),
)
console.log(String(Math.round(performance.now() - start)))
