import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chats, identities, members, orgUnits, outbox } from '../../src/db/schema'
import { type Reply, text } from '../../src/messages'
import { enqueue } from '../../src/outbox/enqueue'
import { type Bot, FIXED_NOW, startBot } from '../support/bot'
import { type FakeWecom, startFakeWecom } from '../support/fake-wecom'
import {
  AGENT_ID,
  BOT_AES_KEY,
  BOT_TOKEN,
  botTextMessage,
  CORP_ID,
  textXml,
  WECOM_AES_KEY,
  WECOM_TOKEN,
  wecomBotPost,
  wecomPost,
} from '../support/fake-wecom-callbacks'
import { until } from '../support/until'

/**
 * What the bot posts into a WeCom group on its own (an announcement, a reminder) when the group is a smart-bot
 * group the app cannot post into (appchat/send 86003): one private message/send to the bound members of the
 * group's unit, prefixed with the group's name (DESIGN §6), against a fake WeCom server on 127.0.0.1.
 */
const NOW_SEC = Math.floor(FIXED_NOW / 1000)
const APP_GROUP = 'wrkAppCreated01'
let fake: FakeWecom
let bot: Bot

beforeEach(async () => {
  fake = await startFakeWecom({ corpId: CORP_ID, agentId: AGENT_ID, appChats: [APP_GROUP] })
  bot = await startBot({
    background: 'run',
    env: {
      OUTBOX_RATE_SCALE: '1000',
      WECOM_CORP_ID: CORP_ID,
      WECOM_AGENT_ID: String(AGENT_ID),
      WECOM_SECRET: fake.secret,
      WECOM_TOKEN,
      WECOM_AES_KEY,
      WECOM_API_ROOT: fake.url,
      WECOM_BOT_TOKEN: BOT_TOKEN,
      WECOM_BOT_AES_KEY: BOT_AES_KEY,
    },
  })
  for (const no of ['1001', '1002', '1003']) {
    const [m] = await bot.store.db.select().from(members).where(eq(members.employeeNo, no))
    await bot.store.db
      .insert(identities)
      .values({ platform: 'wecom', platformUserId: `u${no}`, memberId: m?.id ?? 0, boundAt: FIXED_NOW })
  }
})
afterEach(async () => {
  bot.close()
  await fake.close()
})

const settle = () => new Promise((r) => setTimeout(r, 300))

/** A command typed in a group to the smart robot; answered through its response_url. */
async function sayInGroup(chatId: string, from: string, content: string, n: number) {
  const code = `rc${n}`
  const message = botTextMessage({
    msgId: `CAIQfallback${n}`,
    from,
    content,
    chatId,
    responseUrl: `${fake.url}/cgi-bin/aibot/response?response_code=${code}`,
  })
  const { path, body } = wecomBotPost(message, { timestampSec: NOW_SEC })
  expect((await bot.app.request(path, { method: 'POST', body })).status).toBe(200)
  return until(() => fake.sent.find((m) => m.to === code)?.text, `the answer to ${content}`)
}

/** A push into a group, queued as a scheduler job would queue it. */
async function pushToGroup(chatId: string, words: string | Reply) {
  const [write] = enqueue(
    bot.store.db,
    'wecom',
    `job:test:${chatId}`,
    [
      {
        to: { kind: 'chat', id: chatId },
        reply: typeof words === 'string' ? text(words) : words,
        locale: 'zh-CN',
      },
    ],
    FIXED_NOW,
    () => `row-${chatId}`,
  )
  await write
  bot.core.kick()
  return until(async () => {
    const [row] = await bot.store.db
      .select()
      .from(outbox)
      .where(eq(outbox.id, `row-${chatId}`))
    return row && row.status !== 'pending' ? row : undefined
  }, 'the push to be sent or given up')
}

async function bindGroupTo(chatId: string, unitCode: string) {
  const [unit] = await bot.store.db.select().from(orgUnits).where(eq(orgUnits.code, unitCode))
  await bot.store.db
    .insert(chats)
    .values({ platform: 'wecom', chatId, unitId: unit?.id ?? 0, boundAt: FIXED_NOW })
}

