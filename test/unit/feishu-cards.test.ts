import { describe, expect, it } from 'vitest'
import { escapeLarkMd, renderCard, renderText } from '../../adapters/feishu/cards'
import type { Card } from '../../src/cards/card'

describe('renderCard', () => {
  it('renders a small card as the card JSON 2.0 written out here', () => {
    const c: Card = {
      title: '本周汇总',
      tone: 'success',
      sections: [
        { kind: 'markdown', text: '**已签到** 3 人' },
        {
          kind: 'fields',
          fields: [
            { label: '支部', value: '一支部' },
            { label: '积分', value: '12' },
          ],
        },
        {
          kind: 'table',
          columns: ['姓名', '积分'],
          rows: [
            ['张三', '5'],
            ['李四', '7'],
          ],
        },
        {
          kind: 'buttons',
          buttons: [
            { label: '详情', action: 'summary.open', value: 'b1', style: 'primary' },
            { label: '取消', action: 'summary.close', value: 'b1' },
          ],
        },
      ],
    }
    expect(renderCard(c)).toEqual({
      schema: '2.0',
      header: { title: { tag: 'plain_text', content: '本周汇总' }, template: 'green' },
      body: {
        elements: [
          { tag: 'markdown', content: '**已签到** 3 人' },
          { tag: 'markdown', content: '**支部**：一支部\n**积分**：12' },
          {
            tag: 'table',
            page_size: 2,
            columns: [
              { name: 'c0', display_name: '姓名', data_type: 'text' },
              { name: 'c1', display_name: '积分', data_type: 'text' },
            ],
            rows: [
              { c0: '张三', c1: '5' },
              { c0: '李四', c1: '7' },
            ],
          },
          {
            tag: 'column_set',
            flex_mode: 'flow',
            columns: [
              {
                tag: 'column',
                width: 'auto',
                elements: [
                  {
                    tag: 'button',
                    text: { tag: 'plain_text', content: '详情' },
                    type: 'primary',
                    behaviors: [{ type: 'callback', value: { action: 'summary.open', value: 'b1' } }],
                  },
                ],
              },
              {
                tag: 'column',
                width: 'auto',
                elements: [
                  {
                    tag: 'button',
                    text: { tag: 'plain_text', content: '取消' },
                    type: 'default',
                    behaviors: [{ type: 'callback', value: { action: 'summary.close', value: 'b1' } }],
                  },
                ],
              },
            ],
          },
        ],
      },
    })
  })

  it('colours the header by tone', () => {
    const template = (tone: Card['tone']) =>
      (renderCard({ title: 't', tone, sections: [] }) as { header: { template: string } }).header.template
    expect(['info', 'success', 'warning', 'danger'].map((t) => template(t as Card['tone']))).toEqual([
      'blue',
      'green',
      'orange',
      'red',
    ])
  })

  it('draws a two-series bar chart and a pie chart as VChart specs', () => {
    const c: Card = {
      title: '出勤',
      tone: 'info',
      sections: [
        {
          kind: 'chart',
          chart: 'bar',
          title: '出勤率',
          labels: ['一月', '二月'],
          series: [
            { name: '一支部', data: [90, 95] },
            { name: '二支部', data: [80, 85] },
          ],
        },
        {
          kind: 'chart',
          chart: 'pie',
          labels: ['已签到', '请假'],
          series: [{ name: '人数', data: [30, 2] }],
        },
      ],
    }
    const { body } = renderCard(c) as { body: { elements: unknown[] } }
    expect(body.elements).toEqual([
      {
        tag: 'chart',
        chart_spec: {
          type: 'bar',
          title: { text: '出勤率' },
          data: {
            values: [
              { label: '一月', value: 90, series: '一支部' },
              { label: '二月', value: 95, series: '一支部' },
              { label: '一月', value: 80, series: '二支部' },
              { label: '二月', value: 85, series: '二支部' },
            ],
          },
          xField: ['label', 'series'],
          yField: 'value',
          seriesField: 'series',
          legends: { visible: true },
        },
      },
      {
        tag: 'chart',
        chart_spec: {
          type: 'pie',
          data: {
            values: [
              { label: '已签到', value: 30 },
              { label: '请假', value: 2 },
            ],
          },
          categoryField: 'label',
          valueField: 'value',
          legends: { visible: true },
        },
      },
    ])
  })

  it('puts a sixth table into escaped markdown lines, since a card holds five table components', () => {
    const t = { kind: 'table' as const, columns: ['a'], rows: [['x']] }
    const sixth = { kind: 'table' as const, columns: ['名字', '备注'], rows: [['张三', '**粗**|竖']] }
    const { body } = renderCard({ title: 't', tone: 'info', sections: [t, t, t, t, t, sixth] }) as {
      body: { elements: { tag: string; content?: string }[] }
    }
    expect(body.elements.map((e) => e.tag)).toEqual(['table', 'table', 'table', 'table', 'table', 'markdown'])
    expect(body.elements[5]?.content).toBe('名字 \\| 备注\n张三 \\| \\*\\*粗\\*\\*\\|竖')
  })

  it('cuts table rows with a "… +N" note to stay under 30 KB', () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => [`成员${i}`, '已完成第一议题学习'])
    const json = renderCard({
      title: '名单',
      tone: 'info',
      sections: [{ kind: 'table', columns: ['姓名', '状态'], rows }],
    })
    const size = new TextEncoder().encode(JSON.stringify(json)).length
    expect(size).toBeLessThanOrEqual(30 * 1024)
    const [table, note] = (json as { body: { elements: { rows?: unknown[]; content?: string }[] } }).body
      .elements
    const kept = table?.rows?.length ?? 0
    expect(kept).toBeGreaterThan(100)
    expect(note?.content).toBe(`… +${2_000 - kept}`)
  })
})

describe('escapeLarkMd', () => {
  it.each([
    ['<at id=all></at>大家好', '大家好'],
    ['[点我](https://evil.example)', '\\[点我\\]\\(https:\u200b//evil.example\\)'],
    ['**粗** _斜_ ~~删~~', '\\*\\*粗\\*\\* \\_斜\\_ \\~\\~删\\~\\~'],
    ['<font color=red>红</font>', '&lt;font color=red&gt;红&lt;/font&gt;'],
    ['&lt;at id=all&gt;', '&amp;lt;at id=all&amp;gt;'],
    ['# 标题\n- 列表\n1. 一', '\\# 标题\n\\- 列表\n1\\. 一'],
    ['a@b.com', 'a@\u200bb.com'],
  ])('%j → %j', (input, expected) => {
    expect(escapeLarkMd(input)).toBe(expected)
  })
})

describe('renderText', () => {
  it('removes mentions and breaks tags, links and emphasis with invisible spaces', () => {
    expect(renderText('<at user_id="all">所有人</at> 看 [这里](http://x) **重要** <b>粗</b>')).toEqual({
      text: '所有人 看 [这里]\u200b(http://x) *\u200b*重要*\u200b* <\u200bb>粗<\u200b/b>',
    })
  })

  it('leaves ordinary text alone', () => {
    expect(renderText('签到成功，积分 +2（今日 4/10）')).toEqual({ text: '签到成功，积分 +2（今日 4/10）' })
  })
})
