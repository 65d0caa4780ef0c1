import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import type { Hono } from 'hono'

/** A listener that answers the requests it knows on Node's own objects and returns false for the rest. */
export type NodeFirst = (req: IncomingMessage, res: ServerResponse) => boolean

/** Node's HTTP server for the shared Hono app, with a hot path (the Feishu webhook) answered before Hono. */
export function nodeServer(app: Hono, first: NodeFirst = () => false): Server {
  const hono = getRequestListener(app.fetch)
  return createServer((req, res) => {
    if (!first(req, res)) void hono(req, res)
  })
}
