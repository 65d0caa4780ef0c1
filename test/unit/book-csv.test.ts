import { describe, expect, it } from 'vitest'
import { csvBook } from '../../src/export/book-csv'

describe('the Workers export (CSV)', () => {
  it('writes every sheet after the other with a UTF-8 BOM, numbers bare and text quoted when it must be', async () => {
    const file = await csvBook({
      name: '汇总_综采一队党支部_2026-11-01_2026-11-25',
      sheets: [
        {
          name: '总览',
          title: '总览 · 综采一队党支部',
          columns: ['指标', '本期'],
          rows: [
            ['出勤率(%)', 56.7],
            ['空', null],
          ],
        },
        { name: '答题', title: '答题', columns: ['题目类别', '答题数'], rows: [['安全, "三违"', 2]] },
      ],
    })
    expect(file.name).toBe('汇总_综采一队党支部_2026-11-01_2026-11-25.csv')
    expect(file.mime).toBe('text/csv; charset=utf-8')
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(file.bytes.slice(3))).toBe(
      '总览 · 综采一队党支部\r\n指标,本期\r\n出勤率(%),56.7\r\n空,\r\n\r\n答题\r\n题目类别,答题数\r\n"安全, ""三违""",2\r\n',
    )
  })
})
