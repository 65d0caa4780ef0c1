import type { ZodError } from 'zod'
import type { Files } from '../attachments/port'
import { findChat, findLocale, findMe } from '../db/queries'
import type { Db } from '../db/store'
import { rolesOf } from '../domain/members'
import type { Settings } from '../domain/settings'
import { UserError } from '../errors'
import { hasKey, type Locale, type MessageKey, translate, translator } from '../i18n'
import type { UserRate } from '../inbox/user-rate'
import { type CardAction, type ChatEvent, type Incoming, text } from '../messages'
import { type CommandDef, type Ctx, type Outcome, type Role, reply } from './command'
import { bindParams, type CommandIndex, normalize } from './parse'

export type ActionHandler = (ctx: Ctx, value: string) => Promise<Outcome>

export type RouterDeps = {
  db: Db
  index: CommandIndex
  actions: ReadonlyMap<string, ActionHandler>
  settings: () => Promise<Settings>
  timeZone: string
  defaultLocale: Locale
  files?: Files
  feedbackSalt?: string
  /** Commands per person per window; absent in tools that replay or script the router. */
  userRate?: UserRate
}

export type Routed = Outcome & { outcome: string }

const ignored = (why: string): Routed => ({ writes: [], replies: [], outcome: `ignored:${why}` })

async function contextFor(
  deps: RouterDeps,
  src: { platform: Incoming['platform']; chatId: string; chatType: 'group' | 'p2p'; userId: string },
  extra: Partial<Ctx>,
  now: number,
): Promise<Ctx> {
  const [me, chat, locale, settings] = await Promise.all([
    findMe(deps.db, src.platform, src.userId),
    src.chatType === 'group' ? findChat(deps.db, src.platform, src.chatId) : Promise.resolve(undefined),
    findLocale(deps.db, src.platform, src.userId),
    deps.settings(),
  ])
  const loc = locale ?? deps.defaultLocale
  return {
    db: deps.db,
    now,
    timeZone: deps.timeZone,
    settings,
    platform: src.platform,
    chatId: src.chatId,
    chatType: src.chatType,
    userId: src.userId,
    mentions: [],
    attachments: [],
    ...(deps.files ? { files: deps.files } : {}),
    locale: loc,
    defaultLocale: deps.defaultLocale,
    feedbackSalt: deps.feedbackSalt,
    me,
    chat,
    t: translator(loc),
    ...extra,
  }
}

export function roleNames(ctx: Pick<Ctx, 't'>, roles: Role[], separator?: string): string {
  return roles.map((r) => ctx.t(`role.${r}` as MessageKey)).join(separator ?? ctx.t('common.or'))
}

/** The first problem zod found, in the user's words (schema messages are i18n keys). */
function describeProblem(ctx: Ctx, err: ZodError): string {
  const issue = err.issues[0]
  if (!issue) return ctx.t('arg.required')
  if (hasKey(issue.message)) return ctx.t(issue.message as MessageKey)
  return issue.code === 'invalid_type' ? ctx.t('arg.required') : issue.message
}

export function usageOf(ctx: Pick<Ctx, 't'>, def: CommandDef) {
  return {
    usage: ctx.t(`cmd.${def.id}.usage` as MessageKey),
    example: ctx.t(`cmd.${def.id}.example` as MessageKey),
  }
}

/** Decides whether this user may run `def` here; returns the refusal or nothing. */
function gate(ctx: Ctx, def: CommandDef): string | undefined {
  const name = def.names[0] as string
  if (def.who !== 'anyone') {
    if (!ctx.me) return ctx.t('common.needBind')
    const mine = rolesOf(ctx.me)
    if (!def.who.some((r) => mine.includes(r)))
      return ctx.t('common.denied', { command: name, roles: roleNames(ctx, def.who) })
  }
  if (def.chat === 'p2p' && ctx.chatType !== 'p2p') return ctx.t('common.onlyP2p', { command: name })
  if (def.chat === 'group' && ctx.chatType !== 'group') return ctx.t('common.onlyGroup', { command: name })
  return undefined
}

async function runSafely(ctx: Ctx, run: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await run()
  } catch (err) {
    if (err instanceof UserError) return reply(text(translate(ctx.locale, err.key, err.params)))
    throw err
  }
}

