import { describe, expect, it } from 'vitest'
import { cardToText } from '../../src/cards/card'
import { escapeMarkdown } from '../../src/cards/markdown'

describe('user text in card markdown', () => {
  it.each([
    ['<at user_id="all">所有人</at>', '所有人'],
    ['@所有人 开会', '@\u200b所有人 开会'],
    ['**加粗**', '\\*\\*加粗\\*\\*'],
    ['[点我](https://evil.example)', '\\[点我\\]\\(https:\u200b//evil.example\\)'],
    ['# 标题', '\\# 标题'],
    ['张三', '张三'],
  ])('%s becomes %s', (input, escaped) => expect(escapeMarkdown(input)).toBe(escaped))

  it('reads back as the text the user typed in the plain rendering', () => {
    const text = cardToText({
      title: 't',
      tone: 'info',
      sections: [{ kind: 'markdown', text: `**申请人**：${escapeMarkdown('*李四* [x](y)')}` }],
    })
    expect(text).toBe('【t】\n申请人：*李四* [x](y)')
  })
})
