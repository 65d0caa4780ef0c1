import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { clickText, parseClick, renderDingtalk } from '../../adapters/dingtalk/cards'
import { parseDingtalk } from '../../adapters/dingtalk/parse'
import { dingtalkSign, verifyDingtalk } from '../../adapters/dingtalk/verify'
import { loadConfig } from '../../src/config'
import { card, text } from '../../src/messages'
import { robotMessage } from '../support/fake-dingtalk'

const SECRET = 'SEC-test-secret'
const NOW = 1_764_036_000_000

describe('DingTalk callback signature', () => {
  it('is Base64(HmacSHA256(secret, timestamp\\nsecret)), as node:crypto computes it', async () => {
    const expected = createHmac('sha256', SECRET).update(`1577262236757\n${SECRET}`).digest('base64')
    expect(await dingtalkSign('1577262236757', SECRET)).toBe(expected)
  })

  it('accepts within an hour either way and refuses beyond it, forged or unsigned', async () => {
    const signed = async (t: number) => ({
      timestamp: String(t),
      sign: await dingtalkSign(String(t), SECRET),
    })
    expect(await verifyDingtalk(await signed(NOW - 3_600_000), SECRET, NOW)).toEqual({ ok: true })
    expect(await verifyDingtalk(await signed(NOW + 3_600_000), SECRET, NOW)).toEqual({ ok: true })
    expect((await verifyDingtalk(await signed(NOW - 3_600_001), SECRET, NOW)).ok).toBe(false)
    expect((await verifyDingtalk(await signed(NOW + 3_600_001), SECRET, NOW)).ok).toBe(false)
    const forged = { timestamp: String(NOW), sign: await dingtalkSign(String(NOW), 'other') }
    expect(await verifyDingtalk(forged, SECRET, NOW)).toMatchObject({
      ok: false,
      reason: /sign does not match/,
    })
    expect(await verifyDingtalk({ timestamp: String(NOW) }, SECRET, NOW)).toMatchObject({ ok: false })
  })
})

describe('DingTalk callback parsing', () => {
  const base = {
    msgId: 'msg1',
    staffId: 'manager1234',
    content: '签到',
    robotCode: 'dingrobot',
    createAt: NOW,
  }

  it('reads a group @message and a private one', () => {
    const group = parseDingtalk(robotMessage({ ...base, group: 'cidG==' }), 'dingrobot', NOW)
    expect(group).toMatchObject({
      kind: 'message',
      incoming: {
        platform: 'dingtalk',
        eventId: 'msg1',
        chatId: 'cidG==',
        chatType: 'group',
        userId: 'manager1234',
        text: '签到',
        mentionsBot: true,
      },
    })
    const p2p = parseDingtalk(robotMessage(base), 'dingrobot', NOW)
    expect(p2p).toMatchObject({
      kind: 'message',
      incoming: { chatId: 'p2p:manager1234', chatType: 'p2p', mentionsBot: false },
    })
  })

  it('takes a button link’s message as a click, and ignores other robots and people outside the org', () => {
    const click = clickText({ label: '确认', action: 'bind.approve', value: '17' })
    expect(parseDingtalk(robotMessage({ ...base, content: click }), 'dingrobot', NOW)).toMatchObject({
      kind: 'action',
      action: { action: 'bind.approve', value: '17', userId: 'manager1234', eventId: 'msg1' },
    })
    expect(parseDingtalk(robotMessage(base), 'another', NOW).kind).toBe('ignored')
    expect(parseDingtalk({ ...robotMessage(base), senderStaffId: undefined }, 'dingrobot', NOW).kind).toBe(
      'ignored',
    )
    expect(parseDingtalk({ msgId: 'x' }, 'dingrobot', NOW).kind).toBe('ignored')
  })

  it('round-trips click text and refuses look-alikes', () => {
    expect(parseClick('▶ 拒绝 #bind.reject|17')).toEqual({ action: 'bind.reject', value: '17' })
    expect(parseClick('确认 #bind.approve|17')).toBeUndefined()
    expect(parseClick('▶ 确认')).toBeUndefined()
  })
})

describe('DingTalk rendering', () => {
  const evil = '**粗体** [链接](https://evil.example) @all'
  const withButtons = card({
    title: '绑定申请',
    tone: 'info',
    sections: [
      { kind: 'fields', fields: [{ label: '姓名', value: evil }] },
      { kind: 'buttons', buttons: [{ label: '确认', action: 'bind.approve', value: '17' }] },
    ],
  })

  it('gives a member sampleMarkdown with each button as a dtmd sendMessage link', () => {
    const m = renderDingtalk(withButtons, 'member')
    expect(m.msgKey).toBe('sampleMarkdown')
    const { title, text: md } = JSON.parse(m.msgParam) as { title: string; text: string }
    expect(title).toBe('绑定申请')
    expect(md).toContain(
      `](dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent('▶ 确认 #bind.approve|17')})`,
    )
    // The only link is ours; the user's text forms none, nor bold, nor a mention.
    expect(md.match(/\]\(/g)).toHaveLength(1)
    expect(md).not.toMatch(/@all|https:\/\/evil/)
    expect(md.match(/\*\*/g)).toHaveLength(4)
  })

  it('lists a group card’s buttons as text, and sends text as sampleText', () => {
    const { text: md } = JSON.parse(renderDingtalk(withButtons, 'group').msgParam) as { text: string }
    expect(md).not.toContain('dtmd://')
    expect(md.replace(/\u200b/g, '')).toContain('[确认]')
    expect(renderDingtalk(text('你好'), 'member')).toEqual({
      msgKey: 'sampleText',
      msgParam: '{"content":"你好"}',
    })
  })
})

describe('DingTalk configuration', () => {
  it('needs the client id and secret together, and defaults the robot code and the mode', () => {
    expect(() => loadConfig({ DINGTALK_CLIENT_ID: 'dingabc' })).toThrow(/DINGTALK_CLIENT_SECRET/)
    expect(loadConfig({ DINGTALK_CLIENT_ID: 'dingabc', DINGTALK_CLIENT_SECRET: 's' }).dingtalk).toEqual({
      clientId: 'dingabc',
      clientSecret: 's',
      robotCode: 'dingabc',
      mode: 'webhook',
      apiRoot: 'https://api.dingtalk.com',
    })
    expect(() =>
      loadConfig({ DINGTALK_CLIENT_ID: 'a', DINGTALK_CLIENT_SECRET: 's', DINGTALK_MODE: 'ws' }),
    ).toThrow(/DINGTALK_MODE/)
  })
})
