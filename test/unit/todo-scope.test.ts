import { describe, expect, it } from 'vitest'
import { attendance } from '../../src/domain/checkin'
import { subtree, type UnitNode } from '../../src/domain/members'
import { missingOf, unitsUnder } from '../../src/domain/todo'

/** A committee with two general branches (one with a sub-branch), a branch listed before its parent, a stray unit. */
const tree: UnitNode[] = [
  { id: 1, parentId: null, code: 'DW', name: '党委', kind: 'committee' },
  { id: 9, parentId: 3, code: 'B3a', name: '三支部一组', kind: 'branch' },
  { id: 2, parentId: 1, code: 'Z1', name: '一总支', kind: 'general' },
  { id: 3, parentId: 1, code: 'Z2', name: '二总支', kind: 'general' },
  { id: 4, parentId: 2, code: 'B1', name: '一支部', kind: 'branch' },
  { id: 5, parentId: 2, code: 'B2', name: '二支部', kind: 'branch' },
  { id: 6, parentId: 3, code: 'B3', name: '三支部', kind: 'branch' },
  { id: 7, parentId: 42, code: 'X', name: '无上级', kind: 'branch' },
]
const units = new Map(tree.map((u) => [u.id, u]))

describe('unitsUnder', () => {
  it('gives each unit and everything below it, in the order subtree gives', () => {
    expect(unitsUnder(units, 1)).toEqual([1, 9, 2, 3, 4, 5, 6])
    expect(unitsUnder(units, 3)).toEqual([9, 3, 6])
    expect(unitsUnder(units, 5)).toEqual([5])
    expect(unitsUnder(units, 7)).toEqual([7])
    expect(unitsUnder(units, 99)).toEqual([])
    for (const id of [...units.keys(), 99]) expect(unitsUnder(units, id)).toEqual(subtree(units, id))
  })

  it('answers for a tree read again, not the tree it first saw', () => {
    const moved = new Map(units)
    moved.set(6, { ...(units.get(6) as UnitNode), parentId: 2 })
    expect(unitsUnder(moved, 2)).toEqual([2, 4, 5, 6])
    expect(unitsUnder(units, 2)).toEqual([2, 4, 5])
  })
})

describe('missingOf', () => {
  const expected = [
    { id: 1, name: '甲' },
    { id: 2, name: '乙' },
    { id: 3, name: '丙' },
    { id: 4, name: '丁' },
    { id: 5, name: '戊' },
  ]
  // 甲 came; 乙 came, then was marked absent; 丙 was absent, then made up late; 丁 is on leave; 戊 has nothing;
  // 己 is not expected here (a visitor) and changes nothing.
  const records = [
    { id: 10, memberId: 1, status: 'onTime' as const, reason: null, at: 1 },
    { id: 14, memberId: 2, status: 'absent' as const, reason: null, at: 5 },
    { id: 11, memberId: 2, status: 'onTime' as const, reason: null, at: 2 },
    { id: 12, memberId: 3, status: 'absent' as const, reason: null, at: 3 },
    { id: 15, memberId: 3, status: 'late' as const, reason: null, at: 6 },
    { id: 13, memberId: 4, status: 'leave' as const, reason: '病假', at: 4 },
    { id: 16, memberId: 6, status: 'onTime' as const, reason: null, at: 7 },
  ]

  it('misses those whose latest record is absent or who have none, as the attendance card counts them', () => {
    expect(missingOf(expected, records)).toEqual([
      { id: 2, name: '乙' },
      { id: 5, name: '戊' },
    ])
    expect(missingOf(expected, records)).toEqual(attendance(expected, records, new Map()).missing)
    expect(missingOf(expected, [])).toEqual(expected)
  })
})
