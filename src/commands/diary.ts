import { z } from 'zod'
import { diaryOf } from '../db/diary'
import { diaryNotes } from '../db/schema'
import { loadUnits } from '../db/units'
import { readDiary } from '../domain/diary'
import { holdsOver, oversees, subtree } from '../domain/members'
import { wallTime } from '../domain/time'
import { UserError } from '../errors'
import { card, text } from '../messages'
import { words } from './args'
import { type Ctx, command, type Me, reply } from './command'
import { resolveMember } from './points'

const SHOWN = 20

/** `民情 <内容> [@成员]`: the secretary's note, filed under the branch of the member it names, or their own. */
async function recordNote(ctx: Ctx, me: Me, input: string) {
  const units = await loadUnits(ctx.db)
  const entry = readDiary(input, ctx.settings.diary.categories)
  if (!entry.text) throw new UserError('supervision.diaryEmpty', {})
  const member = entry.memberRef ? await resolveMember(ctx, entry.memberRef) : undefined
  const own = me.grants.filter((g) => g.role === 'secretary').map((g) => g.unitId)
  const branchId = member?.branchId ?? own[0]
  if (branchId === undefined) throw new UserError('supervision.diaryOnlySecretary', {})
  if (!holdsOver(me, 'secretary', branchId, units))
    throw new UserError('supervision.diaryNotInBranch', { name: member?.name ?? '' })
  const write = ctx.db.insert(diaryNotes).values({
    branchId,
    authorId: me.id,
    memberId: member?.id ?? null,
    category: entry.category,
    text: entry.text,
    createdAt: ctx.now,
  })
  const about = member ? ctx.t('supervision.diaryAbout', { name: member.name }) : ''
  return {
    writes: [write],
    replies: [text(ctx.t('supervision.diaryDone', { category: entry.category, about }))],
  }
}

/** `民情` alone: the newest notes of the branches the asker is secretary or leader of. */
async function listNotes(ctx: Ctx, me: Me) {
  const units = await loadUnits(ctx.db)
  const roots = me.grants.filter((g) => g.role === 'secretary' || g.role === 'leader').map((g) => g.unitId)
  const branchIds = [...new Set(roots.flatMap((id) => subtree(units, id)))].filter((id) =>
    oversees(me, id, units),
  )
  const notes = await diaryOf(ctx.db, branchIds, SHOWN)
  if (notes.length === 0) return reply(text(ctx.t('supervision.diaryNone')))
  return reply(
    card({
      title: ctx.t('supervision.diaryTitle', { count: notes.length }),
      tone: 'info',
      sections: [
        {
          kind: 'table',
          columns: ctx.t('supervision.diaryColumns').split('|'),
          rows: notes.map((n) => [
            wallTime(n.createdAt, ctx.timeZone, true),
            n.branch,
            n.category,
            n.about ?? '',
            n.text,
          ]),
        },
      ],
    }),
  )
}

export const diaryCmd = command({
  id: 'diary',
  names: ['民情'],
  aliases: ['diary'],
  who: ['secretary', 'leader'],
  // A worker's family trouble or wavering thoughts are not for the branch group to read.
  chat: 'p2p',
  params: [{ name: 'text', rest: true }],
  args: z.object({ text: words(500).optional() }),
  async run(ctx, args) {
    const me = ctx.me as Me
    if (args.text === undefined) return listNotes(ctx, me)
    if (!me.grants.some((g) => g.role === 'secretary'))
      throw new UserError('supervision.diaryOnlySecretary', {})
    return recordNote(ctx, me, args.text)
  },
})
