import { describe, expect, it } from 'vitest'
import { buttonKey, decodeButtonKey, renderWecom } from '../../adapters/wecom/cards'
import { inertMarkdown, trustedMarkdown } from '../../adapters/wecom/markdown'
import type { Card } from '../../src/cards/card'
import { escapeMarkdown } from '../../src/cards/markdown'
import { card, text } from '../../src/messages'

const EVIL = '**粗体** [链接](https://evil.example) <font color="warning">红</font> @all\n# 标题\n> 引用'
const ZW = /\u200b/g

const evilCard: Card = {
  title: `审批 ${EVIL}`,
  tone: 'info',
  sections: [
    { kind: 'markdown', text: `**申请人**：${escapeMarkdown(EVIL)}` },
    { kind: 'fields', fields: [{ label: '说明', value: EVIL }] },
    { kind: 'table', columns: ['姓名'], rows: [[EVIL]] },
    { kind: 'buttons', buttons: [{ label: '确认', action: 'bind.approve', value: '17', style: 'primary' }] },
  ],
}

/** What WeCom's or DingTalk's markdown would read as markup: bold, a link, a tag, a heading or quote, a mention, a URL. */
const MARKUP = /\*\*|\]\(|<font|^#|^>|@all|https:\/\//m
const boldCount = (s: string) => s.match(/\*\*/g)?.length ?? 0

describe('WeCom and DingTalk markdown', () => {
  it('makes plain text inert but leaves its words readable', () => {
    const inert = inertMarkdown(EVIL)
    expect(inert).not.toMatch(MARKUP)
    expect(inert.replace(ZW, '')).toBe(EVIL)
  })

  it('keeps the card’s own bold and nothing of the user’s', () => {
    const md = trustedMarkdown(`**申请人**：${escapeMarkdown(EVIL)}`)
    expect(md.startsWith('\u200b**申请人**：')).toBe(true)
    expect(md.slice('\u200b**申请人**'.length)).not.toMatch(MARKUP)
  })
})

describe('WeCom rendering', () => {
  it('sends a card with buttons to a member as a button_interaction template card', () => {
    const body = renderWecom(card(evilCard), 'member', '0b9c-uuid')
    expect(body.msgtype).toBe('template_card')
    const tc = body.template_card as Record<string, unknown>
    expect(tc).toMatchObject({ card_type: 'button_interaction', task_id: '0b9c-uuid' })
    expect(tc.button_list).toEqual([{ text: '确认', style: 1, key: 'bind.approve|17' }])
    expect((tc.main_title as { title: string }).title.length).toBeLessThanOrEqual(36)
  })

  it('sends a group card as markdown with every user string inert and the buttons as text', () => {
    const body = renderWecom(card(evilCard), 'group', 'id')
    expect(body.msgtype).toBe('markdown')
    const content = (body.markdown as { content: string }).content
    // The card's own bold: the title, 申请人 and 说明; no other `**`, link, tag, heading, quote, mention or URL.
    expect(boldCount(content)).toBe(6)
    expect(content.replace(/\*\*/g, '')).not.toMatch(MARKUP)
    expect(content.replace(ZW, '')).toContain('[确认]')
  })

  it('cuts text to 2048 bytes', () => {
    const body = renderWecom(text('签'.repeat(3000)), 'member', 'id')
    expect(Buffer.byteLength((body.text as { content: string }).content)).toBeLessThanOrEqual(2048)
  })

  it('round-trips a button key', () => {
    expect(decodeButtonKey(buttonKey({ action: 'task.done', value: 'a|b' }))).toEqual({
      action: 'task.done',
      value: 'a|b',
    })
    expect(decodeButtonKey('garbage')).toBeUndefined()
  })
})
