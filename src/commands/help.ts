import { z } from 'zod'
import { markdownParams } from '../cards/markdown'
import { rolesOf } from '../domain/members'
import type { MessageKey } from '../i18n'
import { card } from '../messages'
import { type CommandDef, type Ctx, command, type Outcome, reply } from './command'
import type { CommandIndex } from './parse'
import { roleNames, usageOf } from './router'

function mayUse(ctx: Ctx, def: CommandDef): boolean {
  if (def.who === 'anyone') return true
  const mine = rolesOf(ctx.me)
  return def.who.some((r) => mine.includes(r))
}

function summaryOf(ctx: Ctx, def: CommandDef): string {
  const soon = def.run ? '' : ctx.t('help.comingSoon')
  return `${ctx.t(`cmd.${def.id}.summary` as MessageKey)}${soon}`
}

function listFor(ctx: Ctx, index: CommandIndex): Outcome {
  const usable = index.defs.filter((d) => mayUse(ctx, d) && d.run)
  const soon = index.defs.filter((d) => mayUse(ctx, d) && !d.run)
  const nameOf = (d: CommandDef) => (ctx.locale === 'en' ? `/${d.aliases[0]}` : (d.names[0] as string))
  const intro = ctx.me
    ? ctx.t(
        'help.intro',
        markdownParams({
          name: ` ${ctx.me.name}`,
          roles: roleNames(ctx, rolesOf(ctx.me), ctx.locale === 'en' ? ', ' : '、'),
        }),
      )
    : ctx.t('help.introUnbound')
  return reply(
    card({
      title: ctx.t('help.title'),
      tone: 'info',
      sections: [
        { kind: 'markdown', text: intro },
        {
          kind: 'table',
          columns: ctx.t('help.columns').split('|'),
          rows: usable.map((d) => [nameOf(d), summaryOf(ctx, d)]),
        },
        ...(soon.length
          ? [
              {
                kind: 'markdown' as const,
                text: ctx.t('help.soonList', {
                  list: soon.map(nameOf).join(ctx.locale === 'en' ? ', ' : '、'),
                }),
              },
            ]
          : []),
        { kind: 'markdown', text: ctx.t('help.footer') },
      ],
    }),
  )
}

function detailOf(ctx: Ctx, def: CommandDef): Outcome {
  const { usage, example } = usageOf(ctx, def)
  const where = def.chat === 'p2p' ? 'help.p2p' : def.chat === 'group' ? 'help.group' : 'help.any'
  return reply(
    card({
      title: ctx.t('help.detailTitle', {
        name: ctx.locale === 'en' ? `/${def.aliases[0]}` : (def.names[0] as string),
      }),
      tone: 'info',
      sections: [
        { kind: 'markdown', text: summaryOf(ctx, def) },
        {
          kind: 'fields',
          fields: [
            { label: ctx.t('help.usage'), value: usage },
            { label: ctx.t('help.example'), value: example },
            {
              label: ctx.t('help.aliases'),
              value: [...def.names, ...def.aliases.map((a) => `/${a}`)].join(' '),
            },
            {
              label: ctx.t('help.who'),
              value: def.who === 'anyone' ? ctx.t('help.anyone') : roleNames(ctx, def.who),
            },
            { label: ctx.t('help.where'), value: ctx.t(where) },
          ],
        },
      ],
    }),
  )
}

/** `帮助` needs the command index it describes, so it is built from it. */
export function helpCommand(index: () => CommandIndex) {
  return command({
    id: 'help',
    names: ['帮助'],
    aliases: ['help', 'start'],
    who: 'anyone',
    params: [{ name: 'topic' }],
    args: z.object({ topic: z.string().optional() }),
    async run(ctx, { topic }) {
      if (!topic) return listFor(ctx, index())
      const def = index().get(topic.replace(/^\//, ''))
      if (def) return detailOf(ctx, def)
      const suggestion = index().nearest(topic, 2)
      return reply({
        kind: 'text',
        text: suggestion
          ? ctx.t('common.suggest', { word: topic, suggestion })
          : ctx.t('common.unknown', { word: topic }),
      })
    },
  })
}
