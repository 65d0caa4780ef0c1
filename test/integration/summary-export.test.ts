import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Card } from '../../src/cards/card'
import { type Bot, startBot } from '../support/bot'
import { summaryFixture } from '../support/summary-fixture'

let bot: Bot
beforeEach(async () => {
  bot = await startBot()
})
afterEach(() => bot.close())

type FileReply = { kind: 'file'; text: string; name: string; url: string }
type Row = (string | number | null)[]

/** Downloads a file the simulator shows, as the chat page's link does. */
async function download(url: string) {
  const res = await bot.app.request(url)
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) }
}

async function workbook(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  return wb
}

/** A sheet's title and its rows below the header, as values (an empty cell is null). */
function sheet(wb: ExcelJS.Workbook, name: string): { title: string; columns: Row; rows: Row[] } {
  const ws = wb.getWorksheet(name)
  if (!ws) throw new Error(`no sheet ${name}: ${wb.worksheets.map((w) => w.name).join(', ')}`)
  const values: Row[] = []
  ws.eachRow((row) => {
    const cells: Row = []
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value
      cells.push(v === undefined ? null : (v as string | number | null))
    }
    values.push(cells)
  })
  // Row 1 is the title alone; the header row is as wide as the sheet.
  return { title: String(values[0]?.[0]), columns: values[1] ?? [], rows: values.slice(2) }
}

const tableOf = (card: Card, firstColumn: string) => {
  const t = card.sections.find((s) => s.kind === 'table' && s.columns[0] === firstColumn)
  if (t?.kind !== 'table') throw new Error(`no table starting ${firstColumn}`)
  return t.rows
}
const fieldOf = (card: Card, label: string) => {
  const f = card.sections.flatMap((s) => (s.kind === 'fields' ? s.fields : [])).find((x) => x.label === label)
  if (!f) throw new Error(`no field ${label}`)
  return f.value
}
/** A cell as the card prints it: a percent with %, an empty cell as —. */
const asCard = (v: string | number | null, percent = false) =>
  v === null ? '—' : percent ? `${v}%` : String(v)

async function exported(userId: string, line: string, chatId = userId) {
  const replies = await bot.say(userId, line, chatId)
  expect(replies).toHaveLength(1)
  const file = replies[0] as unknown as FileReply
  expect(file.kind).toBe('file')
  const { res, bytes } = await download(file.url)
  expect(res.status).toBe(200)
  return { file, res, wb: await workbook(bytes) }
}

