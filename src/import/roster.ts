import { z } from 'zod'
import type { RawTable } from './read-table'
import { columnOrder, labelOf, type Problem, type RawRosterRow, readRosterRows } from './roster-columns'
import { codesOf, example, KIND_NAMES, parseRoles, type Role, type RosterContext } from './roster-roles'

export type { Problem } from './roster-columns'
export type { Role, RosterContext, UnitInfo } from './roster-roles'

export type RosterPlatform = 'feishu' | 'telegram'
export type RosterRow = {
  row: number
  employeeNo: string
  name: string
  branchCode: string
  groupCode: string | null
  roles: { role: Role; unitCode: string }[]
  accounts: { platform: RosterPlatform; id: string }[]
  active: boolean
  /** null: no post given (questions for every post only). */
  post: string | null
}

const ACTIVE: Record<string, boolean> = {
  是: true,
  否: false,
  '1': true,
  '0': false,
  true: true,
  false: false,
}

function rowSchema(ctx: RosterContext) {
  const text = (label: string, hint: string) =>
    z.string().min(1, { error: `${label}为空：${hint}`, abort: true })
  const optional = (s: z.ZodType<string, string>) =>
    z
      .string()
      .transform((v) => (v === '' ? null : v))
      .pipe(s.nullable())
  const unit = (kind: 'branch' | 'group', label: string) =>
    z.string().superRefine((code, c) => {
      const u = ctx.units.get(code)
      if (!u)
        c.addIssue(
          `${label}「${code}」不存在：应为已有${KIND_NAMES[kind]}的编码${example(codesOf(ctx, kind))}`,
        )
      else if (u.kind !== kind)
        c.addIssue(
          `「${code}」是${KIND_NAMES[u.kind]}的编码，不是${KIND_NAMES[kind]}：${label}列应填${KIND_NAMES[kind]}编码`,
        )
    })
  const account = (label: string, re: RegExp, hint: string) =>
    z.string().regex(re, { error: (iss) => `${label}「${iss.input}」无效：${hint}` })
  return z
    .object({
      row: z.number(),
      employeeNo: text('工号', '每行都要填 2–20 位字母或数字的工号').regex(/^[A-Za-z0-9]{2,20}$/, {
        error: (iss) => `工号「${iss.input}」无效：应为 2–20 位字母或数字`,
      }),
      name: text('姓名', '每行都要填成员姓名').refine((s) => [...s].length <= 20, {
        error: (iss) => `姓名「${iss.input}」有 ${[...String(iss.input)].length} 个字：最多 20 个字`,
      }),
      branchCode: text('支部编码', `每行都要填所属支部的编码${example(codesOf(ctx, 'branch'))}`).pipe(
        unit('branch', '支部编码'),
      ),
      groupCode: optional(unit('group', '党小组编码')),
      roles: z.string().transform((s, c) => parseRoles(s, ctx, (message) => c.addIssue(message))),
      feishuId: optional(
        account('飞书ID', /^[A-Za-z0-9_-]{1,64}$/, '应为飞书 open_id，如 ou_3f1a…（字母、数字、_ 或 -）'),
      ),
      telegramId: optional(
        account('TelegramID', /^[1-9]\d{0,19}$/, '应为数字用户 ID，如 123456789，不是 @用户名'),
      ),
      post: optional(
        z.string().refine((s) => [...s].length <= 10, {
          error: (iss) => `岗位「${iss.input}」过长：最多 10 个字，如 采煤、掘进、机电、通风、运输、地面`,
        }),
      ),
      active: z.string().transform((s, c) => {
        const v = s === '' ? true : ACTIVE[s.toLowerCase()]
        if (v === undefined)
          c.addIssue(`在册「${s}」无效：应为 是 或 否（也可写 1/0、true/false），留空表示 是`)
        return v ?? true
      }),
    })
    .superRefine(
      (r, c) => {
        const group = r.groupCode === null ? undefined : ctx.units.get(r.groupCode)
        if (!group || group.parentCode === r.branchCode) return
        const own = codesOf(ctx, 'group', r.branchCode)
        c.addIssue({
          code: 'custom',
          path: ['groupCode'],
          message:
            own.length === 0
              ? `党小组「${r.groupCode}」不属于支部 ${r.branchCode}：该支部下没有党小组，请留空`
              : `党小组「${r.groupCode}」不属于支部 ${r.branchCode}：应为 ${own.map((u) => u.code).join('、')} 之一或留空`,
        })
      },
      { when: (p) => !p.issues.some((i) => i.path?.[0] === 'branchCode' || i.path?.[0] === 'groupCode') },
    )
}

