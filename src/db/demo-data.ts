/** A plausible coal-mining group for the simulator and tests: names are invented. */
export type DemoUnit = {
  code: string
  name: string
  kind: 'committee' | 'branch' | 'group'
  parent?: string
  team?: string
}

export const DEMO_UNITS: DemoUnit[] = [
  { code: 'DW', name: '示范煤矿党委', kind: 'committee' },
  { code: 'ZC01', name: '综采一队党支部', kind: 'branch', parent: 'DW' },
  { code: 'ZC01-1', name: '综采一队第一党小组', kind: 'group', parent: 'ZC01', team: '综采一队早班' },
  { code: 'ZC01-2', name: '综采一队第二党小组', kind: 'group', parent: 'ZC01', team: '综采一队中夜班' },
  { code: 'JD01', name: '机电队党支部', kind: 'branch', parent: 'DW' },
  { code: 'JD01-1', name: '机电队第一党小组', kind: 'group', parent: 'JD01', team: '机电检修班' },
  { code: 'JD01-2', name: '机电队第二党小组', kind: 'group', parent: 'JD01', team: '主运输班' },
  { code: 'TF01', name: '通风安全队党支部', kind: 'branch', parent: 'DW' },
  { code: 'TF01-1', name: '通风安全队第一党小组', kind: 'group', parent: 'TF01', team: '通风班' },
  { code: 'TF01-2', name: '通风安全队第二党小组', kind: 'group', parent: 'TF01', team: '瓦斯检查班' },
  { code: 'JG01', name: '机关党支部', kind: 'branch', parent: 'DW' },
  { code: 'JG01-1', name: '机关第一党小组', kind: 'group', parent: 'JG01', team: '生产调度室' },
  { code: 'JG01-2', name: '机关第二党小组', kind: 'group', parent: 'JG01', team: '安全监察科' },
]

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'
const GIVEN = ['建国', '志强', '海军', '立新', '永刚', '春华', '秀英', '卫东', '红梅', '国庆']

export type DemoMember = {
  employeeNo: string
  name: string
  branch: string
  group: string
  roles: { role: 'secretary' | 'leader' | 'admin' | 'dispatcher' | 'inspector'; unit: string }[]
  /** Whether the simulator account u<employeeNo> is already bound (two per branch are left to bind). */
  bound: boolean
  /** Whether the roster carries the simulator account (then 绑定 needs no approval). */
  rosterAccount: boolean
}

const BRANCHES = ['ZC01', 'JD01', 'TF01', 'JG01']

/** 40 members: 10 per branch; the first of each branch is its secretary; leaders, admin and others in 机关. */
export const DEMO_MEMBERS: DemoMember[] = BRANCHES.flatMap((branch, b) =>
  Array.from({ length: 10 }, (_, i) => {
    const n = b * 10 + i
    const employeeNo = String(1001 + n)
    const roles: DemoMember['roles'] = []
    if (i === 0) roles.push({ role: 'secretary', unit: branch })
    if (branch === 'JG01' && i === 1) roles.push({ role: 'leader', unit: 'DW' })
    if (branch === 'JG01' && i === 2) roles.push({ role: 'leader', unit: 'DW' })
    if (branch === 'JG01' && i === 3) roles.push({ role: 'admin', unit: 'DW' })
    if (branch === 'JG01' && i === 4) roles.push({ role: 'dispatcher', unit: 'DW' })
    if (branch === 'JG01' && i === 5) roles.push({ role: 'inspector', unit: 'DW' })
    return {
      employeeNo,
      name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7 + b) % GIVEN.length]}`,
      branch,
      group: `${branch}-${i < 5 ? 1 : 2}`,
      roles,
      bound: i < 8,
      rosterAccount: i === 8,
    }
  }),
)

export const demoUserId = (employeeNo: string) => `u${employeeNo}`
export const demoChatId = (unitCode: string) => `g-${unitCode}`
