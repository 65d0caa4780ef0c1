/** The part of autocannon 8's programmatic API that `bench/feishu-webhook.ts` uses (it ships no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  export type RequestSpec = {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string | Buffer
  }
  export type RequestTemplate = RequestSpec & {
    /** Called before every request of a connection; `context` is fresh for each request here. */
    setupRequest?: (req: RequestSpec, context: Record<string, unknown>) => RequestSpec | undefined
    onResponse?: (
      status: number,
      body: string,
      context: Record<string, unknown>,
      headers: Record<string, string>,
    ) => void
  }
  export type Options = {
    url: string
    connections?: number
    duration?: number
    timeout?: number
    pipelining?: number
    requests?: RequestTemplate[]
  }
  export type Histogram = {
    average: number
    mean: number
    stddev: number
    min: number
    max: number
    total: number
    p50: number
    p99: number
  }
  export type Result = {
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    resets: number
    '2xx': number
    requests: Histogram
    latency: Histogram
    statusCodeStats: Record<string, { count: number }>
  }
  export type Instance = EventEmitter &
    PromiseLike<Result> & {
      stop(): void
      on(
        event: 'response',
        listener: (client: unknown, status: number, bytes: number, responseTimeMs: number) => void,
      ): Instance
    }
  function autocannon(opts: Options): Instance
  export default autocannon
}
