import type { z } from 'zod'
import type { Files } from '../attachments/port'
import type { Card } from '../cards/card'
import type { Db, Write } from '../db/store'
import type { Settings } from '../domain/settings'
import type { Locale, MessageKey, Params } from '../i18n'
import type { Attachment, Mention, Platform, Reply } from '../messages'

export type Role = 'member' | 'secretary' | 'leader' | 'admin' | 'dispatcher' | 'inspector'

export type RoleGrant = { role: Exclude<Role, 'member'>; unitId: number }

/** The bound member behind the chat account that sent the command. */
export type Me = {
  id: number
  name: string
  employeeNo: string
  branchId: number
  grants: RoleGrant[]
}

export type ChatBinding = { unitId: number; unitCode: string; unitName: string }

/**
 * A message to someone other than the chat the command came from (a secretary's private chat, a group); on
 * the command's platform unless `platform` names another one the person is reached on.
 */
export type Push = {
  to: { kind: 'user' | 'chat'; id: string }
  locale: Locale
  reply: Reply
  platform?: Platform
}

export type Toast = { kind: 'success' | 'info' | 'warning' | 'error'; text: string }

/**
 * What a handler decides: the writes to commit, the replies to the asking chat, and pushes elsewhere.
 * A card click may also answer the clicker alone (`toast`) and replace the clicked card (`card`).
 */
export type Outcome = {
  writes: Write[]
  replies: Reply[]
  pushes?: Push[]
  toast?: Toast
  card?: Card
  /**
   * The sender must not be traceable from what is kept (an anonymous 反映): the inbox row keeps no payload or
   * message id, and the replies' outbox rows lose their recipient and text once delivered.
   */
  redact?: boolean
}

export type Ctx = {
  db: Db
  now: number
  timeZone: string
  settings: Settings
  platform: Platform
  chatId: string
  chatType: 'group' | 'p2p'
  userId: string
  userName?: string
  mentions: Mention[]
  /** Photos and files sent with the command (evidence, an import file); empty for a card click. */
  attachments: Attachment[]
  /** Downloads attachments and reads sheets; absent where the shell wired no platform files (some tests). */
  files?: Files
  locale: Locale
  /** The deployment's default language, for messages to people whose choice is unknown. */
  defaultLocale: Locale
  /** HMAC key for the anonymous report limit (FEEDBACK_SALT); see Config. */
  feedbackSalt?: string
  me?: Me
  chat?: ChatBinding
  t(key: MessageKey, params?: Params): string
}

/** A member's context once the router has checked they are bound. */
export type MemberCtx = Ctx & { me: Me }

/** How a typed argument list maps onto named fields; the last may take the rest of the line. */
export type ParamSpec = { name: string; rest?: boolean }

export type Who = 'anyone' | Role[]

export type CommandDef<A = unknown> = {
  id: string
  /** Chinese names; the first is the canonical one shown in help. */
  names: string[]
  /** English aliases, matched case-insensitively; the first is the canonical one. */
  aliases: string[]
  who: Who
  chat?: 'p2p' | 'group'
  params: ParamSpec[]
  args: z.ZodType<A>
  /** Absent while the feature is not built yet: the command parses and is in help, and says so. */
  run?(ctx: Ctx, args: A): Promise<Outcome>
  /** For a file sent with no words: this command's answer if it was waiting for one (an import), else nothing. */
  takesFile?(ctx: Ctx): Promise<Outcome | undefined>
}

export function command<A>(def: CommandDef<A>): CommandDef<A> {
  return def
}

export const reply = (...replies: Reply[]): Outcome => ({ writes: [], replies })