describe('汇总 … 导出', () => {
  it('gives the organisation month as an XLSX whose cells are the card’s numbers', async () => {
    await summaryFixture(bot)
    const [shown] = await bot.say('u1032', '汇总 全部 本月')
    const card = shown?.card as Card
    const { file, res, wb } = await exported('u1032', '汇总 全部 本月 导出')

    expect(file.name).toBe('汇总_示范煤矿党委_2026-11-01_2026-11-25.xlsx')
    expect(file.text).toBe(
      '汇总表格 · 示范煤矿党委 · 本月（2026-11-01 ~ 2026-11-25）：汇总_示范煤矿党委_2026-11-01_2026-11-25.xlsx',
    )
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(file.name)}`,
    )
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '总览',
      '支部排名',
      '需重点关注',
      '出勤',
      '答题',
      '任务',
      '生产',
      '积分',
      '积分前列',
      '整改',
    ])

    // The overview: hand-counted in summary.test.ts, and the card's own fields.
    const overview = sheet(wb, '总览')
    expect(overview.title).toBe(
      '总览 · 示范煤矿党委 · 本月（2026-11-01 ~ 2026-11-25，对比 2026-10-01 ~ 2026-10-25）',
    )
    expect(overview.columns).toEqual(['指标', '本期', '上一同期', '变化'])
    const row = (label: string) => overview.rows.find((r) => r[0] === label)?.slice(1)
    expect(row('支部数')).toEqual([5, null, null])
    expect(row('党员人数')).toEqual([40, 40, 0])
    expect(row('出勤率(%)')).toEqual([56.7, 80, -23.3])
    expect(fieldOf(card, '出勤率')).toBe('56.7%（3 场）（↓23.3）')
    expect(row('活动场次')?.[0]).toBe(3)
    expect(row('答题参与率(%)')).toEqual([7.5, 2.5, 5])
    expect(fieldOf(card, '答题参与率')).toBe('7.5%（↑5）')
    expect(row('答题正确率(%)')).toEqual([75, 0, 75])
    expect(fieldOf(card, '答题正确率')).toBe('75%（↑75）')
    expect(row('到期任务：按时完成')?.[0]).toBe(1)
    expect(row('到期任务：逾期完成')?.[0]).toBe(1)
    expect(row('到期任务：逾期未完成')?.[0]).toBe(1)
    expect(row('到期任务：未到期')?.[0]).toBe(1)
    expect(fieldOf(card, '本期到期任务')).toBe('按时完成 1 · 逾期完成 1 · 逾期未完成 1 · 未到期 1')
    expect(row('目标项数')?.[0]).toBe(2)
    expect(row('目标平均进度(%)')?.[0]).toBe(35)
    expect(fieldOf(card, '目标进度')).toBe('2 项，平均 35%')
    expect(row('生产计划完成(%)')?.[0]).toBe(3)
    expect(fieldOf(card, '生产计划完成')).toContain('3%')
    expect(row('积分合计')).toEqual([38, 7, 31])
    expect(fieldOf(card, '积分合计')).toBe('38（↑31）')
    expect(row('未销号整改')?.[0]).toBe(2)
    expect(fieldOf(card, '未销号整改')).toBe('2')
    expect(row('第一议题学习完成率(%)')).toEqual([6, 10, -4])
    expect(fieldOf(card, '第一议题学习完成率')).toBe('6%（↓4）')

    // The ranking, every branch: the card's table row for row (its arrows are the export's change).
    const ranking = sheet(wb, '支部排名')
    expect(ranking.rows).toEqual([
      [1, '机电队党支部', 'JD01', 54.2, 54.2, 90, 0, null, null, 100, 0],
      [2, '综采一队党支部', 'ZC01', 35.6, -29.1, 40, 52.5, 33.3, 3, 90, 15],
      [3, '机关党支部', 'JG01', 0, 0, null, 0, null, null, 0, 0],
      [4, '通风安全队党支部', 'TF01', 0, 0, null, 0, null, null, 0, 0],
      [5, '开拓队党支部', 'KY01', null, null, null, null, null, null, null, null],
    ])
    const cardRanking = tableOf(card, '名次')
    ranking.rows.forEach((r, i) => {
      const shownRow = cardRanking[i] as string[]
      expect([shownRow[0], shownRow[1], shownRow[2]]).toEqual([String(r[0]), r[1], asCard(r[3] ?? null)])
      expect(shownRow.slice(4)).toEqual(r.slice(5).map((v) => asCard(v)))
    })

    expect(sheet(wb, '需重点关注').rows).toEqual([
      [1, '通风安全队党支部', 0, '答题', 0],
      [2, '机关党支部', 0, '答题', 0],
      [3, '综采一队党支部', 35.6, '生产', 3],
    ])

    const attendance = sheet(wb, '出勤')
    expect(attendance.rows).toEqual([
      ['党课', 1, 10, 5, 50],
      ['主题党日', 2, 20, 12, 60],
    ])
    expect(tableOf(card, '活动类型')).toEqual(
      attendance.rows.map((r) => [r[0], ...r.slice(1, 4).map((v) => asCard(v)), asCard(r[4] ?? null, true)]),
    )

    const quiz = sheet(wb, '答题')
    expect(quiz.rows).toEqual([
      ['党章', 2, 2, 100],
      ['安全', 2, 1, 50],
    ])
    expect(tableOf(card, '题目类别')).toEqual(
      quiz.rows.map((r) => [r[0], asCard(r[1] ?? null), asCard(r[2] ?? null), asCard(r[3] ?? null, true)]),
    )

    expect(sheet(wb, '生产').rows).toEqual([
      ['原煤产量', '吨', 4500, 75000, 6, null],
      ['三违', '起', 1, 0, null, '否'],
    ])
    expect(tableOf(card, '指标')).toEqual([
      ['原煤产量', '4500吨', '75000吨', '6%'],
      ['三违', '1起', '≤0起', '⚠️ 超出'],
    ])

    // Per branch in the order of their codes, with the card's total last.
    expect(sheet(wb, '任务').rows.at(-1)).toEqual(['合计', 1, 1, 1, 1, 2, 35])
    expect(sheet(wb, '积分').rows).toEqual([
      ['机电队党支部', 10, 20],
      ['机关党支部', 10, 0],
      ['开拓队党支部', 0, 0],
      ['通风安全队党支部', 10, 0],
      ['综采一队党支部', 10, 18],
      ['合计', 40, 38],
    ])
    const top = sheet(wb, '积分前列').rows
    expect(top.slice(0, 3)).toEqual([
      ['孙红梅', '机电队党支部', 20],
      ['李卫东', '综采一队党支部', 13],
      ['张永刚', '综采一队党支部', 5],
    ])
    expect(tableOf(card, '姓名')).toEqual(top.map((r) => r.map((v) => asCard(v))))
    expect(sheet(wb, '整改').rows.at(-1)).toEqual(['合计', 2])
  })

  it('exports from the card’s button, for a secretary’s own branch, in English when chosen', async () => {
    const [shown] = await bot.say('u1001', '汇总', 'g-ZC01')
    const buttons = (shown?.card as Card | undefined)?.sections.find((s) => s.kind === 'buttons')
    expect(buttons?.kind === 'buttons' && buttons.buttons.at(-1)).toEqual({
      label: '导出表格',
      action: 'summary.export',
      value: 'ZC01:month',
    })
    const answer = await bot.clickRaw('u1001', 'summary.export', 'ZC01:month', 'g-ZC01')
    const file = answer.replies[0] as unknown as FileReply
    expect(file.name).toBe('汇总_综采一队党支部_2026-11-01_2026-11-25.xlsx')
    const wb = await workbook((await download(file.url)).bytes)
    // A branch: no ranking, no total rows.
    expect(wb.worksheets.map((w) => w.name)).not.toContain('支部排名')
    expect(sheet(wb, '整改').rows).toEqual([['综采一队党支部', 0]])

    await bot.say('u1001', '语言 en')
    const { file: en, wb: book } = await exported('u1001', '/summary quarter export')
    expect(en.name).toBe('summary_综采一队党支部_2026-10-01_2026-11-25.xlsx')
    expect(sheet(book, 'Overview').columns).toEqual(['Figure', 'This period', 'Stretch before', 'Change'])
  })

  it('refuses a member, and a secretary asking for another branch', async () => {
    expect(await bot.read('u1002', '汇总 导出')).toBe('抱歉，「汇总」只有党委领导或支部书记可以使用。')
    expect(await bot.read('u1011', '汇总 ZC01 导出')).toBe(
      '您不能查看「综采一队党支部」的汇总：党委领导可看所辖支部，支部书记只可看本支部。',
    )
    expect(await bot.click('u1002', 'summary.export', 'ZC01:month')).toContain(
      '您不能查看「综采一队党支部」的汇总',
    )
    expect(await bot.read('u1032', '汇总 导出 导出')).toContain('可加 导出')
  })

  it('serves no file for an unknown id', async () => {
    expect((await bot.app.request('/dev/files/nope')).status).toBe(404)
  })
})
