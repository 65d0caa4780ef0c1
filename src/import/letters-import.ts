import { and, eq } from 'drizzle-orm'
import { letterCard } from '../cards/letter'
import { confirmedVersion, type LetterRow, storedLetters } from '../db/letters'
import { findLocale } from '../db/queries'
import { letters, letterTargets, members, orgUnits } from '../db/schema'
import { currentSettings } from '../db/settings'
import type { Store, Write } from '../db/store'
import { accountsOf } from '../db/tasks'
import { contentKey } from '../domain/letters'
import { translate } from '../i18n'
import { card, type Platform } from '../messages'
import { enqueue } from '../outbox/enqueue'
import { type ParsedLetter, validateLetters } from './letters'
import type { RawTable } from './read-table'
import type { Problem } from './roster-columns'

export type LettersReport = {
  ok: boolean
  dryRun: boolean
  problems: Problem[]
  ignoredColumns: string[]
  summary?: {
    letters: number
    added: number
    changed: number
    unchanged: number
    sent: number
    unreachable: number
  }
}

/**
 * `npm run import -- letters FILE`: all letters or none. A new code is version 1; a stored code whose content
 * differs becomes the next version (its targets kept per version, its signer asked again); an equal one is
 * left alone. Each signer of a new or changed letter gets the letter card with 确认签订, queued in the same commit.
 */
export async function importLetters(
  store: Store,
  table: RawTable,
  opts: { dryRun?: boolean; now: number; newId?: () => string },
): Promise<LettersReport> {
  const dryRun = opts.dryRun ?? false
  const { db } = store
  const [people, units, settings, stored] = await Promise.all([
    db
      .select({
        id: members.id,
        no: members.employeeNo,
        name: members.name,
        branchId: members.branchId,
        active: members.active,
      })
      .from(members),
    db.select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name }).from(orgUnits),
    currentSettings(db),
    storedLetters(db),
  ])
  const v = validateLetters(table, {
    members: new Map(people.map((m) => [m.no, m])),
    units: new Map(units.map((u) => [u.code, u.id])),
    unitCodeOf: new Map(units.map((u) => [u.id, u.code])),
    metrics: settings.production.metrics,
  })
  if (v.problems.length > 0) return { ok: false, dryRun, problems: v.problems, ignoredColumns: v.ignored }
  let nextId = Math.max(0, ...[...stored.values()].map((s) => s.id)) + 1
  const writes: Write[] = []
  const fresh: { letter: ParsedLetter; id: number; version: number }[] = []
  let unchanged = 0
  for (const letter of v.letters) {
    const key = contentKey(letter.content)
    const had = stored.get(letter.code)
    if (had && had.content === key) {
      unchanged++
      continue
    }
    const fields = {
      signerId: letter.signerId,
      unitId: letter.unitId,
      level: letter.content.level,
      profession: letter.content.profession,
      periodFrom: letter.content.from,
      periodTo: letter.content.to,
      content: key,
      versionAt: opts.now,
    }
    // A new letter takes the next id here, so its targets can name it in the same batch; a concurrent import
    // taking the same id fails on the key and writes nothing.
    const id = had?.id ?? nextId++
    const version = had ? had.version + 1 : 1
    writes.push(
      had
        ? db
            .update(letters)
            .set({ ...fields, version })
            .where(and(eq(letters.id, id), eq(letters.version, had.version)))
        : db.insert(letters).values({ id, code: letter.code, ...fields, version }),
      ...letter.content.targets.map((t, seq) =>
        db.insert(letterTargets).values({ letterId: id, version, seq, ...t }),
      ),
    )
    fresh.push({ letter, id, version })
  }
  const messages = await askCards(store, fresh, people, units, settings, opts)
  const summary = {
    letters: v.letters.length,
    added: fresh.filter((f) => f.version === 1).length,
    changed: fresh.filter((f) => f.version > 1).length,
    unchanged,
    sent: messages.sent,
    unreachable: fresh.length - messages.sent,
  }
  if (!dryRun && writes.length > 0) await store.commit([...writes, ...messages.writes])
  return { ok: true, dryRun, problems: [], ignoredColumns: v.ignored, summary }
}

/** The letter card for each signer of a new or changed letter, on their first chat account, in their language. */
async function askCards(
  store: Store,
  fresh: { letter: ParsedLetter; id: number; version: number }[],
  people: { id: number; name: string }[],
  units: { id: number; name: string }[],
  settings: Awaited<ReturnType<typeof currentSettings>>,
  opts: { now: number; newId?: () => string },
): Promise<{ writes: Write[]; sent: number }> {
  const { db } = store
  const accounts = new Map<number, { platform: string; userId: string }>()
  for (const a of await accountsOf(db, [...new Set(fresh.map((f) => f.letter.signerId))]))
    if (!accounts.has(a.memberId)) accounts.set(a.memberId, a)
  const nameOf = new Map(people.map((p) => [p.id, p.name]))
  const unitName = new Map(units.map((u) => [u.id, u.name]))
  const writes: Write[] = []
  for (const { letter, id, version } of fresh) {
    const to = accounts.get(letter.signerId)
    if (!to) continue
    const locale = (await findLocale(db, to.platform, to.userId)) ?? 'zh-CN'
    const row: LetterRow = {
      id,
      code: letter.code,
      signerId: letter.signerId,
      signerName: nameOf.get(letter.signerId) ?? '',
      unitId: letter.unitId,
      unitName: unitName.get(letter.unitId) ?? '',
      level: letter.content.level,
      profession: letter.content.profession,
      periodFrom: letter.content.from,
      periodTo: letter.content.to,
      version,
      versionAt: opts.now,
      confirmedAt: null,
    }
    const reply = card(
      letterCard(locale, {
        row,
        targets: letter.content.targets,
        metrics: settings.production.metrics,
        confirmedVersion: version > 1 ? await confirmedVersion(db, id) : undefined,
        note: translate(locale, 'letters.askNote'),
      }),
    )
    writes.push(
      ...enqueue(
        db,
        to.platform as Platform,
        `import:letters:${id}:v${version}`,
        [{ to: { kind: 'user', id: to.userId }, reply, locale }],
        opts.now,
        opts.newId ?? (() => crypto.randomUUID()),
      ),
    )
  }
  return { writes, sent: writes.length }
}

/** The report as lines a person reads: each problem by row and column, then one summary line. */
export function formatLettersReport(report: LettersReport): string[] {
  const lines = report.problems.map((p) => `第 ${p.row} 行 · ${p.column}：${p.message}`)
  if (report.ignoredColumns.length > 0) lines.push(`已忽略不认识的列：${report.ignoredColumns.join('、')}`)
  const s = report.summary
  if (!report.ok || !s) {
    const rows = new Set(report.problems.map((p) => p.row)).size
    lines.push(
      `责任书未导入：${rows} 行共 ${report.problems.length} 处问题，没有写入任何内容。请改正后重新导入整个文件。`,
    )
    return lines
  }
  lines.push(
    report.dryRun
      ? `试运行（--dry-run，未写入）：${s.letters} 份责任书都可以导入（新增 ${s.added}，有变化 ${s.changed}，未变 ${s.unchanged}）。`
      : `责任书导入完成：新增 ${s.added} 份，有变化 ${s.changed} 份（版本加一，需重新确认），未变 ${s.unchanged} 份；已向 ${s.sent} 人发送确认卡片，${s.unreachable} 人尚未绑定（绑定后发送「责任书」查看）。`,
  )
  return lines
}
