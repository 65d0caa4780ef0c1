import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'

export type Served = { base: string; close: () => Promise<void> }

/** Serves a fetch handler (the bot's Hono app) over real HTTP on a free loopback port. */
export function serveOnLoopback(fetch: (req: Request) => Response | Promise<Response>): Promise<Served> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({
        base: `http://127.0.0.1:${info.port}`,
        close: async () => {
          ;(server as unknown as { closeAllConnections(): void }).closeAllConnections()
          await new Promise((r) => server.close(r))
        },
      }),
    )
  })
}
