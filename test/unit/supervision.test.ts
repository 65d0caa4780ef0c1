import { describe, expect, it } from 'vitest'
import { readDiary } from '../../src/domain/diary'
import { decideManual, manualSource } from '../../src/domain/manual-points'
import { splitStudyText, studyCompletion } from '../../src/domain/study'

const limits = { maxPerAward: 10, dailyCap: 20 }

describe('decideManual', () => {
  it('gives an award within both limits, signed', () => {
    expect(decideManual(1, 5, 0, limits)).toEqual({ kind: 'ok', points: 5, usedAfter: 5 })
    expect(decideManual(-1, 10, 10, limits)).toEqual({ kind: 'ok', points: -10, usedAfter: 20 })
  })
  it('refuses above maxPerAward and above what is left of the day', () => {
    expect(decideManual(1, 11, 0, limits)).toEqual({ kind: 'overAward', max: 10 })
    expect(decideManual(-1, 5, 16, limits)).toEqual({ kind: 'overDaily', cap: 20, used: 16 })
  })
  it('names each change of a day by its place', () => {
    expect(manualSource('2026-11-25', 3)).toBe('manual:2026-11-25:3')
  })
})

describe('splitStudyText', () => {
  it('reads a title alone, a title with text after a colon, and a title with a link', () => {
    expect(splitStudyText('学习新修订的煤矿安全规程')).toEqual({ title: '学习新修订的煤矿安全规程' })
    expect(splitStudyText('安全规程:第一章 总则')).toEqual({ title: '安全规程', body: '第一章 总则' })
    expect(splitStudyText('四中全会精神 https://example.org/a?b=1')).toEqual({
      title: '四中全会精神',
      body: 'https://example.org/a?b=1',
    })
    expect(splitStudyText('安全规程:')).toEqual({ title: '安全规程' })
  })
})

describe('studyCompletion', () => {
  it('counts only the expected members, earliest first', () => {
    const people = [
      { id: 1, name: '甲' },
      { id: 2, name: '乙' },
      { id: 3, name: '丙' },
      { id: 4, name: '丁' },
    ]
    const c = studyCompletion(people, [
      { memberId: 3, at: 200 },
      { memberId: 1, at: 100 },
      { memberId: 9, at: 50 },
    ])
    expect(c.studied.map((p) => p.name)).toEqual(['甲', '丙'])
    expect(c.missing.map((p) => p.name)).toEqual(['乙', '丁'])
    expect(c.rate).toBe(0.5)
    expect(studyCompletion([], []).rate).toBe(0)
  })
})

describe('readDiary', () => {
  const categories = ['家庭困难', '思想波动', '其他']
  it('takes a leading category word and one @member from anywhere', () => {
    expect(readDiary('家庭困难 老人住院 @1003', categories)).toEqual({
      category: '家庭困难',
      text: '老人住院',
      memberRef: '@1003',
    })
    expect(readDiary('@李四 思想波动 对调岗有顾虑', categories)).toEqual({
      category: '思想波动',
      text: '对调岗有顾虑',
      memberRef: '@李四',
    })
  })
  it('files under the last category otherwise, and a category word alone is the text', () => {
    expect(readDiary('夜班多 大家疲惫', categories)).toEqual({ category: '其他', text: '夜班多 大家疲惫' })
    expect(readDiary('家庭困难', categories)).toEqual({ category: '其他', text: '家庭困难' })
  })
})
