import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS_DOC } from '../../src/domain/settings'
import { validateCalendar } from '../../src/import/calendar'
import { validateQuestions } from '../../src/import/questions'
import { parseCsv, type RawTable, TableFileError } from '../../src/import/read-table'
import { validateRoster } from '../../src/import/roster'
import { validateShifts } from '../../src/import/shifts'

const RUNS = 10_000
const encoder = new TextEncoder()

// The headers each import knows, so generated tables reach the row checks and not only "unknown column".
const HEADERS = {
  roster: ['工号', '姓名', '支部编码', '党小组编码', '角色', '飞书ID', 'TelegramID', '在册', '岗位'],
  questions: [
    '编码',
    '题型',
    '分类',
    '难度',
    '题干',
    '选项A',
    '选项B',
    '选项C',
    '选项D',
    '答案',
    '解析',
    '出处',
    '原文',
  ],
  calendar: [
    '类别',
    '编码',
    '范围',
    '名称',
    '类型',
    '开始日期',
    '结束日期',
    '规则',
    '时间',
    '提前天数',
    '催办天数',
    '顺延',
    '提示语',
    '启用',
  ],
  shifts: ['类型', '编码', '工号', '日期', '周期', '起始日期', '班次'],
}

const cell = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'ZC01',
    'ZC01-1',
    'DW',
    '书记',
    '委员',
    '是',
    '否',
    '单选',
    '判断',
    '多选',
    'A',
    'A,B',
    '对',
  ),
  fc.constantFrom(
    '2026-02-29',
    '2027-01-01',
    '12-15',
    '99:99',
    '08:00',
    '早,中,夜,休',
    '早班',
    '-1',
    '1e9',
    '=cmd|calc',
  ),
  fc.string({ maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
)

/** A CSV with a plausible header (maybe shuffled, doubled or partial) and odd cells, as bytes. */
const csvOf = (header: string[]) =>
  fc
    .tuple(
      fc.shuffledSubarray([...header, ...header.slice(0, 2), '备注']),
      fc.array(fc.array(cell, { maxLength: 16 }), { maxLength: 8 }),
    )
    .map(([head, rows]) =>
      encoder.encode(
        [head, ...rows]
          .map((r) => r.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
          .join('\n'),
      ),
    )

const rawBytes = fc.uint8Array({ maxLength: 300 })

/** Parses like the importer does: a refusal is a TableFileError with a message, anything else is a bug. */
function tableOf(bytes: Uint8Array): RawTable | undefined {
  try {
    return parseCsv(bytes)
  } catch (err) {
    expect(err).toBeInstanceOf(TableFileError)
    expect((err as Error).message.length).toBeGreaterThan(0)
    return undefined
  }
}

const units = new Map([
  ['DW', { code: 'DW', kind: 'committee' as const, parentCode: null }],
  ['ZC01', { code: 'ZC01', kind: 'branch' as const, parentCode: 'DW' }],
  ['ZC01-1', { code: 'ZC01-1', kind: 'group' as const, parentCode: 'ZC01' }],
])

/** Each problem names a row and says what is wrong: what the admin reads in the report. */
function expectReadable(problems: { row: number; message: string }[]) {
  for (const p of problems) {
    expect(Number.isInteger(p.row)).toBe(true)
    expect(p.message.length).toBeGreaterThan(0)
  }
}

describe('importers under generated files', () => {
  it(`the CSV reader refuses or reads ${RUNS} random byte strings without crashing`, () => {
    fc.assert(
      fc.property(rawBytes, (bytes) => {
        tableOf(bytes)
      }),
      { numRuns: RUNS, seed: 21 },
    )
  })

  const cases = [
    ['roster', (t: RawTable) => validateRoster(t, { units, accounts: new Map() }).problems],
    ['questions', (t: RawTable) => validateQuestions(t, { stems: new Map() }).problems],
    ['calendar', (t: RawTable) => validateCalendar(t, { unitCodes: new Set(units.keys()) }).problems],
    [
      'shifts',
      (t: RawTable) =>
        validateShifts(t, {
          groupCodes: new Set(['ZC01-1']),
          employeeNos: new Set(['1002']),
          shifts: DEFAULT_SETTINGS_DOC.shifts,
        }).problems,
    ],
  ] as const

  for (const [kind, validate] of cases) {
    it(`the ${kind} import answers ${RUNS} generated tables with rows or with readable problems`, () => {
      fc.assert(
        fc.property(csvOf(HEADERS[kind]), (bytes) => {
          const table = tableOf(bytes)
          if (table) expectReadable(validate(table))
        }),
        { numRuns: RUNS, seed: 22 },
      )
    }, 180_000)
  }
})
