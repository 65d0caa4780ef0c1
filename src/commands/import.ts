import { and, eq, isNotNull, lte } from 'drizzle-orm'
import { z } from 'zod'
import { AttachmentTooLarge, MAX_ATTACHMENT_BYTES } from '../attachments/limits'
import { importConfirmCard, importDecidedCard } from '../cards/import'
import { importAt, waitingImport } from '../db/imports'
import { chatImports, chatImportsApplied } from '../db/schema'
import type { Write } from '../db/store'
import { rolesOf } from '../domain/members'
import { UserError } from '../errors'
import type { MessageKey } from '../i18n'
import { type RawTable, TableFileError } from '../import/table'
import { type Attachment, card, text } from '../messages'
import { type Ctx, command, type Outcome, reply } from './command'
import { type ImportKind, planImport } from './import-plan'

/** How long an import waits for its file after `导入 名册`, and a checked file for its confirm. */
const WAIT_MINUTES = 10
const CONFIRM_MINUTES = 30
/** The parsed rows are held in one row until the confirm; D1 refuses a row over 2,000,000 bytes. */
const MAX_PLAN_CHARS = 1_800_000
/** Problem lines shown in chat; the rest are counted (a chat message is not a spreadsheet). */
const MAX_PROBLEM_LINES = 30

const KIND_OF: Record<string, ImportKind> = {
  名册: 'roster',
  题库: 'questions',
  日历: 'calendar',
  班次: 'shifts',
  产量: 'production',
  roster: 'roster',
  questions: 'questions',
  calendar: 'calendar',
  shifts: 'shifts',
  production: 'production',
}

const kindName = (ctx: Ctx, kind: string) => ctx.t(`imports.kind.${kind}` as MessageKey)

/** `导入 名册` with a file as caption, or before the file: the file is checked and a confirm card shows the changes. */
export const importCmd = command({
  id: 'import',
  names: ['导入'],
  aliases: ['import'],
  who: ['admin'],
  chat: 'p2p',
  params: [{ name: 'kind' }],
  args: z.object({
    kind: z.enum(Object.keys(KIND_OF) as [string, ...string[]], { message: 'arg.required' }),
  }),
  run: async (ctx, { kind }) => {
    const k = KIND_OF[kind] as ImportKind
    const file = fileOf(ctx.attachments)
    return file ? fromFile(ctx, k, file) : waitForFile(ctx, k)
  },
  takesFile: async (ctx) => {
    const waiting = await waitingImport(ctx.db, ctx.platform, ctx.userId, ctx.now)
    const file = fileOf(ctx.attachments)
    if (!waiting || !file) return undefined
    return fromFile(ctx, waiting.kind as ImportKind, file, waiting)
  },
})

/** A document before a picture: Telegram sends a photo and a document separately, Feishu one or the other. */
const fileOf = (attachments: Attachment[]) => attachments.find((a) => a.kind === 'file') ?? attachments[0]

function waitForFile(ctx: Ctx, kind: ImportKind): Outcome {
  const row = { platform: ctx.platform, userId: ctx.userId, kind, createdAt: ctx.now }
  return {
    writes: [waitingRow(ctx, row)],
    replies: [text(ctx.t('imports.waiting', { kind: kindName(ctx, kind), minutes: WAIT_MINUTES }))],
  }
}

