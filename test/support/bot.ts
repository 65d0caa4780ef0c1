import { nodeCrypto } from '../../adapters/feishu/crypto-node'
import { buildApp } from '../../src/app'
import { nodeTables } from '../../src/attachments/tables-node'
import { buildCommandIndex, cardActions } from '../../src/commands/table'
import { loadConfig } from '../../src/config'
import { buildCore } from '../../src/core'
import { type NodeStore, openNodeStore } from '../../src/db/node-store'
import { prepareDatabase } from '../../src/db/seed'
import { xlsxBook } from '../../src/export/book-xlsx'
import type { Logger } from '../../src/logger'
import { platformsFor } from '../../src/platforms'

export type Reply = { kind: 'text' | 'card'; text: string; card?: unknown }

/** 2026-11-25 10:00 in Shanghai: tests pass time in, the bot never reads the wall clock. */
export const FIXED_NOW = Date.parse('2026-11-25T10:00:00+08:00')

/** A bot on a real SQLite database (`:memory:` unless a file is given) with the demo organisation. */
export type BotOptions = {
  file?: string
  seed?: boolean
  env?: Record<string, string>
  /** 'run': background work (deferred processing, outbox drains) runs by itself, as in the real server. */
  background?: 'manual' | 'run'
  /** Keep the per-person command limit (20 in 10 s). Off by default: the test clock stands still while a test
   * sends one person's commands by the dozen. */
  rateLimit?: boolean
  /** Where the bot's log goes (a test reading it); silent otherwise. */
  logger?: Logger
}

/** Migrated and seeded databases, serialized once per test process: copying one costs a few ms, seeding ~100. */
const images = new Map<boolean, Buffer>()

/** A fresh in-memory database with the demo organisation (or only settings and calendar without `seedDemo`). */
export async function openSeededStore(seedDemo = true): Promise<NodeStore> {
  let image = images.get(seedDemo)
  if (!image) {
    const template = openNodeStore(':memory:')
    await prepareDatabase(template, { seedDemo, now: FIXED_NOW })
    image = template.sqlite.serialize()
    template.close()
    images.set(seedDemo, image)
  }
  return openNodeStore(image)
}

export async function startBot(opts: BotOptions = {}) {
  const seedDemo = opts.seed !== false
  let store: NodeStore
  if (opts.file) {
    store = openNodeStore(opts.file)
    await prepareDatabase(store, { seedDemo, now: FIXED_NOW })
  } else store = await openSeededStore(seedDemo)
  let now = FIXED_NOW
  // Work the app leaves for after its answer; a test runs it when it chooses, so it can look in between.
  const background: (() => Promise<unknown>)[] = []
  const config = loadConfig({ DATABASE_PATH: opts.file ?? ':memory:', ...opts.env })
  const platforms = platformsFor(config, nodeCrypto, fetch, store.db)
  const core = buildCore({
    config,
    store,
    index: buildCommandIndex(),
    actions: cardActions,
    outbounds: platforms.outbounds,
    files: { fetchers: platforms.fetchers(store.db), readTable: nodeTables, writeBook: xlsxBook },
    clock: () => now,
    schedule: opts.background === 'run' ? undefined : (task) => void background.push(task),
    log: opts.logger?.error ?? (() => {}),
    ...(opts.logger ? { logEvent: opts.logger.event } : {}),
    rateLimitCommands: opts.rateLimit === true,
  })
  const app = buildApp(core, platforms.mounts(core))
  const post = (path: string, body: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  /** Sends `text` as `userId` into `chatId` (a chat id equal to the user id is the private chat). */
  const say = async (userId: string, text: string, chatId = userId): Promise<Reply[]> => {
    const res = await post('/dev/chat', { chatId, userId, text })
    if (res.status !== 200) throw new Error(`/dev/chat answered ${res.status}: ${await res.text()}`)
    return ((await res.json()) as { replies: Reply[] }).replies
  }
  /** The plain text of all replies, joined: what a user reads. */
  const read = async (userId: string, text: string, chatId = userId) =>
    (await say(userId, text, chatId)).map((r) => r.text).join('\n')
  type ActionAnswer = {
    replies: Reply[]
    toast?: { kind: string; text: string }
    card?: { title: string; tone: string; sections: { kind: string; text?: string }[] }
  }
  /** Clicks a card button; the answer as raw JSON (replies, toast, updated card). */
  const clickRaw = async (userId: string, action: string, value: string, chatId = userId) =>
    (await (await post('/dev/action', { chatId, userId, action, value })).json()) as ActionAnswer
  /** What the clicker reads: the toast, then any replies. */
  const click = async (userId: string, action: string, value: string, chatId = userId) => {
    const answer = await clickRaw(userId, action, value, chatId)
    return [answer.toast?.text, ...answer.replies.map((r) => r.text)].filter(Boolean).join('\n')
  }
  return {
    store,
    core,
    app,
    /** The Feishu webhook's parts when FEISHU_* is set, for Node's hot path (src/node-server.ts). */
    feishuHook: platforms.feishuWebhook(core),
    post,
    say,
    read,
    click,
    clickRaw,
    runBackground: async () => {
      while (background.length) await background.shift()?.()
    },
    setNow: (ms: number) => {
      now = ms
    },
    close: () => store.close(),
  }
}

export type Bot = Awaited<ReturnType<typeof startBot>>
