import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { identities, members } from '../../src/db/schema'
import { type Bot, startBot } from '../support/bot'

let bot: Bot
beforeEach(async () => {
  bot = await startBot()
})
afterEach(() => bot.close())

async function boundTo(userId: string) {
  const [row] = await bot.store.db
    .select({ employeeNo: members.employeeNo })
    .from(identities)
    .innerJoin(members, eq(members.id, identities.memberId))
    .where(eq(identities.platformUserId, userId))
  return row?.employeeNo
}

const outboxFor = async (userId: string) => {
  const res = await bot.app.request(`/dev/outbox?userId=${userId}`)
  return (
    (await res.json()) as {
      messages: {
        text: string
        card?: { sections: { kind: string; buttons?: { action: string; value: string }[] }[] }
      }[]
    }
  ).messages
}

describe('绑定 in a private chat', () => {
  it('binds at once when the roster carries this account', async () => {
    // 1009 周秀英 is on the roster with simulator account u1009.
    expect(await bot.read('u1009', '绑定 1009')).toBe(
      '绑定成功：周秀英（工号 1009，综采一队党支部）。发送「帮助」查看您可以使用的命令。',
    )
    expect(await boundTo('u1009')).toBe('1009')
    expect(await bot.read('u1009', '积分')).toMatch(/周秀英 的积分/)
  })

  it('refuses a number the roster registers to another account', async () => {
    expect(await bot.read('u9999', '绑定 1009')).toMatch(/登记的是另一个账号/)
    expect(await boundTo('u9999')).toBeUndefined()
  })

  it("refuses someone else's number that is already bound", async () => {
    expect(await bot.read('u9999', '绑定 1001')).toMatch(/工号 1001 已绑定到另一个账号/)
    expect(await boundTo('u9999')).toBeUndefined()
  })

  it('refuses a number that is not on the roster', async () => {
    expect(await bot.read('u9999', '绑定 8888')).toMatch(/花名册中没有工号 8888/)
  })

  it('explains a malformed number', async () => {
    expect(await bot.read('u9999', '绑定 10-01')).toMatch(
      /工号应为 2 到 20 位字母或数字[\s\S]*示例：绑定 1001/,
    )
    expect(await bot.read('u9999', '绑定')).toMatch(/工号应为/)
  })

  it('tells a bound account it is already bound', async () => {
    expect(await bot.read('u1002', '绑定 1002')).toMatch(/您已绑定为/)
    expect(await bot.read('u1002', '绑定 1003')).toMatch(/已绑定到另一个账号/)
  })

  it('asks the branch secretary, who approves with a button', async () => {
    // 1010 吴立新 (ZC01) has no account on the roster: the request goes to ZC01's secretary u1001.
    expect(await bot.read('u1010', '绑定 1010')).toBe(
      '已提交绑定申请（编号 1）：吴立新（工号 1010）。请等待支部书记确认。',
    )
    expect(await bot.read('u1010', '绑定 1010')).toMatch(/编号 1）正在等待支部书记确认/)
    expect(await boundTo('u1010')).toBeUndefined()
    const [request] = await outboxFor('u1001')
    expect(request?.text).toMatch(/绑定申请 #1[\s\S]*吴立新（工号 1010/)
    const buttons = request?.card?.sections.find((s) => s.kind === 'buttons')?.buttons
    expect(buttons?.map((b) => b.action)).toEqual(['bind.approve', 'bind.reject'])
    const answer = await bot.clickRaw('u1001', 'bind.approve', '1')
    expect(answer.toast).toEqual({ kind: 'success', text: '已确认绑定申请 #1：吴立新（工号 1010）。' })
    expect(answer.replies).toEqual([])
    // The card loses its buttons and shows the verdict.
    expect(answer.card?.tone).toBe('success')
    expect(answer.card?.sections.map((s) => s.kind)).toEqual(['markdown', 'markdown'])
    expect(answer.card?.sections[1]?.text).toBe('✅ 已由 王建国 确认')
    expect(await boundTo('u1010')).toBe('1010')
    expect((await outboxFor('u1010'))[0]?.text).toMatch(/您的绑定申请已通过/)
    // A second click on the same card changes nothing.
    expect(await bot.click('u1001', 'bind.approve', '1')).toMatch(/没有编号为 1 的待审核绑定申请/)
  })

  it('lets the secretary reject by command, and the requester hears it', async () => {
    await bot.read('u1010', '绑定 1010')
    expect(await bot.read('u1001', '拒绝绑定 1')).toBe('已拒绝绑定申请 #1。')
    expect(await boundTo('u1010')).toBeUndefined()
    expect((await outboxFor('u1010'))[0]?.text).toMatch(/未通过/)
  })

  it("keeps another branch's secretary and plain members from approving", async () => {
    await bot.read('u1010', '绑定 1010')
    expect(await bot.read('u1011', '确认绑定 1')).toMatch(/不属于您负责的支部/)
    expect(await bot.read('u1002', '确认绑定 1')).toMatch(/只有支部书记或党务管理员可以使用/)
    expect(await bot.clickRaw('u1002', 'bind.approve', '1')).toEqual({
      replies: [],
      toast: { kind: 'error', text: '绑定申请 #1 不属于您负责的支部，无法审核。' },
    })
    expect(await boundTo('u1010')).toBeUndefined()
  })

  it('lets the admin approve for any branch', async () => {
    await bot.read('u1010', '绑定 1010')
    expect(await bot.read('u1034', '确认绑定 1')).toMatch(/已确认绑定申请 #1/)
    expect(await boundTo('u1010')).toBe('1010')
  })
})

describe('绑定群 in a group chat', () => {
  it('binds a new group to the secretary’s own branch', async () => {
    expect(await bot.read('u1001', '签到', 'g-new')).toMatch(/本群尚未绑定支部|功能正在建设中/)
    expect(await bot.read('u1001', '绑定群 ZC01', 'g-new')).toBe('本群已绑定到综采一队党支部（ZC01）。')
    expect(await bot.read('u1001', '绑定群 zc01', 'g-new')).toBe('本群已经绑定到综采一队党支部（ZC01）。')
    expect(await bot.read('u1002', '排行', 'g-new')).toMatch(/综采一队党支部 · 本月积分排行/)
  })

  it("refuses another branch's code to a secretary", async () => {
    expect(await bot.read('u1001', '绑定群 JD01', 'g-new')).toBe('您只能把群绑定到自己的支部（ZC01）。')
  })

  it('refuses members, unknown codes and party-group codes', async () => {
    expect(await bot.read('u1002', '绑定群 ZC01', 'g-new')).toMatch(/只有支部书记或党务管理员可以使用/)
    expect(await bot.read('u1034', '绑定群 XX99', 'g-new')).toMatch(/没有编码为 XX99 的支部/)
    expect(await bot.read('u1034', '绑定群 ZC01-1', 'g-new')).toMatch(/没有编码为 ZC01-1 的支部/)
  })

  it('lets the admin move a group to another branch', async () => {
    expect(await bot.read('u1034', '绑定群 JD01', 'g-ZC01')).toBe(
      '本群已从综采一队党支部改绑到机电队党支部（JD01）。',
    )
  })
})