/** Waiting again (a new command, or a refused file to be sent again); a second command in the same instant wins. */
function waitingRow(
  ctx: Ctx,
  row: { platform: string; userId: string; kind: string; createdAt: number },
): Write {
  const expiresAt = ctx.now + WAIT_MINUTES * 60_000
  return ctx.db
    .insert(chatImports)
    .values({ ...row, expiresAt })
    .onConflictDoUpdate({
      target: [chatImports.platform, chatImports.userId, chatImports.createdAt],
      set: { kind: row.kind, table: null, summary: null, expiresAt },
    })
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

async function download(ctx: Ctx, file: Attachment): Promise<Uint8Array> {
  const fetcher = ctx.files?.fetchers[ctx.platform]
  if (!ctx.files || !fetcher) throw new UserError('imports.noFiles')
  const tooBig = (size: number) =>
    new UserError('imports.tooBig', { size: mib(size), max: mib(MAX_ATTACHMENT_BYTES) })
  if (file.size !== undefined && file.size > MAX_ATTACHMENT_BYTES) throw tooBig(file.size)
  try {
    return await fetcher(file, MAX_ATTACHMENT_BYTES)
  } catch (err) {
    if (err instanceof AttachmentTooLarge) throw tooBig(err.bytes)
    throw new UserError('imports.downloadFailed')
  }
}

type Waiting = { id: number; createdAt: number }

/** Download, read, check: the row-by-row report of a bad file, or the confirm card of a good one. Writes only the plan. */
async function fromFile(ctx: Ctx, kind: ImportKind, file: Attachment, waiting?: Waiting): Promise<Outcome> {
  const name = kindName(ctx, kind)
  if (file.kind === 'image') return reply(text(ctx.t('imports.notFile')))
  const bytes = await download(ctx, file)
  const fileName = file.name ?? (isZip(bytes) ? 'file.xlsx' : 'file.csv')
  let table: RawTable
  try {
    table = await (ctx.files as NonNullable<Ctx['files']>).readTable(fileName, bytes)
  } catch (err) {
    if (!(err instanceof TableFileError)) throw err
    return reply(text(ctx.t('imports.unreadable', { kind: name, why: err.message })))
  }
  const plan = await planImport(ctx.db, kind, table, ctx)
  const key = waiting?.createdAt ?? ctx.now
  if (!plan.ok) {
    // The corrected file may come alone: the import waits for it again.
    const again = waitingRow(ctx, { platform: ctx.platform, userId: ctx.userId, kind, createdAt: key })
    const head = ctx.t('imports.refused', { kind: name, file: fileName })
    return { writes: [again], replies: [text([head, ...shortened(ctx, plan.lines)].join('\n'))] }
  }
  const json = JSON.stringify(table)
  if (json.length > MAX_PLAN_CHARS)
    return reply(text(ctx.t('imports.planTooLarge', { rows: table.rows.length })))
  const held = {
    kind,
    table: json,
    summary: JSON.stringify(plan.counts),
    expiresAt: ctx.now + CONFIRM_MINUTES * 60_000,
  }
  const write = waiting
    ? ctx.db.update(chatImports).set(held).where(eq(chatImports.id, waiting.id))
    : ctx.db
        .insert(chatImports)
        .values({ platform: ctx.platform, userId: ctx.userId, createdAt: key, ...held })
        .onConflictDoUpdate({
          target: [chatImports.platform, chatImports.userId, chatImports.createdAt],
          set: held,
        })
  const confirm = importConfirmCard(ctx, {
    kind: name,
    file: fileName,
    rows: table.rows.length,
    changes: ctx.t(plan.counts.key, plan.counts.params),
    notes: plan.notes,
    minutes: CONFIRM_MINUTES,
    key: String(key),
  })
  return { writes: [releaseExpired(ctx), write], replies: [card(confirm)] }
}

/** The parsed rows of this user's expired imports are let go ('' = released; null still means waiting for a file). */
function releaseExpired(ctx: Ctx): Write {
  return ctx.db
    .update(chatImports)
    .set({ table: '' })
    .where(
      and(
        eq(chatImports.platform, ctx.platform),
        eq(chatImports.userId, ctx.userId),
        lte(chatImports.expiresAt, ctx.now),
        isNotNull(chatImports.table),
      ),
    )
}

/** The first problem lines, a count of the rest, and the report's closing line. */
function shortened(ctx: Ctx, lines: string[]): string[] {
  const problems = lines.slice(0, -1)
  if (problems.length <= MAX_PROBLEM_LINES) return lines
  const more = ctx.t('imports.more', { count: problems.length - MAX_PROBLEM_LINES })
  return [...problems.slice(0, MAX_PROBLEM_LINES), more, ...lines.slice(-1)]
}

const toast = (kind: 'success' | 'info' | 'warning' | 'error', t: string): Outcome => ({
  writes: [],
  replies: [],
  toast: { kind, text: t },
})

async function heldImport(ctx: Ctx, value: string) {
  if (!ctx.me || !rolesOf(ctx.me).includes('admin')) throw new UserError('imports.notAdmin')
  const at = Number(value)
  const found = Number.isSafeInteger(at) ? await importAt(ctx.db, ctx.platform, ctx.userId, at) : undefined
  if (!found || found.row.table === null) return undefined
  return { row: found.row, table: found.row.table, applied: found.appliedAt !== null }
}

/**
 * 确认导入: the file's rows are checked again against today's data and written with the mark that this import
 * was applied, in one batch: a second tap (or two at once: the mark's key refuses the second) writes nothing.
 */
async function confirmImport(ctx: Ctx, value: string): Promise<Outcome> {
  const held = await heldImport(ctx, value)
  if (!held) return toast('info', ctx.t('imports.gone'))
  if (held.applied) return toast('info', ctx.t('imports.already'))
  const name = kindName(ctx, held.row.kind)
  if (held.row.expiresAt <= ctx.now || held.table === '')
    return {
      ...toast('warning', ctx.t('imports.gone')),
      card: importDecidedCard(ctx.t('imports.cardTitle', { kind: name }), ctx.t('imports.gone'), 'info'),
    }
  const plan = await planImport(ctx.db, held.row.kind as ImportKind, JSON.parse(held.table) as RawTable, ctx)
  if (!plan.ok)
    return {
      ...toast('error', ctx.t('imports.nowInvalid')),
      replies: [text([ctx.t('imports.nowInvalid'), ...shortened(ctx, plan.lines)].join('\n'))],
    }
  const changes = ctx.t(plan.counts.key, plan.counts.params)
  if (JSON.stringify(plan.counts) !== held.row.summary)
    return {
      ...toast('warning', ctx.t('imports.changed', { changes })),
      replies: [text(ctx.t('imports.changed', { changes }))],
    }
  const done = ctx.t('imports.done', { kind: name, changes })
  return {
    writes: [
      ctx.db.insert(chatImportsApplied).values({ importId: held.row.id, appliedAt: ctx.now }),
      ...plan.writes,
      // The rows are written; holding them longer serves nothing.
      ctx.db.update(chatImports).set({ table: '' }).where(eq(chatImports.id, held.row.id)),
    ],
    replies: [],
    toast: { kind: 'success', text: done },
    card: importDecidedCard(ctx.t('imports.doneTitle', { kind: name }), done, 'success'),
  }
}

/** 取消: the held rows are let go (an expired import); nothing was written, nothing is. */
async function cancelImport(ctx: Ctx, value: string): Promise<Outcome> {
  const held = await heldImport(ctx, value)
  if (!held) return toast('info', ctx.t('imports.gone'))
  if (held.applied) return toast('info', ctx.t('imports.already'))
  const name = kindName(ctx, held.row.kind)
  return {
    writes: [
      ctx.db.update(chatImports).set({ expiresAt: 0, table: '' }).where(eq(chatImports.id, held.row.id)),
    ],
    replies: [],
    toast: { kind: 'info', text: ctx.t('imports.cancelled') },
    card: importDecidedCard(
      ctx.t('imports.cancelledTitle', { kind: name }),
      ctx.t('imports.cancelled'),
      'info',
    ),
  }
}

export const importActions = {
  'import.confirm': confirmImport,
  'import.cancel': cancelImport,
}
