export type Role = 'secretary' | 'leader' | 'admin' | 'dispatcher' | 'inspector'
export type UnitInfo = { code: string; kind: 'committee' | 'branch' | 'group'; parentCode: string | null }

/** What validation needs from the database: the units by code and who already holds each platform account. */
export type RosterContext = {
  units: ReadonlyMap<string, UnitInfo>
  /** `${platform}:${id}` → the member holding it. */
  accounts: ReadonlyMap<string, { employeeNo: string; name: string }>
}

const ROLE_NAMES: Record<string, Role> = {
  书记: 'secretary',
  领导: 'leader',
  管理员: 'admin',
  调度员: 'dispatcher',
  纪检: 'inspector',
  secretary: 'secretary',
  leader: 'leader',
  admin: 'admin',
  dispatcher: 'dispatcher',
  inspector: 'inspector',
}
const ROLE_HINT =
  '可选 书记、领导、管理员、调度员、纪检（或 secretary、leader、admin、dispatcher、inspector），指定单位写作 领导:ZC01'
export const KIND_NAMES = { committee: '党委', branch: '支部', group: '党小组' } as const

export const codesOf = (ctx: RosterContext, kind: UnitInfo['kind'], parent?: string) =>
  [...ctx.units.values()].filter((u) => u.kind === kind && (parent === undefined || u.parentCode === parent))

export const example = (units: UnitInfo[]) =>
  units.length === 0
    ? ''
    : `，如 ${units
        .slice(0, 3)
        .map((u) => u.code)
        .join('、')}`

type Issue = (message: string) => void

/**
 * 「书记、领导:ZC01」 → roles with their unit: a secretary's is the member's own branch (null here, filled in
 * once the branch is known), the others default to the committee at the root.
 */
export function parseRoles(
  text: string,
  ctx: RosterContext,
  issue: Issue,
): { role: Role; unitCode: string | null }[] {
  const committee = codesOf(ctx, 'committee').find((u) => u.parentCode === null)?.code
  const out = new Map<string, { role: Role; unitCode: string | null }>()
  for (const token of text.split(/[、,，;；\s]+/).filter(Boolean)) {
    const [word = '', code] = token.split(/[:：]/, 2)
    const role = ROLE_NAMES[word.toLowerCase()]
    if (!role) {
      issue(`角色「${token}」无效：${ROLE_HINT}`)
      continue
    }
    let unitCode: string | null = code ?? (role === 'secretary' ? null : (committee ?? ''))
    if (code !== undefined) {
      const unit = ctx.units.get(code)
      if (!unit)
        issue(`角色「${token}」的单位「${code}」不存在：冒号后应为已有单位的编码，如 ${committee ?? 'ZC01'}`)
      else if (role === 'secretary' && unit.kind !== 'branch')
        issue(`角色「${token}」无效：书记只能是支部的书记，「${code}」是${KIND_NAMES[unit.kind]}`)
    } else if (unitCode === '') {
      issue(`角色「${token}」缺少单位：组织中没有党委，请写明单位，如 ${word}:ZC01`)
      unitCode = null
    }
    out.set(`${role}@${unitCode}`, { role, unitCode })
  }
  return [...out.values()]
}