describe('pushes into a WeCom smart-bot group', () => {
  it('announces a check-in opened in private to the group members privately, once, with the group named', async () => {
    expect(await sayInGroup('wrkSFfCgAAzc01', 'u1001', '绑定群 ZC01', 1)).toMatch(
      /已绑定到综采一队党支部（ZC01）/,
    )
    const open = wecomPost(
      textXml({ from: 'u1001', content: '发起签到 主题党日', msgId: '7100', createTime: NOW_SEC }),
      {
        timestampSec: NOW_SEC,
      },
    )
    expect((await bot.app.request(open.path, { method: 'POST', body: open.body })).status).toBe(200)
    const announced = await until(
      () => fake.sent.find((m) => m.api === 'message/send' && m.to.includes('|')),
      'the announcement to the members',
    )
    expect(announced.to).toBe('u1001|u1002|u1003')
    expect(announced.text).toMatch(/^「综采一队党支部群」通知：\n/)
    expect(announced.text).toContain('主题党日')
    await settle()
    // One call for the one row; nothing went to the group itself.
    expect(fake.sent.filter((m) => m.to === 'u1001|u1002|u1003')).toHaveLength(1)
    expect(fake.sent.filter((m) => m.api === 'appchat/send')).toHaveLength(0)
    const rows = await bot.store.db.select().from(outbox).where(eq(outbox.targetId, 'wrkSFfCgAAzc01'))
    // The 绑定群 answer went to its response_url; the announcement is the one push.
    const pushes = rows.filter((r) => r.replyTo === null)
    expect(pushes.map((r) => [r.status, r.attempts])).toEqual([['sent', 1]])
  })

  it('sends a scheduled push once even when the drain runs again', async () => {
    await bindGroupTo('wrkSFfCgAAzc02', 'ZC01')
    const row = await pushToGroup('wrkSFfCgAAzc02', '明天 9:00 主题党日，请准时参加')
    expect(row.status).toBe('sent')
    bot.core.kick()
    await settle()
    const sent = fake.sent.filter((m) => m.api === 'message/send')
    expect(sent.map((m) => [m.to, m.text])).toEqual([
      ['u1001|u1002|u1003', '「综采一队党支部群」通知：\n明天 9:00 主题党日，请准时参加'],
    ])
  })

  it('splits a unit of more than 1000 bound members into calls of at most 1000', async () => {
    await bindGroupTo('wrkSFfCgAAzc03', 'ZC01')
    const [unit] = await bot.store.db.select().from(orgUnits).where(eq(orgUnits.code, 'ZC01'))
    const extra = Array.from({ length: 1_000 }, (_, i) => `9${String(i).padStart(4, '0')}`)
    const added = await bot.store.db
      .insert(members)
      .values(extra.map((no) => ({ employeeNo: no, name: `成员${no}`, branchId: unit?.id ?? 0 })))
      .returning({ id: members.id, no: members.employeeNo })
    await bot.store.db.insert(identities).values(
      added.map((m) => ({
        platform: 'wecom',
        platformUserId: `u${m.no}`,
        memberId: m.id,
        boundAt: FIXED_NOW,
      })),
    )
    const row = await pushToGroup('wrkSFfCgAAzc03', '明天 9:00 主题党日')
    expect(row.status).toBe('sent')
    const calls = fake.sent.filter((m) => m.api === 'message/send').map((m) => m.to.split('|').length)
    expect(calls).toEqual([1_000, 3])
  })

  it('sends a card with buttons as one template card to the members, the group named above its text', async () => {
    await bindGroupTo('wrkSFfCgAAzc04', 'ZC01')
    const card: Reply = {
      kind: 'card',
      card: {
        title: '签到提醒',
        tone: 'info',
        sections: [
          { kind: 'markdown', text: '主题党日 10:00 开始' },
          { kind: 'buttons', buttons: [{ label: '签到', action: 'checkin.do', value: '1' }] },
        ],
      },
    }
    const row = await pushToGroup('wrkSFfCgAAzc04', card)
    expect(row.status).toBe('sent')
    const sent = fake.sent.filter((m) => m.api === 'message/send')
    expect(sent.map((m) => [m.to, m.msgtype])).toEqual([['u1001|u1002|u1003', 'template_card']])
    expect(sent[0]?.text).toBe('签到提醒\n「综采一队党支部群」通知：\n主题党日 10:00 开始\n[签到]')
    expect(sent[0]?.body.template_card).toMatchObject({ task_id: 'row-wrkSFfCgAAzc04' })
  })

  it('still posts into a group the app created through appchat/send', async () => {
    await bindGroupTo(APP_GROUP, 'ZC01')
    const row = await pushToGroup(APP_GROUP, '本周学习资料已更新')
    expect(row.status).toBe('sent')
    expect(fake.sent.map((m) => [m.api, m.to, m.text])).toEqual([
      ['appchat/send', APP_GROUP, '本周学习资料已更新'],
    ])
  })

  it('gives up with a clear reason when no member of the group’s unit is bound on WeCom', async () => {
    await bindGroupTo('wrkSFfCgAAjd01', 'JD01')
    const row = await pushToGroup('wrkSFfCgAAjd01', '明天 9:00 主题党日')
    expect(row.status).toBe('dead')
    expect(row.lastError).toContain('86003')
    expect(row.lastError).toContain('no member of its unit is bound on WeCom')
    expect(fake.sent).toHaveLength(0)
  })

  it('gives up with a clear reason for a group bound to no unit', async () => {
    const row = await pushToGroup('wrkSFfCgAAnone', '明天 9:00 主题党日')
    expect(row.status).toBe('dead')
    expect(row.lastError).toContain('bound to no unit')
    expect(fake.sent).toHaveLength(0)
  })
})
