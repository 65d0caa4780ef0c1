import { describe, expect, it } from 'vitest'
import { decodeCallbackData, encodeCallbackData } from '../../adapters/telegram/callback-data'
import { escapeTelegramHtml, renderCard, renderText } from '../../adapters/telegram/cards'
import { constantTimeEqual, verifyTelegramSecret } from '../../adapters/telegram/verify'
import { escapeMarkdown } from '../../src/cards/markdown'
import { parseTelegramHtml } from '../support/fake-telegram'

const ZW = '\u200b'

describe('rendering for Telegram', () => {
  it('escapes user text so it cannot format, mention or link', () => {
    expect(escapeTelegramHtml('<a href="tg://user?id=1">x</a> & @all http://evil.example 1.5')).toBe(
      `&lt;a href="tg:${ZW}//user?id=1"&gt;x&lt;/a&gt; &amp; @${ZW}all http:${ZW}//evil.${ZW}example 1.5`,
    )
  })

  it('renders markdown bold, fields, tables and charts as valid Telegram HTML', () => {
    const { text, reply_markup } = renderCard({
      title: '汇总 <ZC01>',
      tone: 'success',
      sections: [
        { kind: 'markdown', text: `**本月** 共 3 人：${escapeMarkdown('**张三** <b>')}` },
        { kind: 'fields', fields: [{ label: '支部', value: '一支部 & 二支部' }] },
        { kind: 'table', columns: ['姓名', '积分'], rows: [['张三', '12']] },
        {
          kind: 'chart',
          chart: 'bar',
          title: '签到',
          labels: ['一月', '二月'],
          series: [{ name: 's', data: [2, 4] }],
        },
        { kind: 'chart', chart: 'pie', labels: ['到', '缺'], series: [{ name: 's', data: [3, 1] }] },
      ],
    })
    expect(text).toBe(
      [
        '✅ <b>汇总 &lt;ZC01&gt;</b>',
        '<b>本月</b> 共 3 人：**张三** &lt;b&gt;',
        '<b>支部</b>：一支部 &amp; 二支部',
        '<b>姓名 | 积分</b>',
        '张三 | 12',
        '<b>签到</b>',
        '一月 ██████ 2',
        '二月 ████████████ 4',
        '到 ████████████ 3 (75%)',
        '缺 ████ 1 (25%)',
      ].join('\n'),
    )
    expect(parseTelegramHtml(text).ok).toBe(true)
    expect(reply_markup).toBeUndefined()
  })

  it('cuts a long card between lines, within 4096 characters, saying how many were left out', () => {
    const rows = Array.from({ length: 400 }, (_, i) => [`成员${i}`, 'x'.repeat(20)])
    const { text } = renderCard({
      title: 't',
      tone: 'info',
      sections: [{ kind: 'table', columns: ['a', 'b'], rows }],
    })
    expect(text.length).toBeLessThanOrEqual(4096)
    expect(text).toMatch(/\n… \+\d+$/)
    expect(parseTelegramHtml(text).ok).toBe(true)
  })

  it('puts at most three buttons in a row, and leaves out one whose data exceeds 64 bytes', () => {
    const buttons = ['a', 'b', 'c', 'd'].map((v) => ({ label: v, action: 'quiz.answer', value: v }))
    const long = { label: 'x', action: 'quiz.answer', value: '题'.repeat(20) }
    const { reply_markup } = renderCard({
      title: 't',
      tone: 'info',
      sections: [{ kind: 'buttons', buttons: [...buttons, long] }],
    })
    expect(reply_markup?.inline_keyboard.map((r) => r.map((b) => b.text))).toEqual([['a', 'b', 'c'], ['d']])
  })

  it('cuts a long text reply to 4096 characters as shown', () => {
    const { text } = renderText(`<${'长'.repeat(5000)}`)
    const shown = parseTelegramHtml(text)
    expect(shown.ok && shown.text.length).toBe(4096)
  })

  it('carries a button as action|value within 64 bytes', () => {
    expect(encodeCallbackData('bind.approve', '17')).toBe('bind.approve|17')
    expect(decodeCallbackData('bind.approve|a|b')).toEqual({ action: 'bind.approve', value: 'a|b' })
    expect(encodeCallbackData('bad|action', '1')).toBeUndefined()
    expect(encodeCallbackData('a', 'x'.repeat(63))).toBeUndefined()
    expect(decodeCallbackData('|x')).toBeUndefined()
  })
})

describe('the webhook secret', () => {
  it('passes only the configured secret, and everything when none is configured', () => {
    expect(verifyTelegramSecret('s3cret', 's3cret')).toEqual({ ok: true })
    expect(verifyTelegramSecret('s3cre', 's3cret').ok).toBe(false)
    expect(verifyTelegramSecret(undefined, 's3cret').ok).toBe(false)
    expect(verifyTelegramSecret('', 's3cret').ok).toBe(false)
    expect(verifyTelegramSecret(undefined, undefined)).toEqual({ ok: true })
    expect(constantTimeEqual('密钥', '密钥')).toBe(true)
    expect(constantTimeEqual('a', 'a\u0000')).toBe(false)
  })
})
