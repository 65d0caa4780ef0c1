import { describe, expect, it } from 'vitest'
import { rankBranches } from '../../src/domain/points'
import { bankOf, drawSet, judge, parseAnswers, parseBareAnswer, quizAward } from '../../src/domain/quiz'

/** What members type → the numbered raw answers, or the piece that could not be read. */
const FORMS: [string, [number, string][] | { bad: string }][] = [
  ['1A', [[1, 'A']]],
  [
    '1A 2B',
    [
      [1, 'A'],
      [2, 'B'],
    ],
  ],
  [
    '1A 2BC 3对',
    [
      [1, 'A'],
      [2, 'BC'],
      [3, '对'],
    ],
  ],
  [
    '1a 2bc',
    [
      [1, 'A'],
      [2, 'BC'],
    ],
  ],
  [
    '1A2B3C',
    [
      [1, 'A'],
      [2, 'B'],
      [3, 'C'],
    ],
  ],
  [
    '1.A 2.B',
    [
      [1, 'A'],
      [2, 'B'],
    ],
  ],
  [
    '1、A 2、CB',
    [
      [1, 'A'],
      [2, 'CB'],
    ],
  ],
  [
    '1:A,2:B',
    [
      [1, 'A'],
      [2, 'B'],
    ],
  ],
  [
    '1：A；2：B',
    [
      [1, 'A'],
      [2, 'B'],
    ],
  ],
  [
    '1)A 2）B',
    [
      [1, 'A'],
      [2, 'B'],
    ],
  ],
  [
    '1-A 2-B',
    [
      [1, 'A'],
      [2, 'B'],
    ],
  ],
  [
    '1 A 2 B',
    [
      [1, 'A'],
      [2, 'B'],
    ],
  ],
  [
    '１Ａ　２Ｂ',
    [
      [1, 'A'],
      [2, 'B'],
    ],
  ],
  [
    '1对 2错',
    [
      [1, '对'],
      [2, '错'],
    ],
  ],
  [
    '1√ 2×',
    [
      [1, '√'],
      [2, '×'],
    ],
  ],
  [
    '1✓ 2✗',
    [
      [1, '✓'],
      [2, '✗'],
    ],
  ],
  [
    '1T 2F',
    [
      [1, 'T'],
      [2, 'F'],
    ],
  ],
  [
    '1t 2f',
    [
      [1, 'T'],
      [2, 'F'],
    ],
  ],
  [
    '1正确 2错误',
    [
      [1, '正确'],
      [2, '错误'],
    ],
  ],
  [
    '1是 2否',
    [
      [1, '是'],
      [2, '否'],
    ],
  ],
  [
    '10A 11B',
    [
      [10, 'A'],
      [11, 'B'],
    ],
  ],
  ['1ABCD', [[1, 'ABCD']]],
  [
    '1A,,2B',
    [
      [1, 'A'],
      [2, 'B'],
    ],
  ],
  ['  1A  ', [[1, 'A']]],
  [
    '1A，2B，3C',
    [
      [1, 'A'],
      [2, 'B'],
      [3, 'C'],
    ],
  ],
  ['abc', { bad: 'ABC' }],
  ['A', { bad: 'A' }],
  ['1A 2', { bad: '2' }],
  ['1A 好的', { bad: '好的' }],
  ['一A', { bad: '一A' }],
  ['', { bad: '' }],
  ['1?', { bad: '1?' }],
  ['123A', { bad: '123A' }],
]

describe('reading typed answers', () => {
  it.each(FORMS)('%j', (typed, expected) => {
    const parsed = parseAnswers(typed)
    if (Array.isArray(expected))
      expect(parsed).toEqual({ ok: true, items: expected.map(([n, raw]) => ({ n, raw })) })
    else expect(parsed).toEqual({ ok: false, ...expected })
  })

  it('reads a bare challenge answer', () => {
    expect(parseBareAnswer(' b ')).toBe('B')
    expect(parseBareAnswer('对')).toBe('对')
    expect(parseBareAnswer('1A')).toBeUndefined()
  })
})

describe('judging', () => {
  it('normalizes letters and true/false words per question', () => {
    expect(judge('multiple', 4, 'ABD', 'DBA')).toEqual({ valid: true, given: 'ABD', correct: true })
    expect(judge('multiple', 4, 'ABD', 'AAB')).toEqual({ valid: true, given: 'AB', correct: false })
    expect(judge('single', 4, 'C', 'C')).toEqual({ valid: true, given: 'C', correct: true })
    expect(judge('single', 4, 'C', 'CD')).toEqual({ valid: false, reason: 'oneOnly' })
    expect(judge('single', 4, 'C', 'E')).toEqual({ valid: false, reason: 'notOption' })
    expect(judge('single', 6, 'F', 'F')).toEqual({ valid: true, given: 'F', correct: true })
    expect(judge('judge', 0, 'F', 'F')).toEqual({ valid: true, given: 'F', correct: true })
    expect(judge('judge', 0, 'T', '√')).toEqual({ valid: true, given: 'T', correct: true })
    expect(judge('judge', 0, 'T', 'X')).toEqual({ valid: true, given: 'F', correct: false })
    expect(judge('judge', 0, 'T', 'A')).toEqual({ valid: false, reason: 'notTrueFalse' })
  })

  it('awards within the daily cap', () => {
    expect(quizAward(3, 1, 5, 0)).toEqual([1, 1, 1])
    expect(quizAward(3, 1, 5, 4)).toEqual([1, 0, 0])
    expect(quizAward(2, 2, null, 99)).toEqual([2, 2])
  })
})

describe('drawing the daily set', () => {
  const bank = [
    { id: 1, category: '党章' },
    { id: 2, category: '党章' },
    { id: 3, category: '党章' },
    { id: 4, category: '安全' },
    { id: 5, category: '安全' },
    { id: 6, category: '安全' },
  ]

  it('draws the same set for the same branch and day, and mixes categories', () => {
    const a = drawSet(bankOf(bank), new Map(), 4, '7:2026-11-25')
    expect(drawSet(bankOf(bank), new Map(), 4, '7:2026-11-25')).toEqual(a)
    expect(a.filter((id) => id <= 3)).toHaveLength(2)
    expect(a.filter((id) => id >= 4)).toHaveLength(2)
  })

  it('prefers questions the branch has not had, then the ones seen longest ago', () => {
    const seen = new Map([
      [1, '2026-11-20'],
      [2, '2026-11-24'],
      [4, '2026-11-22'],
      [5, '2026-11-24'],
    ])
    const set = drawSet(bankOf(bank), seen, 4, 'x')
    expect(set.slice(0, 2).sort()).toEqual([3, 6])
    expect(set.slice(2)).toEqual([1, 4])
  })
})

describe('branch ranking', () => {
  it('ranks by points per member and lets equal averages share a place', () => {
    expect(
      rankBranches([
        { unitId: 1, name: '大支部', points: 100, members: 50 },
        { unitId: 2, name: '小支部', points: 30, members: 5 },
        { unitId: 3, name: '中支部', points: 40, members: 20 },
        { unitId: 4, name: '空支部', points: 0, members: 0 },
      ]).map((r) => [r.name, r.average, r.place]),
    ).toEqual([
      ['小支部', 6, 1],
      ['大支部', 2, 2],
      ['中支部', 2, 2],
    ])
  })
})
