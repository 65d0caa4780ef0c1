import { describe, expect, it } from 'vitest'
import { attendance, checkinAward, chooseActivity, timing, typeOfTitle } from '../../src/domain/checkin'

const w = { opensAt: 1_000, closesAt: 2_000, lateUntil: 3_000 }
const act = (id: number, opensAt: number, code: string | null = null) => ({
  ...w,
  id,
  opensAt,
  title: `a${id}`,
  code,
})

describe('check-in rules', () => {
  it('reads the meeting type from the title', () => {
    expect(typeOfTitle('十一月支部党员大会')).toBe('assembly')
    expect(typeOfTitle('支委会')).toBe('committee')
    expect(typeOfTitle('第一党小组会')).toBe('group')
    expect(typeOfTitle('书记讲党课')).toBe('lecture')
    expect(typeOfTitle('主题党日')).toBe('themeDay')
    expect(typeOfTitle('第一议题学习')).toBe('study')
    expect(typeOfTitle('庆七一表彰会')).toBe('stage')
    expect(typeOfTitle('篮球赛')).toBe('other')
  })

  it('puts each boundary on the right side', () => {
    expect(timing(w, 999)).toBe('notOpen')
    expect(timing(w, 1_000)).toBe('onTime')
    expect(timing(w, 1_999)).toBe('onTime')
    expect(timing(w, 2_000)).toBe('late')
    expect(timing(w, 2_999)).toBe('late')
    expect(timing(w, 3_000)).toBe('closed')
    expect(timing({ ...w, lateUntil: 2_000 }, 2_000)).toBe('closed')
  })

  it('lets a matching code choose, else the newest, and guards a coded newest', () => {
    const open = [act(1, 1_000, 'ABC'), act(2, 1_500)]
    expect(chooseActivity([], undefined)).toEqual({ kind: 'none' })
    expect(chooseActivity(open, 'abc')).toMatchObject({ kind: 'chosen', activity: { id: 1 }, among: 2 })
    expect(chooseActivity(open, undefined)).toMatchObject({ kind: 'chosen', activity: { id: 2 } })
    expect(chooseActivity(open, 'XYZ')).toMatchObject({ kind: 'chosen', activity: { id: 2 } })
    const coded = [act(1, 1_000), act(2, 1_500, 'K1')]
    expect(chooseActivity(coded, undefined)).toMatchObject({ kind: 'needCode', activity: { id: 2 } })
    expect(chooseActivity(coded, 'K2')).toMatchObject({ kind: 'wrongCode', activity: { id: 2 } })
  })

  it('awards within the daily cap that on-time and late share', () => {
    const rules = { onTime: { points: 2, dailyCap: 4 }, late: { points: 1, dailyCap: null } }
    expect(checkinAward('onTime', rules, 0)).toEqual({ points: 2, capped: false })
    expect(checkinAward('late', rules, 0)).toEqual({ points: 1, capped: false })
    expect(checkinAward('onTime', rules, 3)).toEqual({ points: 1, capped: true })
    expect(checkinAward('late', rules, 4)).toEqual({ points: 0, capped: true })
    expect(checkinAward('onTime', { ...rules, onTime: { points: 2, dailyCap: null } }, 99)).toEqual({
      points: 2,
      capped: false,
    })
  })

  it('counts the newest record of each member', () => {
    const people = [
      { id: 1, name: '甲' },
      { id: 2, name: '乙' },
      { id: 3, name: '丙' },
      { id: 4, name: '丁' },
    ]
    const names = new Map(people.map((p) => [p.id, p.name]))
    const a = attendance(
      people,
      [
        { id: 1, memberId: 1, status: 'leave', reason: '夜班', at: 1 },
        { id: 2, memberId: 1, status: 'onTime', reason: null, at: 2 },
        { id: 3, memberId: 2, status: 'late', reason: null, at: 3 },
        { id: 4, memberId: 3, status: 'leave', reason: '病假', at: 4 },
      ],
      names,
    )
    expect(a.onTime.map((p) => p.name)).toEqual(['甲'])
    expect(a.late.map((p) => p.name)).toEqual(['乙'])
    expect(a.leave).toEqual([{ id: 3, name: '丙', reason: '病假' }])
    expect(a.missing).toEqual([{ id: 4, name: '丁' }])
    expect(a.rate).toBe(0.5)
  })
})