const ACCOUNT_COLUMNS = [
  ['feishuId', 'feishu', '飞书ID'],
  ['telegramId', 'telegram', 'TelegramID'],
] as const

/** Values meant to be unique: once in the file, and an account not held by a member the file leaves alone. */
function crossRowProblems(rows: RawRosterRow[], ctx: RosterContext): Problem[] {
  const inFile = new Set(rows.map((r) => r.employeeNo))
  const out: Problem[] = []
  const once = (column: string, key: (r: RawRosterRow) => string) => {
    const first = new Map<string, number>()
    for (const r of rows) {
      const v = key(r)
      const seen = first.get(v)
      if (v === '') continue
      if (seen === undefined) first.set(v, r.row)
      else
        out.push({
          row: r.row,
          column,
          message: `${column}「${v}」与第 ${seen} 行重复：每个${column}只能出现一次`,
        })
    }
  }
  once('工号', (r) => r.employeeNo)
  for (const [key, platform, column] of ACCOUNT_COLUMNS) {
    once(column, (r) => r[key])
    for (const r of rows) {
      const holder = r[key] === '' ? undefined : ctx.accounts.get(`${platform}:${r[key]}`)
      if (holder && holder.employeeNo !== r.employeeNo && !inFile.has(holder.employeeNo))
        out.push({
          row: r.row,
          column,
          message: `${column}「${r[key]}」已属于成员 ${holder.employeeNo} ${holder.name}（不在本文件中）：一个账号只能对应一名成员`,
        })
    }
  }
  return out
}

export type Validated = { rows: RosterRow[]; ignoredColumns: string[]; problems: Problem[] }

/** Validates every row against the organisation in `ctx`; problems come sorted by row, then column. */
export function validateRoster(table: RawTable, ctx: RosterContext): Validated {
  const head = readRosterRows(table)
  if (head.problems.length > 0) return { rows: [], ignoredColumns: head.ignored, problems: head.problems }
  const schema = rowSchema(ctx)
  const problems: Problem[] = []
  const rows: RosterRow[] = []
  for (const raw of head.rows) {
    const parsed = schema.safeParse(raw satisfies RawRosterRow)
    if (!parsed.success) {
      for (const i of parsed.error.issues)
        problems.push({ row: raw.row, column: labelOf(i.path[0] ?? ''), message: i.message })
      continue
    }
    const r = parsed.data
    const accounts = ACCOUNT_COLUMNS.flatMap(([key, platform]) => {
      const id = r[key]
      return id === null ? [] : [{ platform, id }]
    })
    rows.push({
      ...r,
      // 「书记」 and 「书记:ZC01」 in a ZC01 row are one role.
      roles: [
        ...new Map(
          r.roles.map((x) => {
            const unitCode = x.unitCode ?? r.branchCode
            return [`${x.role}@${unitCode}`, { role: x.role, unitCode }] as const
          }),
        ).values(),
      ],
      accounts,
    })
  }
  problems.push(...crossRowProblems(head.rows, ctx))
  problems.sort((a, b) => a.row - b.row || columnOrder(a.column) - columnOrder(b.column))
  return { rows, ignoredColumns: head.ignored, problems }
}
