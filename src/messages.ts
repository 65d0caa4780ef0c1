import type { Card } from './cards/card'

/** Platforms the bot speaks; `console` is the local simulator. */
export type Platform = 'console' | 'feishu' | 'telegram' | 'wecom' | 'dingtalk'

export type Mention = { userId: string; name: string }

/**
 * A photo or file sent with (or as) a message. `ref` is what the platform needs to fetch it again (Feishu:
 * `messageId/fileKey`; Telegram: the file_id; simulator: the upload id); the bot keeps the reference, not the bytes.
 */
export type Attachment = { kind: 'image' | 'file'; ref: string; name?: string; size?: number }

/** A message a person sent, normalized by an adapter (DESIGN §3). */
export type Incoming = {
  platform: Platform
  eventId: string
  messageId: string
  chatId: string
  chatType: 'group' | 'p2p'
  userId: string
  userName?: string
  /** The text with the bot's own @mention removed; other mentions stay as `@name`. */
  text: string
  mentionsBot: boolean
  mentions?: Mention[]
  /** Photos and files that came with the message, for commands that take evidence or an import file. */
  attachments?: Attachment[]
  /** Set when the message was not text (an image, a file, a sticker): the bot can only hint. */
  unsupported?: string
  /** Sent on behalf of the group, not by a person (Telegram's anonymous admin): whose command it is cannot be
   * known, so it is not run. */
  anonymous?: boolean
  /** Where a threaded answer goes when the platform needs more than `messageId` to place it (a Telegram
   * forum topic); the outbox hands it to the adapter as `replyTo`. */
  threadRef?: string
  receivedAt: number
}

/** A click on a card button. */
export type CardAction = {
  platform: Platform
  eventId: string
  messageId: string
  chatId: string
  chatType: 'group' | 'p2p'
  userId: string
  action: string
  value: string
  /** Set when answers to the click belong in a thread of the chat (a Telegram forum topic). */
  threadRef?: string
  receivedAt: number
}

/** Something that happened to a chat rather than a message in it. */
export type ChatEvent = {
  platform: Platform
  eventId: string
  kind: 'botAdded'
  chatId: string
  receivedAt: number
}

/** A file the bot sends (an export): its bytes travel in the outbox row, base64, under `MAX_FILE_BYTES`. */
export type OutFile = { name: string; mime: string; dataBase64: string }

/**
 * `file`: the file, and `text` saying what it is: shown where only text is read (the terminal, logs) and, with a
 * note, sent instead where the platform cannot send files (`capabilities.sendFiles`).
 */
export type Reply =
  | { kind: 'text'; text: string }
  | { kind: 'card'; card: Card }
  | { kind: 'file'; file: OutFile; text: string }

/** Where a reply goes: the chat the command came from, or one person's private chat. */
export type Target = { platform: Platform; chatId: string } | { platform: Platform; userId: string }

export const text = (t: string): Reply => ({ kind: 'text', text: t })
export const card = (c: Card): Reply => ({ kind: 'card', card: c })
export const fileReply = (file: OutFile, t: string): Reply => ({ kind: 'file', file, text: t })