/** Incoming message → parse → role check → zod-validated args → handler → writes and replies. */
export async function routeMessage(deps: RouterDeps, msg: Incoming, now: number): Promise<Routed> {
  if (msg.unsupported !== undefined) {
    // A picture in a group is chatter; addressed to the bot, or in private, it earns a hint rather than silence.
    if (msg.chatType === 'group' && !msg.mentionsBot) return ignored('chatter')
    const locale = (await findLocale(deps.db, msg.platform, msg.userId)) ?? deps.defaultLocale
    return {
      ...reply(text(translate(locale, 'common.unsupported'))),
      outcome: `unsupported:${msg.unsupported}`,
    }
  }
  if (msg.text.trim() === '' && (msg.attachments?.length ?? 0) > 0) return routeFile(deps, msg, now)
  const normalized = normalize(msg.text)
  const inGroup = msg.chatType === 'group'
  const parsed = deps.index.parse(normalized, inGroup ? 'group' : 'private')
  if (msg.anonymous) {
    // DESIGN §6: an anonymous admin's command gets one answer asking them to post as themselves.
    const addressed =
      !inGroup || msg.mentionsBot || parsed.kind === 'command' || (parsed.kind === 'unknown' && parsed.slash)
    if (!addressed) return ignored('chatter')
    return { ...reply(text(translate(deps.defaultLocale, 'common.anonymousAdmin'))), outcome: 'anonymous' }
  }
  if (parsed.kind === 'command' && deps.userRate) {
    const verdict = deps.userRate.check(
      `${msg.platform}:${msg.userId}`,
      now,
      (await deps.settings()).commandRate,
    )
    if (verdict.kind === 'silent') return ignored('rate-limited')
    if (verdict.kind === 'warn') {
      const locale = (await findLocale(deps.db, msg.platform, msg.userId)) ?? deps.defaultLocale
      const answer = translate(locale, 'common.slowDown', { seconds: verdict.retryInSeconds })
      return { ...reply(text(answer)), outcome: 'rate-limited' }
    }
  }
  if (parsed.kind === 'empty') {
    if (inGroup && !msg.mentionsBot) return ignored('chatter')
  }
  if (parsed.kind !== 'command') {
    const word = parsed.kind === 'unknown' ? parsed.word : ''
    // In a group only a slash, an @mention or a near miss of the whole message earns an answer (DESIGN §6).
    const nearMiss =
      parsed.kind === 'unknown' && !normalized.includes(' ') ? deps.index.nearest(normalized, 1) : undefined
    const addressed = !inGroup || msg.mentionsBot || (parsed.kind === 'unknown' && parsed.slash)
    if (inGroup && !addressed && !nearMiss) return ignored('chatter')
    const ctx = await contextFor(
      deps,
      msg,
      { userName: msg.userName, mentions: msg.mentions ?? [], attachments: msg.attachments ?? [] },
      now,
    )
    const suggestion = nearMiss ?? (word ? deps.index.nearest(word, word.length > 3 ? 2 : 1) : undefined)
    const t = suggestion
      ? ctx.t('common.suggest', { word: word || normalized, suggestion })
      : word
        ? ctx.t('common.unknown', { word })
        : ctx.t('common.unknown', { word: normalized || '…' })
    // A newcomer writing to the bot privately most needs to know how to bind.
    const hint = !ctx.me && !inGroup && !suggestion ? `\n${ctx.t('common.needBind')}` : ''
    return { ...reply(text(t + hint)), outcome: suggestion ? 'suggested' : 'unknown' }
  }
  const { def } = parsed
  const ctx = await contextFor(
    deps,
    msg,
    { userName: msg.userName, mentions: msg.mentions ?? [], attachments: msg.attachments ?? [] },
    now,
  )
  const refusal = gate(ctx, def)
  if (refusal) return { ...reply(text(refusal)), outcome: 'refused' }
  const { raw, extra } = bindParams(def.params, parsed.argText)
  const args = def.args.safeParse(raw)
  if (!args.success || extra) {
    const problem = args.success
      ? ctx.t('arg.extra', { extra: extra ?? '' })
      : describeProblem(ctx, args.error)
    return { ...reply(text(ctx.t('common.badArgs', { problem, ...usageOf(ctx, def) }))), outcome: 'bad-args' }
  }
  if (!def.run)
    return { ...reply(text(ctx.t('common.notYet', { command: def.names[0] as string }))), outcome: 'not-yet' }
  const run = def.run
  const out = await runSafely(ctx, () => run(ctx, args.data))
  return { ...out, outcome: `ran:${def.id}` }
}

/** A file or photo with no words: a command waiting for one takes it; otherwise a short hint, or silence in a group. */
async function routeFile(deps: RouterDeps, msg: Incoming, now: number): Promise<Routed> {
  if (msg.chatType === 'group' && !msg.mentionsBot) return ignored('chatter')
  const ctx = await contextFor(deps, msg, { userName: msg.userName, attachments: msg.attachments ?? [] }, now)
  for (const def of deps.index.defs) {
    const takesFile = def.takesFile
    if (!takesFile || gate(ctx, def)) continue
    const out = await runSafely(ctx, () => takesFile(ctx).then((o) => o ?? { writes: [], replies: [] }))
    if (out.writes.length > 0 || out.replies.length > 0) return { ...out, outcome: `file:${def.id}` }
  }
  return { ...reply(text(ctx.t('imports.fileHint'))), outcome: 'file:hint' }
}

/** The bot joined a chat: one short greeting that says how to bind it (DESIGN §6). */
export async function routeEvent(deps: RouterDeps, event: ChatEvent): Promise<Routed> {
  const t = translator(deps.defaultLocale)
  const bound = await findChat(deps.db, event.platform, event.chatId)
  const body = bound ? t('greet.bound', { unit: bound.unitName }) : t('greet.unbound')
  return {
    ...reply({
      kind: 'card',
      card: { title: t('greet.title'), tone: 'info', sections: [{ kind: 'markdown', text: body }] },
    }),
    outcome: `event:${event.kind}`,
  }
}

/** A card button click: the same context and role data as a command, dispatched by its action name. */
export async function routeAction(deps: RouterDeps, action: CardAction, now: number): Promise<Routed> {
  const handler = deps.actions.get(action.action)
  if (!handler) return ignored(`unknown-action:${action.action}`)
  const ctx = await contextFor(deps, action, {}, now)
  try {
    const out = await handler(ctx, action.value)
    return { ...out, outcome: `action:${action.action}` }
  } catch (err) {
    // A refused click is the clicker's business only: a toast, nothing in the chat.
    if (!(err instanceof UserError)) throw err
    const toast = { kind: 'error' as const, text: translate(ctx.locale, err.key, err.params) }
    return { writes: [], replies: [], toast, outcome: `refused:${action.action}` }
  }
}
