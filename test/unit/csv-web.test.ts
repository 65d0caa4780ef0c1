import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseCsvWeb } from '../../src/attachments/csv'
import { parseCsv } from '../../src/import/read-table'
import { TableFileError } from '../../src/import/table'

const bytes = (s: string) => new TextEncoder().encode(s)

describe("the Worker's CSV reader", () => {
  it.each(['roster/good.csv', 'roster/bad.csv', 'questions/good.csv', 'production/good.csv'])(
    'reads %s exactly as the command line does',
    (name) => {
      const file = fs.readFileSync(new URL(`../fixtures/${name}`, import.meta.url))
      expect(parseCsvWeb(file)).toEqual(parseCsv(file))
    },
  )

  it('keeps quoted commas, doubled quotes, line breaks in quotes and blank lines as rows', () => {
    const text = '\uFEFF编码,题干\r\n"A-1","他说""好"",然后\n走了"\r\n\r\nA-2,直接\n'
    expect(parseCsvWeb(bytes(text))).toEqual({
      headerRow: 1,
      header: ['编码', '题干'],
      rows: [
        { row: 2, cells: ['A-1', '他说"好",然后\n走了'] },
        { row: 4, cells: ['A-2', '直接'] },
      ],
    })
  })

  it('refuses a file that is not UTF-8 and an unclosed quote', () => {
    expect(() => parseCsvWeb(new Uint8Array([0xb9, 0xa4, 0xba, 0xc5]))).toThrow(TableFileError)
    expect(() => parseCsvWeb(bytes('a,b\n"x,y\n'))).toThrow('引号没有成对')
  })
})
