import { z } from 'zod'
import { unitByCode } from '../db/queries'
import { chats } from '../db/schema'
import { loadUnits } from '../db/units'
import { holdsOver } from '../domain/members'
import { UserError } from '../errors'
import { text } from '../messages'
import { command, type Me, type Outcome, reply } from './command'

const unitCode = z.string({ message: 'arg.unitCode' }).regex(/^[A-Za-z0-9-]{1,20}$/, 'arg.unitCode')

export const bindChat = command({
  id: 'bindchat',
  names: ['绑定群'],
  aliases: ['bindchat'],
  who: ['secretary', 'admin'],
  chat: 'group',
  params: [{ name: 'code' }],
  args: z.object({ code: unitCode }),
  async run(ctx, { code }): Promise<Outcome> {
    const me = ctx.me as Me
    const unit = await unitByCode(ctx.db, code.toUpperCase())
    if (!unit || unit.kind === 'group') throw new UserError('bind.chatUnknownUnit', { code })
    const units = await loadUnits(ctx.db)
    const isAdmin = me.grants.some((g) => g.role === 'admin')
    if (!isAdmin && !holdsOver(me, 'secretary', unit.id, units)) {
      const own = units.get(me.branchId)?.code ?? ''
      throw new UserError('bind.chatNotYours', { code: own })
    }
    const params = { unit: unit.name, code: unit.code }
    if (ctx.chat?.unitId === unit.id) return reply(text(ctx.t('bind.chatAlready', params)))
    const row = {
      platform: ctx.platform,
      chatId: ctx.chatId,
      unitId: unit.id,
      boundBy: me.id,
      boundAt: ctx.now,
    }
    return {
      writes: [
        ctx.db
          .insert(chats)
          .values(row)
          .onConflictDoUpdate({
            target: [chats.platform, chats.chatId],
            set: { unitId: unit.id, boundBy: me.id, boundAt: ctx.now },
          }),
      ],
      replies: [
        text(
          ctx.chat
            ? ctx.t('bind.chatMoved', { ...params, from: ctx.chat.unitName })
            : ctx.t('bind.chatDone', params),
        ),
      ],
    }
  },
})
