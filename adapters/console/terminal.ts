import { createInterface } from 'node:readline/promises'
import { cardToText } from '../../src/cards/card'
import { buildCommandIndex, cardActions } from '../../src/commands/table'
import { loadConfig } from '../../src/config'
import { buildCore, receive } from '../../src/core'
import { openNodeStore } from '../../src/db/node-store'
import { prepareDatabase } from '../../src/db/seed'
import type { Reply } from '../../src/messages'
import { directory, repliesFor } from './directory'
import { toIncoming } from './inbound'
import { consoleOutbound } from './outbound'

const HELP = `npm run chat — talk to the bot in the terminal, on the same database as the server.
  :as <userId>     act as another user (e.g. :as u1001)
  :in <chatId>     switch chat (e.g. :in g-ZC01; :in me for the private chat)
  :who             list demo users and chats
  :quit            leave
Anything else is sent to the bot as a message.`

async function main() {
  if (process.argv.includes('--help')) {
    console.log(HELP)
    return
  }
  const config = loadConfig(process.env)
  const store = openNodeStore(config.databasePath)
  await prepareDatabase(store, { seedDemo: config.seedDemo, now: Date.now() })
  const core = buildCore({
    config,
    store,
    index: buildCommandIndex(),
    actions: cardActions,
    outbounds: [consoleOutbound],
  })
  let userId = 'u1001'
  let chatId = 'g-ZC01'
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  console.log(HELP)
  const prompt = () => {
    rl.setPrompt(`${userId}@${chatId === userId ? 'private' : chatId}> `)
    rl.prompt()
  }
  prompt()
  // Reading lines as they come (not rl.question) keeps piped input working.
  for await (const raw of rl) {
    const line = raw.trim()
    if (line === ':quit' || line === ':q') break
    await handle(line)
    prompt()
  }
  rl.close()
  await core.dispatcher.drain()
  store.close()

  async function handle(line: string) {
    if (line.startsWith(':as ')) {
      const next = line.slice(4).trim()
      if (chatId === userId) chatId = next
      userId = next
      return
    }
    if (line.startsWith(':in ')) {
      const next = line.slice(4).trim()
      chatId = next === 'me' ? userId : next
      return
    }
    if (line === ':who') {
      const dir = await directory(store.db)
      for (const u of dir.users)
        console.log(`  ${u.userId}  ${u.name}  ${u.branchCode}  ${u.roles.join(',')}`)
      for (const c of dir.chats) console.log(`  ${c.chatId}  ${c.name}`)
      return
    }
    if (!line) return
    const result = await receive(
      core,
      toIncoming({ chatId, userId, text: line }, Date.now(), crypto.randomUUID()),
    )
    if (result.duplicate) return
    for (const row of await repliesFor(store.db, `inbox:${result.inboxId}`, chatId)) {
      const reply = JSON.parse(row.reply) as Reply
      console.log(reply.kind === 'card' ? cardToText(reply.card) : reply.text, '\n')
    }
  }
}

await main()
