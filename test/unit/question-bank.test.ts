import { describe, expect, it } from 'vitest'
import { JUDGE_EVIDENCE, SAMPLE_QUESTIONS } from '../../src/db/question-bank'
import { OPTION_LETTERS } from '../../src/domain/question'

const count = (pick: (q: (typeof SAMPLE_QUESTIONS)[number]) => string) =>
  SAMPLE_QUESTIONS.reduce<Record<string, number>>((acc, q) => {
    acc[pick(q)] = (acc[pick(q)] ?? 0) + 1
    return acc
  }, {})

describe('the shipped sample question bank', () => {
  it('has at least 60 questions with unique codes and stems', () => {
    expect(SAMPLE_QUESTIONS.length).toBeGreaterThanOrEqual(60)
    expect(new Set(SAMPLE_QUESTIONS.map((q) => q.code)).size).toBe(SAMPLE_QUESTIONS.length)
    expect(new Set(SAMPLE_QUESTIONS.map((q) => q.stem.replace(/\s/g, ''))).size).toBe(SAMPLE_QUESTIONS.length)
  })

  it('mixes kinds and the four categories, each with a code of its own prefix', () => {
    expect(count((q) => q.kind)).toEqual({ single: 50, multiple: 15, judge: 25 })
    expect(count((q) => q.category)).toEqual({ 党章党规: 28, 理论学习: 17, 党史: 12, 安全生产: 33 })
    const prefix = { DZ: '党章党规', LL: '理论学习', DS: '党史', AQ: '安全生产' } as Record<string, string>
    for (const q of SAMPLE_QUESTIONS) {
      expect(q.code, q.code).toMatch(/^(DZ|LL|DS|AQ)-\d{3}$/)
      expect(q.category, q.code).toBe(prefix[q.code.slice(0, 2)])
    }
  })

  it('has well-formed options and answers', () => {
    for (const q of SAMPLE_QUESTIONS) {
      expect([1, 2, 3], q.code).toContain(q.difficulty)
      expect(q.stem.trim(), q.code).not.toBe('')
      expect(q.explanation.trim(), q.code).not.toBe('')
      if (q.kind === 'judge') {
        expect(q.options, q.code).toEqual([])
        expect(['T', 'F'], q.code).toContain(q.answer)
        continue
      }
      expect(q.options, q.code).toHaveLength(4)
      expect(new Set(q.options).size, q.code).toBe(4)
      const letters = [...q.answer]
      expect(letters.join(''), q.code).toBe([...new Set(letters)].sort().join(''))
      expect(
        letters.every((l) => 'ABCD'.includes(l)),
        q.code,
      ).toBe(true)
      if (q.kind === 'single') expect(letters, q.code).toHaveLength(1)
      else expect(letters.length, q.code).toBeGreaterThanOrEqual(2)
      expect(
        letters.length,
        `${q.code}: a multiple choice with every option keyed teaches nothing`,
      ).toBeLessThan(4)
    }
  })

  it('cites a source and quotes text that holds every keyed option', () => {
    for (const q of SAMPLE_QUESTIONS) {
      expect(q.source, q.code).toMatch(/\S/)
      if (q.kind === 'judge') continue
      for (const l of q.answer) {
        const option = q.options[OPTION_LETTERS.indexOf(l)] as string
        expect(q.quote, `${q.code} option ${l}「${option}」`).toContain(option)
      }
    }
  })

  it('decides each true/false question by a phrase of its quote', () => {
    const judges = SAMPLE_QUESTIONS.filter((q) => q.kind === 'judge')
    expect(Object.keys(JUDGE_EVIDENCE).sort()).toEqual(judges.map((q) => q.code).sort())
    for (const q of judges) {
      const phrase = JUDGE_EVIDENCE[q.code] as string
      expect(q.quote, q.code).toContain(phrase)
      // True: the stem states what the quote says. False: the stem says otherwise, and the quote shows the fact.
      if (q.answer === 'T') expect(q.stem, q.code).toContain(phrase)
      else expect(q.stem, q.code).not.toContain(phrase)
    }
    expect(judges.filter((q) => q.answer === 'F').length).toBeGreaterThanOrEqual(5)
  })
})
