import { describe, expect, it } from 'vitest'
import { renderCard } from '../../adapters/feishu/cards'
import { cardToText } from '../../src/cards/card'
import { quizCard } from '../../src/cards/quiz'
import type { QuestionRow } from '../../src/db/quiz'

const row = (
  id: number,
  kind: QuestionRow['kind'],
  stem: string,
  options: string[],
  answer: string,
): QuestionRow => ({
  id,
  code: `C-${id}`,
  kind,
  stem,
  options: JSON.stringify(options),
  answer,
  explanation: `秘密解析${id}`,
  category: '党章党规',
  difficulty: 1,
  source: '出处',
  quote: stem,
  status: 'approved',
  createdAt: 0,
  createdBy: 'test',
})

const set = {
  unitId: 7,
  unitName: '综采一队党支部',
  day: '2026-11-25',
  rows: [
    row(1, 'single', '预备党员的预备期为多长时间？', ['半年', '一年'], 'B'),
    row(2, 'multiple', '下列哪些属于党的纪律处分？', ['警告', '记过', '开除党籍'], 'AC'),
    row(3, 'judge', '入井人员必须随身携带自救器。', [], 'T'),
  ],
}

describe('the quiz card', () => {
  it('renders for Feishu as card JSON 2.0 with a button per option of single choice and true/false', () => {
    const json = renderCard(quizCard('zh-CN', set)) as {
      schema: string
      header: { title: { content: string } }
      body: {
        elements: {
          tag: string
          content?: string
          columns?: { elements: { behaviors: { value: unknown }[]; text: { content: string } }[] }[]
        }[]
      }
    }
    expect(json.schema).toBe('2.0')
    expect(json.header.title.content).toBe('今日答题 · 综采一队党支部 · 2026-11-25（共 3 题）')
    const [q1, b1, q2, q3, b3, how] = json.body.elements
    expect(q1).toEqual({
      tag: 'markdown',
      content: '**1.** [单选] 预备党员的预备期为多长时间？\nA. 半年\nB. 一年',
    })
    const buttons = (b: typeof b1) =>
      b?.columns?.map((c) => [c.elements[0]?.text.content, c.elements[0]?.behaviors[0]?.value])
    expect(buttons(b1)).toEqual([
      ['1A', { action: 'quiz.answer', value: '7|2026-11-25|1|A' }],
      ['1B', { action: 'quiz.answer', value: '7|2026-11-25|1|B' }],
    ])
    // A multiple-choice question is answered by typing: no buttons follow it.
    expect(q2?.tag).toBe('markdown')
    expect(q3?.content).toBe('**3.** [判断] 入井人员必须随身携带自救器。')
    expect(buttons(b3)).toEqual([
      ['3对', { action: 'quiz.answer', value: '7|2026-11-25|3|T' }],
      ['3错', { action: 'quiz.answer', value: '7|2026-11-25|3|F' }],
    ])
    expect(how?.content).toMatch(/^点按钮作答，或一次发送「答 1A 2BC 3对」/)
    expect(JSON.stringify(json)).not.toMatch(/秘密解析/)
  })

  it('reads as plain text in the simulator', () => {
    expect(cardToText(quizCard('zh-CN', set)).split('\n').slice(0, 5)).toEqual([
      '【今日答题 · 综采一队党支部 · 2026-11-25（共 3 题）】',
      '1. [单选] 预备党员的预备期为多长时间？',
      'A. 半年',
      'B. 一年',
      '[1A] [1B]',
    ])
  })
})
